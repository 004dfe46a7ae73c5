"""Files as a sender sent them, checked from their bytes and hashed: :func:`prepare`.

A file comes in memory or spooled (``spool.py``: a large one is never whole in memory). Every
file is looked at before any is kept, so one answer names every file refused (by its field and
its declared name) and nothing of a refused sending is kept. Images get their PDQ hash
(``pdq.py``); a file sent twice in one sending is one file.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.attachments import blobs, kinds, pdq
from graph.attachments.kinds import FileProblem, Reason
from graph.attachments.models import MAX_FILES, Sent, Upload
from graph.errors import InvalidInput, Problem

MAX_NAME = 255  # characters of a declared name or type


def _declared(upload: Upload) -> list[Problem]:
    problems: list[Problem] = []
    if len(upload.declared_name) > MAX_NAME:
        why = f"its file name is longer than {MAX_NAME} characters"
        problems.append(FileProblem(upload.field, why, Reason.NAME_TOO_LONG, most=MAX_NAME))
    if upload.declared_type is not None and len(upload.declared_type) > MAX_NAME:
        why = f"its type is longer than {MAX_NAME} characters"
        problems.append(
            FileProblem(upload.field, why, Reason.DECLARED_TYPE_TOO_LONG, upload.declared_name,
                        most=MAX_NAME)
        )  # fmt: skip
    return problems


def _head_and_size(upload: Upload) -> tuple[bytes, int]:
    if upload.spooled:
        return upload.spooled.head, upload.spooled.size
    return upload.data[: kinds.HEAD_BYTES], len(upload.data)


def prepare(uploads: Sequence[Upload], limits: kinds.Limits) -> list[Sent]:
    """Each distinct file checked and hashed, in the order first sent; every problem raised
    at once (:class:`~graph.attachments.kinds.FileRefused` for a file's type or size)."""
    if not uploads:
        raise InvalidInput([FileProblem("files", "send at least one file", Reason.NONE_SENT)])
    if len(uploads) > MAX_FILES:
        why = f"at most {MAX_FILES} files at once"
        raise InvalidInput([FileProblem("files", why, Reason.TOO_MANY, most=MAX_FILES)])
    named = [p for u in uploads for p in _declared(u)]
    if named:
        raise InvalidInput(named)
    refused: list[kinds.FileRefused] = []
    checked: list[tuple[Upload, kinds.MediaType]] = []
    for upload in uploads:
        try:
            head, size = _head_and_size(upload)
            found = kinds.check(upload.field, upload.declared_name, head, size, limits)
        except kinds.FileRefused as refusal:
            refused.append(refusal)
            continue
        checked.append((upload, found))
    if refused:
        raise kinds.refused_together(refused)
    sent: dict[str, Sent] = {}
    for upload, media_type in checked:
        spooled = upload.spooled
        key = spooled.sha256 if spooled else blobs.sha256_key(upload.data)
        if key in sent:
            if spooled:
                spooled.discard()  # the same bytes twice in one sending: kept once
            continue
        is_image = media_type.kind is kinds.Kind.IMAGE
        hashed = pdq.image_hash(spooled.read() if spooled else upload.data) if is_image else None
        sent[key] = Sent(
            index=len(sent), sha256=key, size=_head_and_size(upload)[1],
            media_type=media_type.value,
            kind=media_type.kind.value, declared_name=upload.declared_name,
            declared_type=upload.declared_type, pdq=hashed.hex if hashed else None,
            pdq_quality=hashed.quality if hashed else None,
            pdq_crops=hashed.crops if hashed else (),
            pdq_dihedral=hashed.dihedral if hashed else (), data=upload.data, spooled=spooled,
        )  # fmt: skip
    return list(sent.values())
