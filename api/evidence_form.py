"""An evidence sending's multipart body, read a chunk at a time: each file part is written
straight into the evidence store's folder while it is hashed and counted
(``graph/attachments/spool.py``), and refused the moment it passes its kind's limit, so a
200 MB video is never whole in memory and never spooled anywhere else first.

Starlette's multipart parser does the parsing; :class:`EvidenceParser` only swaps the temporary
file it would give each file part for a :class:`~graph.attachments.spool.SpoolWriter`.
:func:`spooled_uploads` then finishes each file part; both doors use them: the REST door
(``api/attachments.py``) and the public report page's evidence form (``pages/report.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Sequence

from starlette.datastructures import FormData, Headers, UploadFile
from starlette.formparsers import MultiPartParser

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.kinds import FileRefused, Limits, refused_together
from graph.attachments.models import MAX_FILES, Upload
from graph.attachments.spool import SpoolWriter
from graph.errors import InvalidValue

MAX_FIELDS = 8


class EvidenceParser(MultiPartParser):
    def __init__(
        self,
        headers: Headers,
        stream: AsyncGenerator[bytes, None],
        store: DiskBlobStore,
        limits: Limits,
    ) -> None:
        super().__init__(headers, stream, max_files=MAX_FILES, max_fields=MAX_FIELDS)
        self.store = store
        self.limits = limits
        self.writers: list[SpoolWriter] = []

    def on_headers_finished(self) -> None:
        super().on_headers_finished()
        upload = self._current_part.file
        if upload is None:
            return
        upload.file.close()  # the parser's own temporary file: nothing written to it yet
        writer = SpoolWriter(
            self.store, f"files[{len(self.writers)}]", upload.filename or "", self.limits
        )
        upload.file = writer  # type: ignore[assignment]
        self._files_to_close_on_error.append(writer)  # type: ignore[arg-type]
        self.writers.append(writer)


async def read_evidence_form(
    headers: Headers, stream: AsyncGenerator[bytes, None], store: DiskBlobStore, limits: Limits
) -> FormData:
    """The sending's fields, its file parts already spooled (``SpoolWriter`` as each part's
    file); :class:`~graph.attachments.kinds.FileRefused` for a file refused while it came."""
    parser = EvidenceParser(headers, stream, store, limits)
    return await parser.parse()


def fields_read(parser: EvidenceParser) -> dict[str, str]:
    """The text fields a parser had read when it stopped (a file refused on the way): a form
    sends its fields before its files."""
    return {name: value for name, value in parser.items if isinstance(value, str)}


async def spooled_uploads(
    parts: Sequence[str | UploadFile], skip_empty: bool = False
) -> list[Upload]:
    """Each file part finished (``files[i]`` by its place) and spooled; every file refused named
    at once (:func:`~graph.attachments.kinds.refused_together`), and then what the others
    spooled is deleted. ``skip_empty``: a part with no name and no bytes, or an empty text
    part (a file input left empty) is no file. :class:`~graph.errors.InvalidValue` for a text
    part."""
    uploads: list[Upload] = []
    refused: list[FileRefused] = []
    try:
        for i, part in enumerate(parts):
            field = f"files[{i}]"
            empty = not (part.filename or part.size) if isinstance(part, UploadFile) else not part
            if skip_empty and empty:
                continue  # an empty part's temporary file goes when the form is closed
            if not isinstance(part, UploadFile) or not isinstance(part.file, SpoolWriter):
                raise InvalidValue(field, "must be a file, not a text field")
            try:
                spooled = await asyncio.to_thread(part.file.finish)
            except FileRefused as refusal:
                refused.append(refusal)
                continue
            uploads.append(Upload(field, part.filename or "", part.content_type, b"", spooled))
        if refused:
            raise refused_together(refused)
    except BaseException:
        discard(uploads)
        raise
    return uploads


def discard(uploads: Sequence[Upload]) -> None:
    """Delete what a sending spooled and did not keep (refused, or failed; a kept file was
    moved into place already)."""
    for upload in uploads:
        if upload.spooled:
            upload.spooled.discard()
