"""Render a package's content as a PDF for people: headings, tables, page numbers.

ReportLab, with the Bitstream Vera fonts it ships (embedded, so the PDF reads the same
everywhere, and its text can be extracted). The document is invariant: a fixed creation date
and document id, so the same content renders to the same bytes (with the same ReportLab).
Every text is escaped before it reaches ReportLab's markup.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT, BOLD = "EvidenceSans", "EvidenceSans-Bold"
MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
Flowable = Any  # ReportLab's flowables are untyped


@cache
def styles() -> dict[str, Any]:
    pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=11.5, spaceAfter=3)
    return {
        "body": base,
        "title": ParagraphStyle(
            "title", base, fontName=BOLD, fontSize=18, leading=22, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1", base, fontName=BOLD, fontSize=13, leading=16, spaceBefore=10, spaceAfter=5
        ),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=6, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", base, fontSize=7.5, leading=9, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=7.5, leading=9, spaceAfter=0),
    }


def text(value: object) -> str:
    """A value as it is printed: empty for none, yes / no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value)
    return str(value)


def para(value: object, style: str = "body") -> Flowable:
    lines = escape(text(value)).replace("\n", "<br/>")
    return Paragraph(lines, styles()[style])


def heading(value: str, level: int = 1) -> Flowable:
    return para(value, f"h{level}")


def table(
    header: Sequence[str] | None, rows: Sequence[Sequence[object]], widths: Sequence[float]
) -> Flowable:
    """A table over the page's width (``widths`` are fractions), its header (if any) repeated
    on every page it spans."""
    if not rows:
        return para("None.")
    data = [] if header is None else [[para(h, "head") for h in header]]
    data += [[para(cell, "cell") for cell in row] for row in rows]
    grid = Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=0 if header is None else 1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header is not None:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.9, 0.93)))
    else:
        style.append(("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)))
    grid.setStyle(TableStyle(style))
    return grid


def pairs(rows: Sequence[tuple[str, object]]) -> Flowable:
    """A two-column table of labels and values."""
    return table(None, [(label, value) for label, value in rows], (0.26, 0.74))


def gap() -> Flowable:
    return Spacer(1, 4)


def _numbered(footer: str) -> type:
    """A canvas that writes ``footer`` and "page N of M" on every page (M known at the end)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(FONT, 7)
                self.setFillColor(colors.grey)
                self.drawString(MARGIN, 10 * mm, footer)
                self.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {number} of {total}")
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render(story: Callable[[], list[Flowable]], title: str, footer: str) -> bytes:
    """The PDF of ``story()``'s flowables; the same story gives the same bytes."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=title,
        author="National Online Hate Crime Hub",
        subject=footer,
        creator="ohch evidence",
        producer="ohch evidence (ReportLab)",
        invariant=1,
        pageCompression=1,
        lang="en-GB",
    )
    doc.build(story(), canvasmaker=_numbered(footer))
    return out.getvalue()
