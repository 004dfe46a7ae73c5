"""``periodStatistics`` and ``trends`` through GraphQL: a backlog reported in the summer and
received today counts in the summer unless receipt is asked for; trends give reports and
distinct posts side by side; statistics are for hub roles, their period named when it is bad."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:intelligence_analyst:ia-morgan"
OFFICER = "dev:force_officer:pc-ward:E23000010"
VIRAL = "https://x.com/someone/status/1870000000000000001"
REPORTED = datetime(2026, 8, 12, 10, tzinfo=UTC)  # a Wednesday in Q3

TRENDS = """query($since: DateTime!, $until: DateTime!, $basis: TimeBasis!) {
  trends(dimension: PLATFORM, since: $since, until: $until, basis: $basis) { __typename
    ... on TrendRowConnection { nodes { weekStart key reports %s } } } }"""
STATISTICS = """query($period: String!) { periodStatistics(period: $period) { __typename
  ... on PeriodStatistics { period kind status countedBy
        rows { breakdown category reports posts cases countingRule } }
  ... on InvalidInputError { problems { field message } }
  ... on ForbiddenError { message } } }"""


@pytest.fixture
def loaded(client: TestClient) -> TestClient:
    for n in range(4):  # one post reported four times: four reports, one post
        payload = referral(source_ref=f"TV-G{n}", submitted_at=REPORTED.isoformat())
        payload["content"][0].update({"url": VIRAL, "platform": "x", "text": f"at {VIRAL}"})
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    return client


def _trends(client: TestClient, basis: str, fields: str = "posts") -> list[dict]:  # type: ignore[type-arg]
    window = {
        "since": datetime(2026, 6, 1, tzinfo=UTC).isoformat(),
        "until": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
    }
    found = gql(client, TRENDS % fields, ANALYST, basis=basis, **window)
    assert "errors" not in found, found
    return found["data"]["trends"]["nodes"]  # type: ignore[no-any-return]


def test_trends_count_by_report_date_unless_receipt_is_asked_for(loaded: TestClient) -> None:
    monday = (REPORTED.date() - timedelta(days=REPORTED.weekday())).isoformat()
    assert _trends(loaded, "REPORTED") == [
        {"weekStart": monday, "key": "x", "reports": 4, "posts": 1}
    ]
    today = date.today()
    this_week = (today - timedelta(days=today.weekday())).isoformat()
    assert _trends(loaded, "RECEIVED") == [
        {"weekStart": this_week, "key": "x", "reports": 4, "posts": 1}
    ]
    # Posts not asked for are not counted.
    assert _trends(loaded, "REPORTED", fields="") == [
        {"weekStart": monday, "key": "x", "reports": 4}
    ]


def test_period_statistics_for_hub_roles(loaded: TestClient) -> None:
    found = gql(loaded, STATISTICS, ANALYST, period="2026-Q3")["data"]["periodStatistics"]
    assert (found["__typename"], found["period"], found["kind"], found["status"]) == (
        "PeriodStatistics", "2026-Q3", "QUARTER", "FINAL",
    )  # fmt: skip
    assert found["countedBy"] == "REPORTED"
    total = next(r for r in found["rows"] if r["breakdown"] == "TOTAL")
    assert (total["reports"], total["posts"], total["cases"]) == (4, 1, 1)
    assert "distinct content" in total["countingRule"]

    refused = gql(loaded, STATISTICS, OFFICER, period="2026-Q3")["data"]["periodStatistics"]
    assert refused["__typename"] == "ForbiddenError"
    bad = gql(loaded, STATISTICS, ANALYST, period="2026-Q7")["data"]["periodStatistics"]
    assert bad["__typename"] == "InvalidInputError"
    assert bad["problems"][0]["field"] == "period"
