"""The reports a day that intake keeps by strand and platform and time basis, and the weekly
trends built on them.

Trends over whole days add up these counts; the partial days at a window's edges, and every day
for a viewer who sees one force only, are counted from the reports. Whatever the window and
whichever of a report's times it is read by (reported, incident, received: here weeks apart),
both ways must give the same weeks and counts as counting the reports one by one, here in
Python from what was written.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.intel.bounds import TimeBasis, Window
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row

START = datetime(2026, 3, 5, 7, 30, tzinfo=UTC)  # a Thursday: the days run over three weeks
# Each report's times, apart by whole weeks so the days keep their weekdays: reported at START
# plus its hours, the incident four weeks before (none for NO_INCIDENT), received six weeks after.
OFFSETS = {
    TimeBasis.REPORTED: timedelta(0),
    TimeBasis.INCIDENT: timedelta(weeks=-4),
    TimeBasis.RECEIVED: timedelta(weeks=6),
}
NO_INCIDENT = {7}

# (hours after START, strands, platforms of its content)
REPORTS: list[tuple[float, list[str], list[str]]] = [
    (0, ["race"], ["x"]),
    (1.5, ["race", "religion"], ["x"]),
    (16.4, ["religion"], ["instagram"]),  # 23:54 the same day
    (16.6, ["disability"], ["x", "instagram"]),  # 00:06 the next day
    (40, ["race"], ["tiktok"]),
    (90, ["sexual_orientation", "transgender"], ["x"]),  # the Monday after
    (90.2, ["race"], ["x", "x"]),  # two items of one platform count once
    (160, ["other"], ["reddit"]),
    (230, ["race"], ["instagram"]),  # Saturday 21:30
    (264, ["race"], ["instagram"]),  # the Monday of the third week
    (265, ["disability", "race"], ["tiktok", "x"]),
]

URLS = {
    "x": "https://x.com/someone/status/17965123456789{n:02d}{i}",
    "instagram": "https://www.instagram.com/p/CxDays{n:02d}{i}/",
    "tiktok": "https://www.tiktok.com/@someone/video/72000000000000{n:02d}{i}",
    "reddit": "https://www.reddit.com/r/some/comments/d{n:02d}{i}/a_post/",
}


def _rows(first: int, last: int) -> list[Any]:
    rows = []
    for n, (hours, strands, platforms) in enumerate(REPORTS[first:last], start=first):
        at = START + timedelta(hours=hours)
        payload = referral(source_ref=f"TV-DAY-{n}", submitted_at=at.isoformat())
        payload["incident"]["strands"] = strands
        payload["incident"]["occurred_at"] = (
            None if n in NO_INCIDENT else (at + OFFSETS[TimeBasis.INCIDENT]).isoformat()
        )
        payload["content"] = [
            {"url": URLS[p].format(n=n, i=i), "platform": p, "text": f"post {n} {i}"}
            for i, p in enumerate(platforms)
        ]
        rows.append(row(payload, at + OFFSETS[TimeBasis.RECEIVED]))
    return rows


def _expected(
    since: datetime, until: datetime, dimension: str, basis: TimeBasis = TimeBasis.REPORTED
) -> list[tuple[date, str, int]]:
    counts: Counter[tuple[date, str]] = Counter()
    for n, (hours, strands, platforms) in enumerate(REPORTS):
        if basis is TimeBasis.INCIDENT and n in NO_INCIDENT:
            continue
        at = START + timedelta(hours=hours) + OFFSETS[basis]
        if since <= at < until:
            day = at.date()
            week = day - timedelta(days=day.weekday())
            for key in set(strands if dimension == "strand" else platforms):
                counts[week, key] += 1
    return sorted((week, key, n) for (week, key), n in counts.items())


def _trends(
    graph: Graph,
    dimension: str,
    since: datetime,
    until: datetime,
    counted: bool,
    basis: TimeBasis = TimeBasis.REPORTED,
) -> list[tuple[date, str, int]]:
    window = Window.of(since, until)
    rows = graph.read(
        load_query(f"intel/trends_by_{dimension}"),
        viewer_force=None,
        viewer_sees_all=True,
        basis=basis.key,
        post_spans=window.spans(basis)["spans"],
        **window.edge_spans(basis, sees_all=counted),
    )
    return [(r["week"].to_native(), r["key"], r["reports"]) for r in rows]


def _days(graph: Graph) -> dict[str, int]:
    found = query(
        graph,
        "MATCH (d:ReportDay) WHERE d.dimension IN ['strand', 'platform'] "
        "RETURN d.id AS id, d.reports AS reports",
    )
    return {d["id"]: d["reports"] for d in found}


@pytest.fixture
def written(reference_graph: Graph) -> Graph:
    # Three transactions, the last holding reports of several days.
    for first, last in ((0, 2), (2, 4), (4, len(REPORTS))):
        write_reports(reference_graph, _rows(first, last))
    return reference_graph


WINDOWS = [
    (START - timedelta(days=1), START + timedelta(days=14)),  # every report, whole days inside
    (START + timedelta(hours=1), START + timedelta(hours=240)),  # cut within days at both ends
    (datetime(2026, 3, 6, tzinfo=UTC), datetime(2026, 3, 9, tzinfo=UTC)),  # midnight to midnight
    (START + timedelta(hours=16), START + timedelta(hours=17)),  # across one midnight, no whole day
    (START + timedelta(hours=90.1), START + timedelta(hours=90.3)),  # within one day
]


@pytest.mark.parametrize("basis", list(TimeBasis))
@pytest.mark.parametrize("dimension", ["strand", "platform"])
@pytest.mark.parametrize(("since", "until"), WINDOWS)
def test_trends_from_the_counts_a_day_are_the_reports_counted_one_by_one(
    written: Graph, dimension: str, since: datetime, until: datetime, basis: TimeBasis
) -> None:
    since, until = since + OFFSETS[basis], until + OFFSETS[basis]
    expected = _expected(since, until, dimension, basis)
    assert expected or basis is TimeBasis.INCIDENT  # every window holds reports
    assert _trends(written, dimension, since, until, counted=True, basis=basis) == expected
    assert _trends(written, dimension, since, until, counted=False, basis=basis) == expected


def test_intake_keeps_a_count_a_day_key_and_basis_and_a_rerun_adds_nothing(
    written: Graph,
) -> None:
    days = _days(written)
    assert days["reported|strand|race|2026-03-05"] == 2
    assert days["reported|strand|religion|2026-03-05"] == 2
    assert days["reported|strand|disability|2026-03-06"] == 1
    assert days["reported|platform|x|2026-03-09"] == 2  # one of them with two items on x
    assert days["reported|platform|instagram|2026-03-06"] == 1
    # The same reports, six weeks later by receipt and four weeks earlier by incident.
    assert days["received|strand|race|2026-04-16"] == 2
    assert days["incident|strand|race|2026-02-05"] == 2
    per_report = sum(len(set(strands)) for _, strands, _ in REPORTS)
    for basis, less in (("reported", 0), ("received", 0), ("incident", 1)):  # one: no incident
        assert sum(n for k, n in days.items() if k.startswith(f"{basis}|strand|")) == (
            per_report - less
        )
    # The same referrals again are already present: no report, and no count, is added twice.
    write_reports(written, _rows(0, len(REPORTS)))
    assert _days(written) == days


def _times(graph: Graph) -> dict[str, tuple[Any, Any]]:
    found = query(
        graph, "MATCH (r:Report) RETURN r.id AS id, r.reported_at AS reported, "
        "r.incident_at AS incident",
    )  # fmt: skip
    return {r["id"]: (r["reported"], r["incident"]) for r in found}


def test_the_upgrades_give_an_older_graph_its_times_and_counts_and_then_find_nothing_to_do(
    written: Graph,
) -> None:
    times_upgrade = load_query("upgrades/003_report_times").text
    days_upgrade = load_query("upgrades/004_report_days_by_basis").text
    kept, times = _days(written), _times(written)
    # A graph from before reports kept their times: counts without a basis, no times, and one
    # report whose submission time lies after the hub received it; no upgrade has run on it.
    query(written, "MATCH (u:DataUpgrade) DELETE u")
    query(written, "MATCH (d:ReportDay) DELETE d")
    written.run_schema(load_query("upgrades/002_report_days").text)
    assert all(k.split("|")[0] in {"strand", "platform"} for k in _days(written))
    query(written, "MATCH (r:Report) REMOVE r.reported_at, r.incident_at")
    late = query(
        written, "MATCH (r:Report {source_ref: 'TV-DAY-0'}) "
        "SET r.submitted_at = r.received_at + duration({hours: 2}) RETURN r.received_at AS at",
    )[0]["at"]  # fmt: skip
    pending = load_query("admin/pending_upgrades")
    assert written.read(pending)[0]["pending"] == [
        "003_report_times", "004_report_days_by_basis", "005_report_weeks",
        "007_content_counts", "008_person_counts",
    ]  # fmt: skip

    written.run_schema(times_upgrade)
    written.run_schema(days_upgrade)
    for counted in ("005_report_weeks", "007_content_counts", "008_person_counts"):
        written.run_schema(load_query(f"upgrades/{counted}").text)  # tested with their counts
    assert written.read(pending)[0]["pending"] == []
    first = next(r for r in _rows(0, 1))
    restored = _times(written)
    assert restored[first.id][0] == late  # counted as reported when it was received
    assert {k: v for k, v in restored.items() if k != first.id} == {
        k: v for k, v in times.items() if k != first.id
    }
    # Counted as intake counts, but for the report now reported when it was received.
    recounted = _days(written)
    assert {k: n for k, n in recounted.items() if not k.startswith("reported|")} == {
        k: n for k, n in kept.items() if not k.startswith("reported|")
    }
    assert (
        recounted["reported|strand|race|2026-03-05"] == kept["reported|strand|race|2026-03-05"] - 1
    )
    assert recounted["reported|strand|race|2026-04-16"] == 1

    # Their work done, they change nothing, even a count the recount would have made otherwise.
    query(written, "MATCH (d:ReportDay {id: 'received|strand|race|2026-04-16'}) SET d.reports = 99")
    written.run_schema(times_upgrade)
    written.run_schema(days_upgrade)
    assert _days(written) == {**recounted, "received|strand|race|2026-04-16": 99}
