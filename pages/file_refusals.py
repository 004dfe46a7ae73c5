"""A refused evidence file's problem in the page's words and language: the attachment use case
answers with :class:`~graph.attachments.kinds.FileProblem` (why, the file's name and figures
apart from the English message the API gives), and each reason is worded here as a
:class:`~pages.i18n.Text`, so the Welsh catalogue holds it. A problem of another kind (a
forged form's) keeps its English message."""

from __future__ import annotations

from graph.attachments.kinds import FileProblem, Kind, Reason, Seems
from graph.errors import Problem
from pages.i18n import Text

MEGABYTE = 1024 * 1024

_SEEMS = {
    Seems.MATROSKA: Text("a Matroska video (MKV), not WebM"),
    Seems.ZIP: Text("a ZIP archive (or a Word, Excel or other Office document)"),
    Seems.OLD_OFFICE: Text("an old Office document"),
    Seems.WINDOWS_PROGRAM: Text("a Windows program"),
    Seems.PROGRAM: Text("a program"),
    Seems.BMP: Text("a BMP image"),
    Seems.TIFF: Text("a TIFF image"),
    Seems.RAR: Text("a RAR archive"),
    Seems.GZIP: Text("a gzip archive"),
    Seems.MP3: Text("an MP3 recording"),
    Seems.OGG: Text("an Ogg recording"),
    Seems.EMPTY: Text("empty"),
    Seems.MARKUP: Text("text or markup (HTML, SVG or XML)"),
    Seems.UNKNOWN: Text("of a kind we do not recognise"),
}
_TAKEN = Text("PNG, JPEG, GIF or WebP images, PDF, or MP4, WebM or MOV video")


def _seems(p: FileProblem) -> Text:
    if p.seems is Seems.ISO_MEDIA:
        return Text("an ISO media file of brand %(brand)s (not MP4 or MOV)", brand=p.detail)
    return _SEEMS[p.seems or Seems.UNKNOWN]


def _megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f}".removesuffix(".0")


def _too_large(p: FileProblem) -> Text:
    size, most = _megabytes(p.size), _megabytes(p.most)
    if p.kind is Kind.VIDEO:
        return Text("%(name)s is %(size)s MB: a video can be up to %(most)s MB",
                    name=p.name, size=size, most=most)  # fmt: skip
    if p.kind is Kind.PDF:
        return Text("%(name)s is %(size)s MB: a PDF can be up to %(most)s MB",
                    name=p.name, size=size, most=most)  # fmt: skip
    return Text("%(name)s is %(size)s MB: a picture can be up to %(most)s MB",
                name=p.name, size=size, most=most)  # fmt: skip


def in_words(problem: Problem) -> str:
    """The problem as the page shows it (a :class:`Text`, shown in the page's language)."""
    if not isinstance(problem, FileProblem):
        return problem.message
    match problem.reason:
        case Reason.TYPE_NOT_ALLOWED:
            return Text("%(name)s is %(what)s: you can send only %(taken)s",
                        name=problem.name, what=_seems(problem), taken=_TAKEN)  # fmt: skip
        case Reason.TOO_LARGE:
            return _too_large(problem)
        case Reason.NONE_SENT:
            return Text("Choose a file to send")
        case Reason.TOO_MANY:
            return Text("Choose at most %(most)s files at once", most=str(problem.most))
        case Reason.NAME_TOO_LONG:
            return Text("A file's name is longer than %(most)s characters",
                        most=str(problem.most))  # fmt: skip
        case Reason.MALWARE:
            return Text("%(name)s contains a virus or other harmful software, so we cannot keep "
                        "it", name=problem.name)  # fmt: skip
        case Reason.DECLARED_TYPE_TOO_LONG:
            return Text("The type of %(name)s is longer than %(most)s characters",
                        name=problem.name, most=str(problem.most))  # fmt: skip
