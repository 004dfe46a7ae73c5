"""A small client for ClamAV's daemon, clamd: ``PING``, ``VERSION`` and ``INSTREAM`` over a
Unix socket or TCP (``OHCH_CLAMD``: ``unix:///run/clamav/clamd.ctl``, ``tcp://host:3310``).

``INSTREAM`` sends ``zINSTREAM\\0``, then the file as chunks, each prefixed by its length as
4 big-endian bytes, then a zero-length chunk; clamd answers ``stream: OK``,
``stream: <signature> FOUND`` or ``<why> ERROR``. A file on disk is read and sent
``CHUNK_BYTES`` at a time, never whole in memory. clamd stops reading a stream longer than its
``StreamMaxLength``, answers ``INSTREAM size limit exceeded. ERROR`` and closes the connection,
so a send that fails is followed by reading its answer. Every socket operation has a timeout.

The replies are parsed by pure functions (:func:`scan_reply`, :func:`version_reply`);
:func:`scan_file` and :func:`scan_bytes` turn whatever goes wrong (no answer, a timeout, an
error reply) into a :class:`~graph.attachments.scanning.Scan` that says why the file was not
scanned, never an exception.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol
from urllib.parse import urlsplit

from graph.attachments.scanning import NO_SCANNER, Scan, ScannerVersion, Unscanned

CHUNK_BYTES = 64 * 1024
SIZE_LIMIT_REPLY = "INSTREAM size limit exceeded"
_MAX_REPLY = 64 * 1024


class ClamdError(Exception):
    """clamd could not be reached, did not answer in time, or answered something unexpected."""


@dataclass(frozen=True, slots=True)
class Address:
    """Where clamd listens: a Unix socket's path, or a TCP host and port."""

    unix_path: str | None = None
    host: str | None = None
    port: int = 3310

    def __str__(self) -> str:
        return f"unix://{self.unix_path}" if self.unix_path else f"tcp://{self.host}:{self.port}"


def parse_address(text: str) -> Address:
    """``unix:///path/to/clamd.ctl`` or ``tcp://host:port`` (port 3310 if left out);
    ``ValueError`` saying what is wrong otherwise."""
    parts = urlsplit(text.strip())
    if parts.scheme == "unix":
        path = (parts.netloc + parts.path) if parts.netloc else parts.path
        if not path.startswith("/"):
            raise ValueError("a unix socket must be an absolute path: unix:///run/clamav/clamd.ctl")
        return Address(unix_path=path)
    if parts.scheme == "tcp":
        if not parts.hostname or parts.path not in ("", "/"):
            raise ValueError("a TCP address is tcp://host:port, e.g. tcp://127.0.0.1:3310")
        try:
            port = parts.port or 3310
        except ValueError:
            raise ValueError("the port must be a number from 1 to 65535") from None
        return Address(host=parts.hostname, port=port)
    raise ValueError("must start unix:// or tcp:// (e.g. unix:///run/clamav/clamd.ctl)")


def frame(chunk: bytes) -> bytes:
    """One ``INSTREAM`` chunk: its length as 4 big-endian bytes, then the bytes."""
    return struct.pack(">I", len(chunk)) + chunk


def _text(reply: bytes) -> str:
    return reply.rstrip(b"\0\n").decode("utf-8", "replace").strip()


def scan_reply(reply: bytes) -> Scan:
    """The verdict clamd's ``INSTREAM`` answer gives (without the scanner's version)."""
    text = _text(reply)
    if text.endswith(" ERROR"):
        why = text.removesuffix(" ERROR").removeprefix("stream:").strip().rstrip(".")
        if why.startswith(SIZE_LIMIT_REPLY):
            return Scan.not_scanned("larger than the scanner takes (clamd's StreamMaxLength)")
        return Scan.not_scanned(f"the scanner failed: {why}")
    if not text.startswith("stream: "):
        return Scan.not_scanned(f"the scanner's answer is not understood: {text[:80]!r}")
    verdict = text.removeprefix("stream: ")
    if verdict == "OK":
        return Scan.clean()
    if verdict.endswith(" FOUND") and verdict.removesuffix(" FOUND").strip():
        return Scan.infected(verdict.removesuffix(" FOUND").strip())
    return Scan.not_scanned(f"the scanner's answer is not understood: {text[:80]!r}")


def version_reply(reply: bytes) -> ScannerVersion:
    """``ClamAV 1.4.6/27480/Mon Dec  7 08:33:10 2026``: the engine, the signature database's
    version and date (both unknown when clamd runs on signatures of its own, as in tests)."""
    text = _text(reply)
    if not text.startswith("ClamAV "):
        raise ClamdError(f"VERSION answered {text[:80]!r}, not ClamAV's version")
    engine, _, rest = text.partition("/")
    database, _, dated = rest.partition("/")
    signatures_at = None
    if dated:
        try:
            signatures_at = datetime.strptime(" ".join(dated.split()), "%a %b %d %H:%M:%S %Y")
        except ValueError:
            signatures_at = None
    return ScannerVersion(engine, int(database) if database.isdigit() else None, signatures_at)


class Clamd:
    """One clamd, each command on a connection of its own (clamd's plain, non-session mode)."""

    def __init__(self, address: Address, timeout_s: float) -> None:
        self.address = address
        self.timeout_s = timeout_s

    def _connect(self) -> socket.socket:
        try:
            if self.address.unix_path:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(self.timeout_s)
                try:
                    sock.connect(self.address.unix_path)
                except BaseException:
                    sock.close()
                    raise
                return sock
            assert self.address.host is not None
            return socket.create_connection(
                (self.address.host, self.address.port), timeout=self.timeout_s
            )
        except OSError as error:
            raise ClamdError(f"clamd at {self.address} is not answering: {error}") from error

    def _command(self, command: bytes) -> bytes:
        with self._connect() as sock:
            try:
                sock.sendall(b"z" + command + b"\0")
                return _reply(sock)
            except OSError as error:
                raise ClamdError(f"clamd at {self.address} did not answer: {error}") from error

    def ping(self) -> bool:
        return _text(self._command(b"PING")) == "PONG"

    def version(self) -> ScannerVersion:
        return version_reply(self._command(b"VERSION"))

    def instream(self, chunks: Iterable[bytes]) -> Scan:
        """Send the chunks as one stream and read clamd's verdict."""
        with self._connect() as sock:
            try:
                try:
                    sock.sendall(b"zINSTREAM\0")
                    for chunk in chunks:
                        if chunk:
                            sock.sendall(frame(chunk))
                    sock.sendall(frame(b""))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # clamd stopped reading (its size limit): its reply says why
                return scan_reply(_reply(sock))
            except OSError as error:
                raise ClamdError(f"clamd at {self.address} did not answer: {error}") from error


def _reply(sock: socket.socket) -> bytes:
    """clamd's answer to one command: up to its NUL, or until it closes the connection."""
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < _MAX_REPLY:
        part = sock.recv(4096)
        if not part:
            break
        reply += part
    if not reply:
        raise ClamdError("clamd closed the connection without answering")
    return reply


def file_chunks(f: BinaryIO) -> Iterator[bytes]:
    """An open file's bytes ``CHUNK_BYTES`` at a time."""
    while chunk := f.read(CHUNK_BYTES):
        yield chunk


def _bytes_chunks(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(view), CHUNK_BYTES):
        yield bytes(view[start : start + CHUNK_BYTES])


class ScannerSettings(Protocol):
    """What :meth:`Scanner.of` reads of ``graph.settings.Settings`` (which imports this
    module to check ``OHCH_CLAMD``)."""

    @property
    def clamd(self) -> str | None: ...

    @property
    def clamd_timeout_s(self) -> float: ...

    @property
    def unscanned_policy(self) -> Unscanned: ...


@dataclass(frozen=True, slots=True)
class Scanner:
    """The deployment's scanner (``None``: not configured) and its policy for a file it could
    not scan: what the hub's doors, the rescan job and ``ohch doctor`` share."""

    clamd: Clamd | None
    policy: Unscanned

    @classmethod
    def of(cls, settings: ScannerSettings) -> Scanner:
        address = settings.clamd
        clamd = Clamd(parse_address(address), settings.clamd_timeout_s) if address else None
        return cls(clamd, settings.unscanned_policy)

    def begin(self) -> Round:
        """One round of scans (a sending, a rescan): clamd's version asked once, then each
        file streamed to it; with no scanner, or none answering, each scan says why not."""
        if self.clamd is None:
            return Round(None, None, NO_SCANNER)
        try:
            return Round(self.clamd, self.clamd.version(), None)
        except ClamdError as error:
            return Round(None, None, Scan.not_scanned(str(error)))


@dataclass(frozen=True, slots=True)
class Round:
    """Scans with one scanner version; ``down``: why none can be made."""

    clamd: Clamd | None
    version: ScannerVersion | None
    down: Scan | None

    def scan(self, source: BinaryIO | bytes) -> Scan:
        if self.clamd is None or self.version is None:
            return self.down or NO_SCANNER
        if isinstance(source, bytes):
            return scan_bytes(self.clamd, source, self.version)
        return scan_file(self.clamd, source, self.version)


def _scanned(clamd: Clamd, chunks: Iterable[bytes], version: ScannerVersion) -> Scan:
    try:
        return clamd.instream(chunks).by(version)
    except ClamdError as error:
        return Scan.not_scanned(str(error)).by(version)


def scan_file(clamd: Clamd, f: BinaryIO, version: ScannerVersion) -> Scan:
    """The verdict on an open file (spooled, or in the blob store), streamed from it."""
    return _scanned(clamd, file_chunks(f), version)


def scan_bytes(clamd: Clamd, data: bytes, version: ScannerVersion) -> Scan:
    """The verdict on bytes in memory."""
    return _scanned(clamd, _bytes_chunks(data), version)
