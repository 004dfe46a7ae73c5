"""The scale and nature of online hate, for analysts: prolific accounts and persons, repeat
victims, most-reported content and weekly trends, each over a bounded window of reports.

A window counts reports by when they were reported (the form's or the partner's submission),
by default; by when the incident happened or when the hub received it only when asked
(``basis``, :class:`~graph.intel.bounds.TimeBasis`). Each figure says what it counts: reports,
distinct content (a content cluster: one viral post however many report it), cases, victims
or accounts (docs/STATISTICS.md).

Hub staff only, with the force filter inside each query as the first layer. Victims are
personal data: they appear as identity keys and counts, never names or contact details.
A ranked answer is read a page at a time in Cypher (``SKIP``/``LIMIT``), so its first page costs
what a ``limit`` did; trends come whole from their query and are paged here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graph.access import Capability
from graph.cypher import load_query
from graph.db import Record, native
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis, Window, basis_spans, within
from graph.intel.most_reported import most_reported_counted
from graph.platforms import resolve_platform_name
from services.paging import Page, PageRequest, page_of, ranked_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "prolific_accounts": Capability.HUB_CASEWORK,
    "prolific_persons": Capability.HUB_CASEWORK,
    "repeat_victims": Capability.HUB_CASEWORK,
    "most_reported_content": Capability.HUB_CASEWORK,
    "trends": Capability.HUB_CASEWORK,
}

MAX_THRESHOLD = 1_000
ACCOUNTS_SHOWN = 20


class ProlificOrder(enum.StrEnum):
    """What ranks prolific accounts and persons first."""

    REPORTS = "REPORTS"  # reports naming them
    CONTENT = "CONTENT"  # distinct content reported


class TrendDimension(enum.StrEnum):
    """What weekly trends are broken down by."""

    STRAND = "STRAND"  # hate strand (a report under each of its strands)
    PLATFORM = "PLATFORM"  # platform of the content
    FORCE = "FORCE"  # the case's assigned force, else the chosen force, else unassigned


TREND_QUERIES = {
    TrendDimension.STRAND: "intel/trends_by_strand",
    TrendDimension.PLATFORM: "intel/trends_by_platform",
    TrendDimension.FORCE: "intel/trends_by_force",
}
# Every dimension's reports are kept a day and a week (schema/006_report_days and
# 035_report_weeks); by force they move with the report's case (its reassignment, content and
# case merges and splits), in the transaction that moves it.


@dataclass(frozen=True, slots=True)
class ProlificAccount:
    """An account named as the suspect in reports of the window."""

    key: str
    platform: str
    handle: str | None
    person_id: str
    reports: int
    contents: int  # distinct content (clusters) reported


@dataclass(frozen=True, slots=True)
class ProlificPerson:
    """A person behind accounts named in reports of the window."""

    person_id: str
    reports: int
    contents: int
    account_count: int
    accounts: tuple[str, ...]  # up to ACCOUNTS_SHOWN account keys
    platforms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RepeatVictim:
    """A victim identity in several reports: a key and counts only."""

    victim: str
    reports: int
    cases: int
    first_reported_at: datetime
    last_reported_at: datetime


@dataclass(frozen=True, slots=True)
class ReportedContent:
    """Content by its reports in the window, and its distinct named reporters."""

    content_id: str
    reports: int
    reporters: int


@dataclass(frozen=True, slots=True)
class TrendRow:
    """One ISO week (Monday, UTC) under one key: its reports and, when asked for, its distinct
    posts (content clusters, an unclustered report counting as its own)."""

    week_start: date
    key: str
    reports: int
    posts: int | None = None  # None: not counted (``with_posts=False``)


def _ranked(
    caller: Caller,
    query: str,
    window: Window,
    basis: TimeBasis,
    request: PageRequest,
    kept: bool = False,
    **params: Any,
) -> list[Record]:
    """One page of a ranked window query, in the viewer's scope, by ``basis``. With ``kept``,
    hub staff are answered from the counts kept a day and a week (``<query>_counted``,
    docs/STATISTICS.md), a force from the reports its cases hold: the same answer either way."""
    if kept and caller.viewer.sees_all_forces:
        return caller.graph.read(
            load_query(f"{query}_counted"), skip=request.offset, limit=request.first + 1,
            basis=basis.key, **window.edge_spans(basis, sees_all=True), **params,
        )  # fmt: skip
    return caller.graph.read(
        load_query(query), skip=request.offset, limit=request.first + 1,
        **window.spans(basis), **caller.viewer.cypher_scope(), **params,
    )  # fmt: skip


@use_case
def prolific_accounts(
    caller: Caller,
    since: datetime,
    until: datetime,
    platform: str | None,
    order_by: ProlificOrder,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
) -> Page[ProlificAccount]:
    """Accounts named as the suspect in the most reports (or content) of the window,
    optionally on one platform (any name people use for it). Hub staff are answered from the
    counts kept a day and a week by account (docs/STATISTICS.md), a force from the reports
    its cases hold: the same answer either way."""
    window = Window.of(since, until)
    platform_id = resolve_platform_name(platform).id if platform is not None else None
    by_content = order_by is ProlificOrder.CONTENT
    if caller.viewer.sees_all_forces:  # from the counts kept a day and a week by account
        rows = caller.graph.read(
            load_query("intel/prolific_accounts_counted"), skip=request.offset,
            limit=request.first + 1, basis=basis.key, platform=platform_id,
            by_content=by_content, **window.edge_spans(basis, sees_all=True),
        )  # fmt: skip
    else:
        rows = _ranked(
            caller, "intel/prolific_accounts", window, basis, request, platform=platform_id,
            by_content=by_content,
        )  # fmt: skip
    found = [
        ProlificAccount(
            key=r["key"], platform=r["platform"], handle=r["handle"], person_id=r["person_id"],
            reports=r["reports"], contents=r["contents"],
        )
        for r in rows
    ]  # fmt: skip
    return ranked_page(found, request)


@use_case
def prolific_persons(
    caller: Caller,
    since: datetime,
    until: datetime,
    order_by: ProlificOrder,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
) -> Page[ProlificPerson]:
    """Persons behind accounts named in the most reports (or content) of the window (hub
    staff: from the counts kept by account, grouped by each account's person as it is now)."""
    rows = _ranked(
        caller, "intel/prolific_persons", Window.of(since, until), basis, request, kept=True,
        accounts_shown=ACCOUNTS_SHOWN,
        by_content=order_by is ProlificOrder.CONTENT,
    )  # fmt: skip
    found = [
        ProlificPerson(
            person_id=r["person_id"], reports=r["reports"], contents=r["contents"],
            account_count=r["account_count"], accounts=tuple(sorted(r["accounts"])),
            platforms=tuple(sorted(r["platforms"])),
        )
        for r in rows
    ]  # fmt: skip
    return ranked_page(found, request)


@use_case
def repeat_victims(
    caller: Caller,
    since: datetime,
    until: datetime,
    min_reports: int,
    min_cases: int,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
) -> Page[RepeatVictim]:
    """Victim identities in at least ``min_reports`` reports (and ``min_cases`` cases) of the
    window, most reports first; their first and last reports by ``basis``."""
    window = Window.of(since, until)
    within("minReports", min_reports, 2, MAX_THRESHOLD)
    within("minCases", min_cases, 1, MAX_THRESHOLD)
    rows = _ranked(
        caller, "intel/repeat_victims", window, basis, request, kept=True,
        min_reports=min_reports, min_cases=min_cases,
    )  # fmt: skip
    found = [
        RepeatVictim(
            victim=r["victim"], reports=r["reports"], cases=r["cases"],
            first_reported_at=native(r["first_at"]), last_reported_at=native(r["last_at"]),
        )
        for r in rows
    ]  # fmt: skip
    return ranked_page(found, request)


@use_case
def most_reported_content(
    caller: Caller,
    since: datetime,
    until: datetime,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
) -> Page[ReportedContent]:
    """Content with the most reports in the window. Hub staff are answered from the counts
    kept a day and a week by content (docs/STATISTICS.md), a force from the reports its cases
    hold: the same answer either way."""
    window = Window.of(since, until)
    if caller.viewer.sees_all_forces:  # from the counts kept a day and a week by content
        rows = most_reported_counted(
            caller.graph, window, basis, skip=request.offset, limit=request.first + 1
        )
    else:
        rows = _ranked(caller, "intel/most_reported_content", window, basis, request)
    found = [ReportedContent(r["content_id"], r["reports"], r["reporters"]) for r in rows]
    return ranked_page(found, request)


@use_case
def trends(
    caller: Caller,
    dimension: TrendDimension,
    since: datetime,
    until: datetime,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
    with_posts: bool = True,
) -> Page[TrendRow]:
    """Reports and distinct posts per ISO week (Monday, UTC) and key, by week then key, the
    window read by ``basis``. A week's reports on whole days are added up from the counts
    intake keeps where the viewer sees every force; its posts are distinct within the week, so
    they are counted from the reports: ``with_posts=False`` spares that where only reports are
    wanted (``posts`` is then None)."""
    viewer = caller.viewer
    window = Window.of(since, until)
    params: dict[str, object] = {**viewer.cypher_scope()}
    params |= window.edge_spans(basis, sees_all=viewer.sees_all_forces)
    whole = window.spans(basis) if with_posts else {"spans": basis_spans(basis, [])}
    params |= {"basis": basis.key, "post_spans": whole["spans"]}
    rows = caller.graph.read(load_query(TREND_QUERIES[dimension]), **params)
    found = [
        TrendRow(native(r["week"]), r["key"], r["reports"], r["posts"] if with_posts else None)
        for r in rows
    ]
    return page_of(found, request)
