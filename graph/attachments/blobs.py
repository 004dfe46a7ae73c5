"""Where evidence files' bytes live: a store keyed by their SHA-256.

:class:`BlobStore` is the interface every store offers; :class:`DiskBlobStore` keeps files in
one folder (``OHCH_EVIDENCE_DIR``), each at ``ab/cd/<sha256>``: written to a temporary file
beside it, fsync'd, renamed into place and its folder fsync'd, so a crash leaves the whole
file or none, files 0600 in folders 0700. The same bytes are kept once, however often sent.

The deployment path for several API hosts is an S3-compatible object store (the bucket
private, server-side encryption on, object lock for retention): an implementation of the same
methods, the key as the object name, ``put`` a ``PutObject`` with the SHA-256 as its
checksum (``x-amz-checksum-sha256``) and ``If-None-Match: *``, ``get``/``open``/``exists``/
``size`` a ``GetObject``/``HeadObject``, ``delete`` (a quarantined file) a ``DeleteObject``.
It is not built yet: no such store is reachable from here to test it against, and a fake
would prove nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from pathlib import Path
from typing import BinaryIO, Protocol

from graph.durable_files import fsync_dir
from graph.errors import InvalidValue, NotFound

_KEY = re.compile(r"^[0-9a-f]{64}$")


def sha256_key(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def checked_key(key: str, field: str = "sha256") -> str:
    """``key`` if it is a SHA-256 in lower-case hex; every store refuses anything else."""
    if not _KEY.fullmatch(key):
        raise InvalidValue(field, "must be a SHA-256: 64 lower-case hexadecimal characters")
    return key


class BlobStore(Protocol):
    """Bytes kept by their SHA-256: ``put`` returns the key, and the same bytes the same key."""

    def put(self, data: bytes) -> str: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int: ...

    def open(self, key: str) -> BinaryIO: ...  # to read a large file a chunk at a time

    def delete(self, key: str) -> bool: ...  # a quarantined file's bytes; False: none held


class DiskBlobStore:
    """Content-addressed files in one folder (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        checked_key(key)
        return self.root / key[:2] / key[2:4] / key

    def put(self, data: bytes) -> str:
        key = sha256_key(data)
        target = self.path(key)
        if target.exists():
            return key  # the same bytes, kept already
        folder = target.parent
        for made in (self.root, folder.parent, folder):
            if not made.exists():
                made.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = folder / f".{key}.{secrets.token_hex(8)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, target)  # two writers of the same bytes: either rename wins
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        fsync_dir(folder)
        return key

    def get(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            raise NotFound(f"no evidence file has the SHA-256 {key}") from None

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def size(self, key: str) -> int:
        try:
            return self.path(key).stat().st_size
        except FileNotFoundError:
            raise NotFound(f"no evidence file has the SHA-256 {key}") from None

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path(key).open("rb")
        except FileNotFoundError:
            raise NotFound(f"no evidence file has the SHA-256 {key}") from None

    def delete(self, key: str) -> bool:
        """Remove a file's bytes (a quarantined file), its folder fsync'd."""
        target = self.path(key)
        try:
            target.unlink()
        except FileNotFoundError:
            return False
        fsync_dir(target.parent)
        return True
