"""An evidence sending's multipart body, read a chunk at a time: each file part is written
straight into the evidence store's folder while it is hashed and counted
(``graph/attachments/spool.py``), and refused the moment it passes its kind's limit, so a
200 MB video is never whole in memory and never spooled anywhere else first.

Starlette's multipart parser does the parsing; :class:`EvidenceParser` only swaps the temporary
file it would give each file part for a :class:`~graph.attachments.spool.SpoolWriter`.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator

from starlette.datastructures import FormData, Headers
from starlette.formparsers import MultiPartParser

from graph.attachments.blobs import DiskBlobStore
from graph.attachments.kinds import Limits
from graph.attachments.models import MAX_FILES
from graph.attachments.spool import SpoolWriter

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
