"""Trends (``/staff/trends``): reports a week by hate strand, by platform and by force over a
chosen window, each as a chart beside the table of its figures, and that table as CSV
(``/staff/trends.csv?dimension=...``, the same rows and columns, nothing more).

The figures come whole from the analysts' trends use case (``services/analytics.py``, hub staff
only), called with the keyword arguments it has always taken so that new ones with defaults
leave this page as it is. A table is a week a row and a key (strand, platform, force) a column,
every week of the window listed, zero where nothing was reported. The chart is drawn by
``web/src/trends.mjs`` (Chart.js) from a JSON block the page carries, never an inline script.
"""

from __future__ import annotations

import asyncio
import csv
import io
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from graph.audit.records import Operation
from graph.errors import Forbidden, GraphUnavailable, InvalidInput, Problem
from pages.render import unavailable
from pages.staff.session import StaffSession
from pages.staff.view import caller_of, event, logged, session_of, staff_page, to_sign_in
from services import analytics, reference
from services.analytics import TrendDimension, TrendRow
from services.paging import MAX_PAGE, PageRequest
from services.use_case import Caller

router = APIRouter()

DEFAULT_WEEKS = 12
MAX_READS = 20  # pages of MAX_PAGE rows a dimension may take (a window of many forces' weeks)
TITLES = {
    TrendDimension.STRAND: "By hate strand",
    TrendDimension.PLATFORM: "By platform",
    TrendDimension.FORCE: "By force",
}
WEEK_HEADER = "Week starting"
TOTAL_HEADER = "All reports"
NOT_HUB = "Trends count the reports of every force. They are for hub staff."


@dataclass(frozen=True, slots=True)
class TrendTable:
    """One dimension's figures as the page shows them: a header row, then a row a week."""

    dimension: TrendDimension
    header: tuple[str, ...]  # WEEK_HEADER, one column a key, TOTAL_HEADER
    rows: tuple[tuple[str, ...], ...]

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([_safe(cell) for cell in self.header])
        writer.writerows([[_safe(cell) for cell in row] for row in self.rows])
        return out.getvalue()

    def chart(self) -> dict[str, Any]:
        """What Chart.js draws: the weeks, and a line of weekly counts a key."""
        keys = self.header[1:-1]
        return {
            "title": TITLES[self.dimension],
            "labels": [row[0] for row in self.rows],
            "datasets": [
                {"label": key, "data": [int(row[i + 1]) for row in self.rows]}
                for i, key in enumerate(keys)
            ],
        }


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def weeks_of(since: datetime, until: datetime) -> list[date]:
    """The Mondays of every ISO week the window touches, first to last."""
    first = since.astimezone(UTC).date()
    first -= timedelta(days=first.weekday())
    last = (until.astimezone(UTC) - timedelta(microseconds=1)).date()
    count = (last - first).days // 7 + 1
    return [first + timedelta(weeks=n) for n in range(count)]


def table_of(
    dimension: TrendDimension, rows: Sequence[TrendRow], weeks: Sequence[date],
    names: Mapping[str, str],
) -> TrendTable:  # fmt: skip
    """The weekly counts as a table: every week of the window a row (zero where none), every
    key met a column in order of its header, and each week's total."""
    keys = sorted({r.key for r in rows}, key=lambda k: names.get(k, k).lower())
    counts = {(r.week_start, r.key): r.reports for r in rows}
    header = (WEEK_HEADER, *(names.get(k, k) for k in keys), TOTAL_HEADER)
    body = []
    for week in weeks:
        cells = [counts.get((week, key), 0) for key in keys]
        body.append((week.isoformat(), *(str(c) for c in cells), str(sum(cells))))
    return TrendTable(dimension, header, tuple(body))


def key_names(
    dimension: TrendDimension, keys: Sequence[str], forces: Mapping[str, str]
) -> dict[str, str]:
    """How a key reads in a column's header: a strand or platform as words, a force by name."""
    if dimension is TrendDimension.FORCE:
        return {k: forces.get(k, "Not assigned" if k == "unassigned" else k) for k in keys}
    return {k: k.replace("_", " ").capitalize() for k in keys}


@dataclass(frozen=True, slots=True)
class Dates:
    """The window asked for: dates as typed, and as the times the use case takes."""

    since_text: str
    until_text: str
    since: datetime | None
    until: datetime | None
    problems: tuple[Problem, ...] = ()

    @classmethod
    def asked(cls, since: str | None, until: str | None, today: date) -> Dates:
        """The dates typed (``YYYY-MM-DD``), or by default the last ``DEFAULT_WEEKS`` whole
        weeks and this one: from a Monday to the Monday after today, UTC."""
        end = today + timedelta(days=7 - today.weekday())
        since_text = since.strip() if since else (end - timedelta(weeks=DEFAULT_WEEKS)).isoformat()
        until_text = until.strip() if until else end.isoformat()
        problems = []
        parsed = {}
        for field, text in (("since", since_text), ("until", until_text)):
            try:
                parsed[field] = datetime.combine(date.fromisoformat(text), time(), tzinfo=UTC)
            except ValueError:
                word = "first" if field == "since" else "last"
                problems.append(Problem(field, f"Enter the {word} day as a date, for example "
                                               f"{today.isoformat()}"))  # fmt: skip
        return cls(since_text, until_text, parsed.get("since"), parsed.get("until"),
                   tuple(problems))  # fmt: skip

    @property
    def errors(self) -> dict[str, str]:
        return {p.field: p.message for p in self.problems}

    @property
    def error_list(self) -> list[dict[str, str]]:
        return [{"text": p.message, "href": f"#{p.field}"} for p in self.problems]

    def failed(self, problems: Sequence[Problem]) -> Dates:
        named = [Problem(p.field, p.message[:1].upper() + p.message[1:]) for p in problems]
        return Dates(self.since_text, self.until_text, self.since, self.until, tuple(named))


def _rows(
    caller: Caller, dimension: TrendDimension, since: datetime, until: datetime
) -> list[TrendRow]:
    rows: list[TrendRow] = []
    after = None
    for _ in range(MAX_READS):
        page = analytics.trends(
            caller, dimension=dimension, since=since, until=until,
            request=PageRequest(first=MAX_PAGE, after=after),
        )  # fmt: skip
        rows += page.values
        if not page.has_next:
            return rows
        after = page.end_cursor
    raise InvalidInput([Problem("until", "the window holds too many figures: narrow it")])


def tables(caller: Caller, dimensions: Sequence[TrendDimension], window: Dates) -> list[TrendTable]:
    """Each dimension's table over the window (its dates checked)."""
    assert window.since is not None
    assert window.until is not None
    found = {d: _rows(caller, d, window.since, window.until) for d in dimensions}
    forces: dict[str, str] = {}
    if TrendDimension.FORCE in found:
        codes = sorted({r.key for r in found[TrendDimension.FORCE]} - {"unassigned"})
        named = reference.forces_by_codes(caller, codes)
        forces = {f.code: f.name for f in named if f is not None}
    weeks = weeks_of(window.since, window.until)
    return [
        table_of(d, rows, weeks, key_names(d, [r.key for r in rows], forces))
        for d, rows in found.items()
    ]


async def _answer(
    request: Request, session: StaffSession, window: Dates,
    dimensions: Sequence[TrendDimension],
) -> list[TrendTable] | Dates:  # fmt: skip
    """The tables, or the window with what is wrong with it."""
    if window.problems:
        return window
    try:
        return await asyncio.to_thread(tables, caller_of(request, session), dimensions, window)
    except InvalidInput as bad:
        return window.failed(bad.problems)


def _consulted(session: StaffSession, endpoint: str, found: Sequence[TrendTable]) -> Any:
    return event(session, Operation.CONSULTATION, endpoint, "TrendRow", [],
                 [t.dimension.value for t in found])  # fmt: skip


@router.get("/trends", include_in_schema=False)
async def trends_page(
    request: Request, since: str | None = None, until: str | None = None
) -> Response:  # fmt: skip
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    window = Dates.asked(since, until, datetime.now(UTC).date())
    context: dict[str, Any] = {"nav": "trends", "window": window}
    if not session.viewer.is_hub_staff:
        return staff_page(request, session, "staff/trends.html", 403, refused=NOT_HUB,
                          **context)  # fmt: skip
    try:
        found = await _answer(request, session, window, list(TrendDimension))
    except Forbidden:
        return staff_page(request, session, "staff/trends.html", 403, refused=NOT_HUB,
                          **context)  # fmt: skip
    except GraphUnavailable:
        return unavailable()
    if isinstance(found, Dates):
        return staff_page(request, session, "staff/trends.html", 400, **{**context,
                          "window": found})  # fmt: skip
    query = urllib.parse.urlencode({"since": window.since_text, "until": window.until_text})
    shown = staff_page(
        request, session, "staff/trends.html", **context, tables=found, titles=TITLES,
        csv_links={t.dimension: f"/staff/trends.csv?dimension={t.dimension.value}&{query}"
                   for t in found},
    )  # fmt: skip
    return await logged(request, [_consulted(session, "web:GET /staff/trends", found)], shown)


@router.get("/trends.csv", include_in_schema=False)
async def trends_csv(
    request: Request, dimension: str = "", since: str | None = None, until: str | None = None
) -> Response:  # fmt: skip
    """One dimension's table, exactly as the page shows it, as CSV."""
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    if not session.viewer.is_hub_staff:
        return Response(NOT_HUB, 403, media_type="text/plain")
    if dimension not in set(TrendDimension):
        choices = ", ".join(d.value for d in TrendDimension)
        return Response(f"dimension: must be one of {choices}", 400, media_type="text/plain")
    window = Dates.asked(since, until, datetime.now(UTC).date())
    try:
        found = await _answer(request, session, window, [TrendDimension(dimension)])
    except Forbidden:
        return Response(NOT_HUB, 403, media_type="text/plain")
    except GraphUnavailable:
        return unavailable()
    if isinstance(found, Dates):
        text = "\n".join(f"{p.field}: {p.message}" for p in found.problems)
        return Response(text, 400, media_type="text/plain")
    [table] = found
    name = f"ohch-trends-{dimension.lower()}-{window.since_text}-to-{window.until_text}.csv"
    sent = Response(
        table.csv(), media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"',
                 "cache-control": "no-store"},
    )  # fmt: skip
    return await logged(request, [_consulted(session, "web:GET /staff/trends.csv", found)], sent)
