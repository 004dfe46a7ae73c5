"""Content items and their reports, read for hub staff.

A content item (a ``ContentCluster``) is one post however many reports name it. These use cases
read it, its reports a page at a time, the accounts around it, and a report by id or by its
sender's reference. The batch use cases serve DataLoaders: one call for the keys a request asks
for in one tick, one value a key, in order. Every query also filters by the viewer inside Cypher
(``viewer_sees_all``), so whatever reaches them, an outsider gets nothing from the graph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.access import Capability
from graph.cypher import load_query
from graph.db import Record, from_wire_time, native
from graph.errors import InvalidValue, NotFound
from graph.law.offences import Strand
from services.paging import Item, Page, PageRequest, encode_cursor, time_and_id
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "contents_by_ids": Capability.HUB_CASEWORK,
    "reports_by_ids": Capability.HUB_CASEWORK,
    "report_by_source_ref": Capability.HUB_CASEWORK,
    "reports_of_contents": Capability.HUB_CASEWORK,
    "accounts_of_contents": Capability.HUB_CASEWORK,
}


@dataclass(frozen=True, slots=True)
class ContentValue:
    """One content item with its counts and its case."""

    id: str
    platform: str | None
    post_key: str | None
    other_post_keys: tuple[str, ...]  # posts an analyst merged into it
    report_count: int
    reporters_count: int  # distinct reporting people once linked, else reports' reporters
    first_seen_at: datetime | None
    last_seen_at: datetime | None
    case_id: str | None


@dataclass(frozen=True, slots=True)
class ReportValue:
    """One report as received; ``strands`` as the reporter ticked them (``OTHER`` included)."""

    id: str
    source: str
    source_ref: str
    reference: str
    received_at: datetime | None
    strands: tuple[Strand, ...]
    content_id: str | None


@dataclass(frozen=True, slots=True)
class AccountValue:
    key: str
    platform: str
    handle: str


@dataclass(frozen=True, slots=True)
class ReportsOf:
    """What a DataLoader asks for: a page of one content item's reports."""

    content_id: str
    page: PageRequest


def _content(r: Record) -> ContentValue:
    return ContentValue(
        id=r["id"],
        platform=r["platform"],
        post_key=r["post_key"],
        other_post_keys=tuple(r["other_post_keys"]),
        report_count=r["report_count"],
        reporters_count=r["reporters_count"],
        first_seen_at=native(r["first_at"]),
        last_seen_at=native(r["last_at"]),
        case_id=r["case_id"],
    )


def _report(r: Mapping[str, Any]) -> ReportValue:
    """A report from a row or a listed map (``received_at`` as the store's text)."""
    return ReportValue(
        id=r["id"],
        source=r["source"],
        source_ref=r["source_ref"],
        reference=r["reference"],
        received_at=from_wire_time(r["received_at"]),
        strands=tuple(Strand(s) for s in r["strands"] or ()),
        content_id=r["content_id"],
    )


@use_case
def contents_by_ids(caller: Caller, ids: list[str]) -> list[ContentValue | None]:
    """Content items by id, in the order asked (``None`` where an id names none)."""
    rows = caller.graph.read(
        load_query("content/contents_by_ids"),
        ids=ids,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    found = {r["id"]: _content(r) for r in rows}
    return [found.get(i) for i in ids]


@use_case
def reports_by_ids(caller: Caller, ids: list[str]) -> list[ReportValue | None]:
    """Reports by id, in the order asked (``None`` where an id names none)."""
    rows = caller.graph.read(
        load_query("content/reports_by_ids"), ids=ids, viewer_sees_all=caller.viewer.sees_all_forces
    )
    found = {r["id"]: _report(r) for r in rows}
    return [found.get(i) for i in ids]


@use_case
def report_by_source_ref(caller: Caller, source_ref: str, source: str | None) -> ReportValue:
    """The report a sending system knows as ``source_ref``; ``source`` is needed only where
    several systems used the same reference. Raises NotFound, or InvalidValue naming ``source``."""
    rows = caller.graph.read(
        load_query("content/reports_by_source_ref"),
        source_ref=source_ref,
        source=source,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    if len(rows) > 1:
        raise InvalidValue("source", "several systems used this source_ref: name the source")
    if not rows:
        raise NotFound(f"no report has the source_ref {source_ref!r}")
    return _report(rows[0])


def _page_param(asked: ReportsOf) -> dict[str, str | None]:
    """The content and the cursor's keyset (received_at as stored, then report id)."""
    received, report_id = asked.page.after_time_and_id
    return {"cid": asked.content_id, "after_at": received, "after_id": report_id}


@use_case
def reports_of_contents(caller: Caller, asked: list[ReportsOf]) -> list[Page[ReportValue]]:
    """A page of each content item's reports, oldest first: one query for the pages of one
    size (a request's fields ask for one size, so one query a batch)."""
    sizes: dict[int, list[int]] = {}
    for n, one in enumerate(asked):
        sizes.setdefault(one.page.first, []).append(n)
    listed: dict[int, list[Mapping[str, Any]]] = {}
    for first, indexes in sizes.items():
        rows = caller.graph.read(
            load_query("content/reports_by_cluster_ids"),
            pages=[_page_param(asked[n]) for n in indexes],
            limit=first + 1,
            viewer_sees_all=caller.viewer.sees_all_forces,
        )
        for row in rows:
            listed[indexes[row["index"]]] = list(row["items"])
    return [_reports_page(listed.get(n, []), one.page) for n, one in enumerate(asked)]


def _reports_page(items: Sequence[Mapping[str, Any]], page: PageRequest) -> Page[ReportValue]:
    shown = items[: page.first]
    return Page(
        [Item(encode_cursor(time_and_id(i["received_at"], i["id"])), _report(i)) for i in shown],
        has_next=len(items) > page.first,
    )


@use_case
def accounts_of_contents(caller: Caller, ids: list[str]) -> list[list[AccountValue]]:
    """The accounts that posted each content item or that its reporters named (at most 100)."""
    rows = caller.graph.read(
        load_query("content/accounts_by_cluster_ids"),
        ids=ids,
        viewer_sees_all=caller.viewer.sees_all_forces,
    )
    listed = {
        r["cluster_id"]: [AccountValue(a["key"], a["platform"], a["handle"]) for a in r["items"]]
        for r in rows
    }
    return [listed.get(i, []) for i in ids]
