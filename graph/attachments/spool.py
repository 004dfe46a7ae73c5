"""An evidence file received a chunk at a time, never whole in memory (issue #22): written to
a temporary file in the evidence store's own folder while it is hashed (SHA-256) and counted,
refused as soon as it passes its kind's limit, then moved into place by one rename
(:meth:`Spooled.keep`), so the store never holds part of a file.

The kind is read from the first ``HEAD_BYTES`` (``kinds.sniff``) as they arrive, so a file of
a type the hub does not take is never written past them, and one past its limit stops being
written the moment it passes it; either way its temporary file is deleted at once, and a
sending refused later removes its files with :meth:`Spooled.discard`.
:class:`SpoolWriter` is the file object a multipart parser writes a part into
(``api/evidence_form.py``); :func:`receive` does the same for any iterable of chunks.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.attachments import kinds
from graph.attachments.blobs import DiskBlobStore
from graph.durable_files import fsync_dir

INCOMING = ".incoming"  # beside the kept files: the same file system, so a rename moves one


@dataclass(frozen=True, slots=True)
class Spooled:
    """A file received whole into ``path``: its SHA-256, size, kind and first bytes."""

    store: DiskBlobStore
    path: Path
    sha256: str
    size: int
    media_type: kinds.MediaType
    head: bytes

    def read(self) -> bytes:
        """The bytes (for an image's perceptual hash: images are at most their limit)."""
        return self.path.read_bytes()

    def keep(self) -> str:
        """Move the file into the store under its SHA-256 (the same bytes kept once)."""
        target = self.store.path(self.sha256)
        if target.exists():
            self.discard()
            return self.sha256
        for folder in (target.parent.parent, target.parent):
            folder.mkdir(mode=0o700, exist_ok=True)
        os.replace(self.path, target)
        fsync_dir(target.parent)
        return self.sha256

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


class SpoolWriter:
    """A file object that spools one upload into the store's folder (see the module).

    A refused file stops being written (and what was written is deleted) at once, but the rest
    of its part is counted and dropped, so the sending's answer can name every file refused,
    as the in-memory path does, with its size; past ``ABANDON_AFTER`` times its limit it is
    refused there and then (the body is not read further)."""

    ABANDON_AFTER = 2

    def __init__(self, store: DiskBlobStore, field: str, name: str, limits: kinds.Limits) -> None:
        self.store, self.field, self.name, self.limits = store, field, name, limits
        folder = store.root / INCOMING
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.path = folder / f"{secrets.token_hex(16)}.part"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self._out = os.fdopen(fd, "wb")
        self._digest = hashlib.sha256()
        self.size = 0
        self._head = b""
        self._found: kinds.MediaType | None = None
        self.refused: kinds.FileRefused | None = None

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.refused is None:
            try:
                self._take(chunk)
            except kinds.FileRefused as refusal:
                self.refused = refusal
                self.close()
        elif self.size > self.ABANDON_AFTER * self._most():
            raise self._refusal()
        return len(chunk)

    def _take(self, chunk: bytes) -> None:
        if len(self._head) < kinds.HEAD_BYTES:
            self._head += chunk[: kinds.HEAD_BYTES - len(self._head)]
            if len(self._head) == kinds.HEAD_BYTES:
                self._found = kinds.check(self.field, self.name, self._head, 0, self.limits)
        if self._found is not None:
            kinds.check(self.field, self.name, self._head, self.size, self.limits)
        self._digest.update(chunk)
        self._out.write(chunk)

    def _most(self) -> int:
        if self._found is not None:
            return self.limits.of(self._found.kind)
        return max(self.limits.image, self.limits.pdf, self.limits.video)

    def _refusal(self) -> kinds.FileRefused:
        """Why the file is refused, naming its field, with its size as counted."""
        try:
            kinds.check(self.field, self.name, self._head, self.size, self.limits)
        except kinds.FileRefused as refusal:
            return refusal
        assert self.refused is not None
        return self.refused

    def seek(self, offset: int) -> int:  # a parser rewinds a finished part; nothing to do
        return offset

    def finish(self) -> Spooled:
        """The file received whole, flushed to disk; its refusal (naming its field) if it was
        refused, or is too short to tell what it is."""
        if self.refused is not None:
            raise self._refusal()
        try:
            found = self._found or kinds.check(
                self.field, self.name, self._head, self.size, self.limits
            )
            self._out.flush()
            os.fsync(self._out.fileno())
            self._out.close()
        except BaseException:
            self.close()
            raise
        head, sha256 = self._head, self._digest.hexdigest()
        return Spooled(self.store, self.path, sha256, self.size, found, head)

    def close(self) -> None:
        """Stop and delete what was written (a refused or abandoned upload)."""
        if not self._out.closed:
            self._out.close()
            self.path.unlink(missing_ok=True)


def receive(
    chunks: Iterable[bytes], field: str, name: str, store: DiskBlobStore, limits: kinds.Limits
) -> Spooled:
    """Spool ``chunks`` into ``store``'s folder, hashing and counting as they come;
    :class:`~graph.attachments.kinds.FileRefused` naming ``field`` (nothing left behind) when
    the type is not taken or the size passes its kind's limit."""
    writer = SpoolWriter(store, field, name, limits)
    try:
        for chunk in chunks:
            writer.write(chunk)
    except BaseException:
        writer.close()
        raise
    return writer.finish()
