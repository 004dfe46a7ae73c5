"""What an evidence file is, read from its first bytes: the name and type a sender declares are
kept as typed, never trusted.

The hub takes images (PNG, JPEG, GIF, WebP), PDF and video (MP4, WebM, QuickTime MOV), each
kind up to its own size (``Limits``, from the settings). Anything else is refused by
:func:`check` with :class:`FileTypeNotAllowed`, a file past its kind's size with
:class:`FileTooLarge`; both name the file and say why. Each problem is a :class:`FileProblem`:
the English message the API answers with, and beside it why (:class:`Reason`), the file's name
and the figures, so a page can word it in its own language. Pure, no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from graph.errors import InvalidInput, Problem

HEAD_BYTES = 64  # enough of a file's start to recognise every kind below


class Kind(enum.StrEnum):
    IMAGE = "image"
    PDF = "pdf"
    VIDEO = "video"

    @property
    def words(self) -> str:
        return {"image": "an image", "pdf": "a PDF", "video": "a video"}[self.value]


class MediaType(enum.StrEnum):
    """The media types the hub takes, each of one kind."""

    PNG = "image/png"
    JPEG = "image/jpeg"
    GIF = "image/gif"
    WEBP = "image/webp"
    PDF = "application/pdf"
    MP4 = "video/mp4"
    WEBM = "video/webm"
    MOV = "video/quicktime"

    @property
    def kind(self) -> Kind:
        if self is MediaType.PDF:
            return Kind.PDF
        return Kind.VIDEO if self.value.startswith("video/") else Kind.IMAGE

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self]


_EXTENSIONS = {
    MediaType.PNG: "png", MediaType.JPEG: "jpg", MediaType.GIF: "gif", MediaType.WEBP: "webp",
    MediaType.PDF: "pdf", MediaType.MP4: "mp4", MediaType.WEBM: "webm", MediaType.MOV: "mov",
}  # fmt: skip

# ISO base media files (MP4 and relatives) say what they are in the brand after "ftyp".
_MP4_BRANDS = frozenset(
    {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"mp71", b"avc1", b"dash",
     b"M4V ", b"M4VH", b"M4VP", b"MSNV", b"NDAS", b"f4v "}
)  # fmt: skip
_QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide"})  # QuickTime files before "ftyp"


class Seems(enum.StrEnum):
    """What a file the hub does not take seems to be, so the refusal can say so."""

    MATROSKA = "matroska"
    ISO_MEDIA = "iso_media"  # of another brand, named in the problem's ``detail``
    ZIP = "zip"
    OLD_OFFICE = "old_office"
    WINDOWS_PROGRAM = "windows_program"
    PROGRAM = "program"
    BMP = "bmp"
    TIFF = "tiff"
    RAR = "rar"
    GZIP = "gzip"
    MP3 = "mp3"
    OGG = "ogg"
    EMPTY = "empty"
    MARKUP = "markup"
    UNKNOWN = "unknown"


_SEEMS_WORDS = {
    Seems.MATROSKA: "a Matroska video (MKV), not WebM",
    Seems.ISO_MEDIA: "an ISO media file of brand {detail!r} (not MP4 or MOV)",
    Seems.ZIP: "a ZIP archive (or a Word, Excel or other Office document)",
    Seems.OLD_OFFICE: "an old Office document",
    Seems.WINDOWS_PROGRAM: "a Windows program",
    Seems.PROGRAM: "a program",
    Seems.BMP: "a BMP image",
    Seems.TIFF: "a TIFF image",
    Seems.RAR: "a RAR archive",
    Seems.GZIP: "a gzip archive",
    Seems.MP3: "an MP3 recording",
    Seems.OGG: "an Ogg recording",
    Seems.EMPTY: "empty",
    Seems.MARKUP: "text or markup (HTML, SVG or XML)",
    Seems.UNKNOWN: "of a kind the hub does not recognise",
}

# Files people may well send that the hub does not take, by their first bytes.
_REFUSED = (
    (b"PK\x03\x04", Seems.ZIP),
    (b"\xd0\xcf\x11\xe0", Seems.OLD_OFFICE),
    (b"MZ", Seems.WINDOWS_PROGRAM),
    (b"\x7fELF", Seems.PROGRAM),
    (b"BM", Seems.BMP),
    (b"II*\x00", Seems.TIFF),
    (b"MM\x00*", Seems.TIFF),
    (b"Rar!", Seems.RAR),
    (b"\x1f\x8b", Seems.GZIP),
    (b"ID3", Seems.MP3),
    (b"OggS", Seems.OGG),
)


def sniff(head: bytes) -> MediaType | None:
    """The media type a file's first bytes show, or ``None`` for a kind the hub does not take."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return MediaType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return MediaType.JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return MediaType.GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return MediaType.WEBP
    if head.startswith(b"%PDF-"):
        return MediaType.PDF
    box = head[4:8]
    if box == b"ftyp":
        brand = head[8:12]
        if brand == b"qt  ":
            return MediaType.MOV
        return MediaType.MP4 if brand in _MP4_BRANDS else None
    if box in _QUICKTIME_ATOMS:
        return MediaType.MOV
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"\x42\x82\x84webm" in head[:HEAD_BYTES]:
        return MediaType.WEBM  # an EBML file whose DocType is "webm" (not any Matroska file)
    return None


def seems(head: bytes) -> tuple[Seems, str]:
    """What a refused file seems to be, and the detail that goes with it (an ISO brand)."""
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Seems.MATROSKA, ""
    if head[4:8] == b"ftyp":
        return Seems.ISO_MEDIA, head[8:12].decode("latin-1")
    for signature, found in _REFUSED:
        if head.startswith(signature):
            return found, ""
    if not head:
        return Seems.EMPTY, ""
    if head.lstrip()[:1] == b"<":
        return Seems.MARKUP, ""
    return Seems.UNKNOWN, ""


def looks_like(head: bytes) -> str:
    """What a refused file seems to be, in words."""
    found, detail = seems(head)
    return _SEEMS_WORDS[found].format(detail=detail)


@dataclass(frozen=True, slots=True)
class Limits:
    """The largest file of each kind the hub takes, in bytes."""

    image: int
    pdf: int
    video: int

    def of(self, kind: Kind) -> int:
        return {Kind.IMAGE: self.image, Kind.PDF: self.pdf, Kind.VIDEO: self.video}[kind]


class Reason(enum.StrEnum):
    """Why a sending, or one of its files, is refused."""

    TYPE_NOT_ALLOWED = "type_not_allowed"
    TOO_LARGE = "too_large"
    NONE_SENT = "none_sent"
    TOO_MANY = "too_many"
    NAME_TOO_LONG = "name_too_long"
    DECLARED_TYPE_TOO_LONG = "declared_type_too_long"
    MALWARE = "malware"  # a virus scan found malware in it (graph/attachments/scanning.py)


@dataclass(frozen=True, slots=True)
class FileProblem(Problem):
    """A problem with a sending's file: its ``message`` in English (what the API answers), and
    its parts apart for a page to word in its own language: why, the file's declared ``name``,
    what it ``seems`` to be (with an ISO brand as ``detail``), its ``kind``, its ``size`` and
    the ``most`` allowed (bytes, files or characters, by ``reason``)."""

    reason: Reason
    name: str = ""
    seems: Seems | None = None
    detail: str = ""
    kind: Kind | None = None
    size: int = 0
    most: int = 0


class FileRefused(InvalidInput):
    """Evidence files the hub will not keep, each problem naming the field and the file."""


class FileTypeNotAllowed(FileRefused):
    """Not an image, PDF or video of a type the hub takes (HTTP 415)."""


class FileTooLarge(FileRefused):
    """Larger than its kind may be (HTTP 413)."""


ALLOWED_WORDS = "PNG, JPEG, GIF or WebP images, PDF, or MP4, WebM or MOV video"


def check(field: str, name: str, head: bytes, size: int, limits: Limits) -> MediaType:
    """The file's media type from its first bytes, if the hub takes it at its ``size``."""
    found = sniff(head)
    if found is None:
        what, detail = seems(head)
        why = f"{name!r} is {looks_like(head)}: the hub takes only {ALLOWED_WORDS}"
        problem = FileProblem(field, why, Reason.TYPE_NOT_ALLOWED, name, what, detail)
        raise FileTypeNotAllowed([problem])
    most = limits.of(found.kind)
    if size > most:
        why = f"{name!r} is {size:,} bytes: {found.kind.words} may be at most {most:,} bytes"
        problem = FileProblem(
            field, why, Reason.TOO_LARGE, name, kind=found.kind, size=size, most=most
        )
        raise FileTooLarge([problem])
    return found


def refused_together(refusals: list[FileRefused]) -> FileRefused:
    """One refusal naming every file refused: a type not allowed if any is (415), else too
    large (413)."""
    problems = [p for r in refusals for p in r.problems]
    wrong_type = any(isinstance(r, FileTypeNotAllowed) for r in refusals)
    return FileTypeNotAllowed(problems) if wrong_type else FileTooLarge(problems)
