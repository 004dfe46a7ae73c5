"""A batch's reports a day by strand and platform, counted from the rows intake writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from graph.dedup.models import ReportEvidence
from ingest.intake_row import IntakeRow
from ingest.receipt import Receipt
from ingest.report_days import report_days
from tests.factories import referral
from tests.integration.intake.helpers import row


def _row(received: datetime, strands: list[str], platforms: list[str]) -> IntakeRow:
    return IntakeRow(
        id="rpt-1", source="test", source_ref="1", intake_key="test|1",
        receipt=Receipt(received, raw_payload="{}", payload_hash="", access_code_hash=None),
        evidence=ReportEvidence(report_key="rpt-1", platform="x", reporter_key="r"),
        block_keys=(), unverified=(),
        written={"strands": strands, "content": [{"platform": p} for p in platforms]},
    )  # fmt: skip


def test_each_report_counts_once_under_each_strand_and_platform_of_its_utc_day() -> None:
    bst = timezone(timedelta(hours=1))
    rows = [
        _row(datetime(2026, 6, 1, 9, tzinfo=UTC), ["race", "religion"], ["x", "x"]),
        _row(datetime(2026, 6, 1, 23, 59, tzinfo=UTC), ["race"], ["instagram", "x"]),
        # 00:30 in summer time is 23:30 the day before in UTC.
        _row(datetime(2026, 6, 2, 0, 30, tzinfo=bst), ["race", "race"], ["x"]),
        _row(datetime(2026, 6, 2, 1, 30, tzinfo=bst), [], []),  # from before strands were asked
    ]
    assert [(d["id"], d["reports"]) for d in report_days(rows)] == [
        ("platform|instagram|2026-06-01", 1),
        ("platform|unknown|2026-06-02", 1),
        ("platform|x|2026-06-01", 3),
        ("strand|race|2026-06-01", 3),
        ("strand|religion|2026-06-01", 1),
        ("strand|unknown|2026-06-02", 1),
    ]
    first = report_days(rows)[0]
    assert first == {
        "id": "platform|instagram|2026-06-01",
        "dimension": "platform",
        "key": "instagram",
        "day": "2026-06-01",
        "reports": 1,
    }


def test_a_row_as_intake_builds_it() -> None:
    payload = referral()
    payload["incident"]["strands"] = ["religion", "race"]
    built = row(payload, datetime(2026, 6, 1, 12, tzinfo=UTC))
    assert [d["id"] for d in report_days([built])] == [
        "platform|x|2026-06-01",  # "Twitter" with a post URL on mobile.twitter.com
        "strand|race|2026-06-01",
        "strand|religion|2026-06-01",
    ]


def test_no_rows_no_counts() -> None:
    assert report_days([]) == []
