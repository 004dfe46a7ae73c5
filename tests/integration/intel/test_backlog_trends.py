"""A partner's file of referrals made months ago, ingested today, is counted in the weeks its
reports were made; by incident date when asked; by receipt date only when asked (issue 29).

The file goes through bulk intake as an operator would send it, with a line whose dates lie in
the future and one whose report date lies before the hub's earliest date: both are taken in,
counted at their receipt, warned of on the report and counted in the summary.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from graph.db import Graph
from graph.intel.bounds import TimeBasis
from graph.viewer import Role, Viewer
from ingest.bulk import Summary, ingest_file
from services.analytics import TrendDimension, TrendRow, trends
from services.paging import PageRequest
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query

ANALYST = Viewer(Role.INTELLIGENCE_ANALYST, "ia-morgan")
EARLIEST = date(2020, 1, 1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# (reported, incident or None, platform): referrals made from June to September
BACKLOG = [
    (datetime(2026, 6, 3, 9, tzinfo=UTC), datetime(2026, 6, 1, 21, tzinfo=UTC), "x"),
    (datetime(2026, 6, 4, 18, tzinfo=UTC), datetime(2026, 5, 20, 12, tzinfo=UTC), "x"),
    (datetime(2026, 7, 15, 10, tzinfo=UTC), None, "instagram"),
    (datetime(2026, 8, 27, 23, 30, tzinfo=UTC), datetime(2026, 8, 26, 8, tzinfo=UTC), "tiktok"),
    (datetime(2026, 9, 30, 12, tzinfo=UTC), datetime(2026, 9, 29, 7, tzinfo=UTC), "x"),
]
URLS = {
    "x": "https://x.com/someone/status/18000000000000000{n}",
    "instagram": "https://www.instagram.com/p/CxBacklog{n}/",
    "tiktok": "https://www.tiktok.com/@someone/video/7300000000000000{n}",
}


def _line(n: int, reported: datetime, incident: datetime | None, platform: str) -> Any:
    payload = referral(source_ref=f"PARTNER-{n}", submitted_at=reported.isoformat())
    payload["incident"]["occurred_at"] = incident.isoformat() if incident else None
    payload["content"] = [{"url": URLS[platform].format(n=n), "platform": platform}]
    return payload


@pytest.fixture
def ingested(reference_graph: Graph, tmp_path: Path) -> tuple[Graph, Summary, datetime]:
    lines = [_line(n, *entry) for n, entry in enumerate(BACKLOG)]
    future = _line(7, datetime(2099, 1, 1, tzinfo=UTC), datetime(2098, 1, 1, tzinfo=UTC), "x")
    ancient = _line(8, datetime(2019, 12, 31, tzinfo=UTC), None, "x")
    source = tmp_path / "partner.jsonl"
    source.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in [*lines, future, ancient]))
    before = datetime.now(UTC)
    summary = ingest_file(
        reference_graph, source, tmp_path / "partner.rejects.jsonl", earliest=EARLIEST
    )
    return reference_graph, summary, before


def _totals(rows: list[TrendRow]) -> Counter[tuple[date, str]]:
    return Counter({(r.week_start, r.key): r.reports for r in rows})


def _trends(graph: Graph, **basis: TimeBasis) -> list[TrendRow]:
    since, until = datetime(2026, 5, 1, tzinfo=UTC), datetime.now(UTC) + timedelta(days=1)
    page = trends(
        Caller(graph, ANALYST), TrendDimension.PLATFORM, since, until, PageRequest(500), **basis
    )
    return list(page.values)


def test_a_backlog_is_counted_in_the_weeks_its_reports_were_made(
    ingested: tuple[Graph, Summary, datetime],
) -> None:
    graph, summary, received = ingested
    this_week = _monday(received.date())
    assert (summary.accepted, summary.rejected) == (7, 0)

    # By default: the weeks the reports were made; the two corrected lines when received.
    expected: Counter[tuple[date, str]] = Counter(
        (_monday(reported.date()), platform) for reported, _, platform in BACKLOG
    )
    expected[this_week, "x"] += 2
    assert _totals(_trends(graph)) == expected
    assert _totals(_trends(graph, basis=TimeBasis.REPORTED)) == expected

    # By incident date: where the file gives one (the future one counted at its receipt).
    by_incident: Counter[tuple[date, str]] = Counter(
        (_monday(incident.date()), platform) for _, incident, platform in BACKLOG if incident
    )
    by_incident[this_week, "x"] += 1
    assert _totals(_trends(graph, basis=TimeBasis.INCIDENT)) == by_incident

    # By receipt, only when asked: the whole file in the week it arrived.
    assert _totals(_trends(graph, basis=TimeBasis.RECEIVED)) == Counter(
        {(this_week, "x"): 5, (this_week, "instagram"): 1, (this_week, "tiktok"): 1}
    )


def test_out_of_bounds_dates_are_corrected_warned_and_counted_in_the_summary(
    ingested: tuple[Graph, Summary, datetime],
) -> None:
    graph, summary, received = ingested
    assert summary.dates_corrected == Counter({"submitted_at": 2, "incident.occurred_at": 1})
    assert "3 dates out of bounds corrected to receipt" in summary.line()
    assert Summary.from_line(summary.line()) is not None  # the line still reads back
    rows = query(
        graph,
        "MATCH (r:Report) WHERE r.source_ref IN ['PARTNER-7', 'PARTNER-8'] "
        "RETURN r.source_ref AS ref, r.reported_at AS reported, r.incident_at AS incident, "
        "r.received_at AS received, r.submitted_at AS submitted, "
        "r.unverified_fields AS fields, r.unverified_reasons AS reasons ORDER BY ref",
    )
    future, ancient = rows
    assert future["reported"] == future["received"] == future["incident"]
    assert future["submitted"].year == 2099  # the date as carried is kept
    assert future["fields"] == ["submitted_at", "incident.occurred_at"]
    assert "lies after the hub received the referral" in future["reasons"][0]
    assert ancient["reported"] == ancient["received"]
    assert ancient["incident"] is None
    assert ancient["fields"] == ["submitted_at"]
    assert "before the earliest date the hub counts (2020-01-01)" in ancient["reasons"][0]
    assert received <= ancient["received"].to_native() <= datetime.now(UTC)
    # Dates within bounds are kept as the file carried them.
    kept = query(
        graph, "MATCH (r:Report {source_ref: 'PARTNER-3'}) RETURN r.reported_at AS at, "
        "r.unverified_fields AS fields",
    )  # fmt: skip
    assert kept == [{"at": kept[0]["at"], "fields": None}]
    assert kept[0]["at"].to_native() == BACKLOG[3][0]
