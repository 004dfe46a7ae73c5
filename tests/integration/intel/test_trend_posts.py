"""Trends show reports and distinct posts for the same weeks: a viral post reported many times
is many reports and one post (issue 29)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.db import Graph
from graph.viewer import Role, Viewer
from ingest.load import write_reports
from services.analytics import TrendDimension, trends
from services.paging import PageRequest
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import row

ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")
MONDAY = datetime(2026, 10, 5, 9, tzinfo=UTC)
VIRAL = "https://x.com/someone/status/1850000000000000001"


def _referral(n: int, url: str, at: datetime, strand: str = "race") -> object:
    payload = referral(source_ref=f"TV-VIRAL-{n}", submitted_at=at.isoformat())
    payload["content"][0]["url"] = url
    payload["content"][0]["text"] = f"post at {url}"
    payload["incident"]["strands"] = [strand]
    return payload


@pytest.fixture
def viral(reference_graph: Graph) -> Graph:
    payloads = [_referral(n, VIRAL, MONDAY + timedelta(hours=n)) for n in range(12)]
    payloads += [  # two other posts the same week, one the next week
        _referral(20, "https://x.com/other/status/1850000000000000020", MONDAY),
        _referral(21, "https://x.com/other/status/1850000000000000021", MONDAY, "religion"),
        _referral(22, VIRAL, MONDAY + timedelta(days=7)),  # the viral post again, a week on
    ]
    write_reports(reference_graph, [row(p, datetime.now(UTC)) for p in payloads])  # type: ignore[arg-type]
    return reference_graph


@pytest.mark.parametrize("dimension", list(TrendDimension))
def test_a_viral_post_is_many_reports_and_one_post(viral: Graph, dimension: TrendDimension) -> None:
    page = trends(
        Caller(viral, ANALYST), dimension, MONDAY - timedelta(days=1),
        MONDAY + timedelta(days=14), PageRequest(500),
    )  # fmt: skip
    week, next_week = MONDAY.date(), MONDAY.date() + timedelta(days=7)
    by_week = {(r.week_start, r.key): (r.reports, r.posts) for r in page.values}
    if dimension is TrendDimension.STRAND:
        assert by_week == {
            (week, "race"): (13, 2),
            (week, "religion"): (1, 1),
            (next_week, "race"): (1, 1),
        }
    else:
        key = "x" if dimension is TrendDimension.PLATFORM else "unassigned"
        assert {k: v for k, v in by_week.items() if k[1] != key} == {}
        assert by_week == {(week, key): (14, 3), (next_week, key): (1, 1)}


def test_posts_are_not_counted_where_only_reports_are_wanted(viral: Graph) -> None:
    page = trends(
        Caller(viral, ANALYST), TrendDimension.STRAND, MONDAY - timedelta(days=1),
        MONDAY + timedelta(days=14), PageRequest(500), with_posts=False,
    )  # fmt: skip
    assert {(r.key, r.reports, r.posts) for r in page.values} == {
        ("race", 13, None),
        ("religion", 1, None),
        ("race", 1, None),
    }
