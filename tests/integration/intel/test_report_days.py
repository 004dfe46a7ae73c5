"""The reports a day that intake keeps by strand and platform, and the weekly trends built on them.

Trends over whole days add up these counts; the partial days at a window's edges, and every day
for a viewer who sees one force only, are counted from the reports. Whatever the window, both
ways must give the same weeks and counts as counting the reports one by one, here in Python from
what was written.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.intel.bounds import Window
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row

START = datetime(2026, 3, 5, 7, 30, tzinfo=UTC)  # a Thursday: the days run over three weeks

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
        payload = referral(source_ref=f"TV-DAY-{n}")
        payload["incident"]["strands"] = strands
        payload["content"] = [
            {"url": URLS[p].format(n=n, i=i), "platform": p, "text": f"post {n} {i}"}
            for i, p in enumerate(platforms)
        ]
        rows.append(row(payload, START + timedelta(hours=hours)))
    return rows


def _expected(since: datetime, until: datetime, dimension: str) -> list[tuple[date, str, int]]:
    counts: Counter[tuple[date, str]] = Counter()
    for hours, strands, platforms in REPORTS:
        at = START + timedelta(hours=hours)
        if since <= at < until:
            day = at.date()
            week = day - timedelta(days=day.weekday())
            for key in set(strands if dimension == "strand" else platforms):
                counts[week, key] += 1
    return sorted((week, key, n) for (week, key), n in counts.items())


def _trends(
    graph: Graph, dimension: str, since: datetime, until: datetime, counted: bool
) -> list[tuple[date, str, int]]:
    window = Window.of(since, until)
    rows = graph.read(
        load_query(f"intel/trends_by_{dimension}"),
        viewer_force=None,
        viewer_sees_all=True,
        **window.params(),
        **window.counted_days(sees_all=counted),
    )
    return [(r["week"].to_native(), r["key"], r["reports"]) for r in rows]


def _days(graph: Graph) -> dict[str, int]:
    found = query(graph, "MATCH (d:ReportDay) RETURN d.id AS id, d.reports AS reports")
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


@pytest.mark.parametrize("dimension", ["strand", "platform"])
@pytest.mark.parametrize(("since", "until"), WINDOWS)
def test_trends_from_the_counts_a_day_are_the_reports_counted_one_by_one(
    written: Graph, dimension: str, since: datetime, until: datetime
) -> None:
    expected = _expected(since, until, dimension)
    assert _trends(written, dimension, since, until, counted=True) == expected
    assert _trends(written, dimension, since, until, counted=False) == expected


def test_intake_keeps_a_count_a_day_and_key_and_a_rerun_adds_nothing(written: Graph) -> None:
    days = _days(written)
    assert days["strand|race|2026-03-05"] == 2
    assert days["strand|religion|2026-03-05"] == 2
    assert days["strand|disability|2026-03-06"] == 1
    assert days["platform|x|2026-03-09"] == 2  # one of them with two items on x
    assert days["platform|instagram|2026-03-06"] == 1
    assert sum(n for k, n in days.items() if k.startswith("strand|")) == sum(
        len(set(strands)) for _, strands, _ in REPORTS
    )
    # The same referrals again are already present: no report, and no count, is added twice.
    write_reports(written, _rows(0, len(REPORTS)))
    assert _days(written) == days


def test_the_upgrade_counts_every_report_once_and_then_finds_nothing_to_do(
    written: Graph,
) -> None:
    upgrade = load_query("upgrades/002_report_days").text
    kept = _days(written)
    # As where the new intake ran before the upgrade (the test database is emptied, marker and
    # all, before each test): the counts are made afresh, not added to.
    assert query(written, "MATCH (u:DataUpgrade) RETURN count(u) AS n") == [{"n": 0}]
    written.run_schema(upgrade)
    assert _days(written) == kept
    assert query(written, "MATCH (u:DataUpgrade) RETURN u.id AS id") == [{"id": "002_report_days"}]

    # Its marker there, it changes nothing, even a count it would have made otherwise.
    query(written, "MATCH (d:ReportDay {id: 'strand|race|2026-03-05'}) SET d.reports = 99")
    written.run_schema(upgrade)
    assert _days(written) == {**kept, "strand|race|2026-03-05": 99}

    # A graph from before intake kept them: no counts and no marker.
    query(written, "MATCH (n) WHERE n:ReportDay OR n:DataUpgrade DELETE n")
    written.run_schema(upgrade)
    assert _days(written) == kept
    for dimension in ("strand", "platform"):
        since, until = WINDOWS[1]
        assert _trends(written, dimension, since, until, counted=True) == _expected(
            since, until, dimension
        )
