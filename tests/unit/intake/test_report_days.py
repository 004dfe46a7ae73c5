"""A batch's reports a day by strand and platform and by time basis, counted from the rows
intake writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from graph.dedup.models import ReportEvidence
from ingest.intake_row import IntakeRow
from ingest.receipt import Receipt
from ingest.report_days import report_days
from tests.factories import referral
from tests.integration.intake.helpers import row


def _row(
    received: datetime,
    strands: list[str],
    platforms: list[str],
    reported: datetime | None = None,
    incident: datetime | None = None,
) -> IntakeRow:
    return IntakeRow(
        id="rpt-1", source="test", source_ref="1", intake_key="test|1",
        receipt=Receipt(received, raw_payload="{}", payload_hash="", access_code_hash=None),
        evidence=ReportEvidence(report_key="rpt-1", platform="x", reporter_key="r"),
        block_keys=(), unverified=(),
        written={
            "strands": strands, "content": [{"platform": p} for p in platforms],
            "reported_at": (reported or received).isoformat(),
            "incident_at": incident.isoformat() if incident else None,
        },
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
    received = [(d["id"], d["reports"]) for d in report_days(rows) if d["basis"] == "received"]
    assert received == [
        ("received|platform|instagram|2026-06-01", 1),
        ("received|platform|unknown|2026-06-02", 1),
        ("received|platform|x|2026-06-01", 3),
        ("received|strand|race|2026-06-01", 3),
        ("received|strand|religion|2026-06-01", 1),
        ("received|strand|unknown|2026-06-02", 1),
    ]
    # Reported as it was received: the same counts under the report date; no incident dates.
    reported = [(d["id"], d["reports"]) for d in report_days(rows) if d["basis"] == "reported"]
    assert reported == [(id_.replace("received|", "reported|"), n) for id_, n in received]
    assert not [d for d in report_days(rows) if d["basis"] == "incident"]
    first = report_days(rows)[0]
    assert first == {
        "id": "received|platform|instagram|2026-06-01",
        "basis": "received",
        "dimension": "platform",
        "key": "instagram",
        "day": "2026-06-01",
        "reports": 1,
    }


def test_a_backlog_counts_under_the_days_it_was_reported_and_happened() -> None:
    received = datetime(2026, 12, 7, 10, tzinfo=UTC)
    rows = [
        _row(received, ["race"], ["x"], datetime(2026, 6, 3, 8, tzinfo=UTC),
             datetime(2026, 6, 1, 20, tzinfo=UTC)),
        _row(received, ["race"], ["x"], datetime(2026, 7, 9, 8, tzinfo=UTC)),
    ]  # fmt: skip
    strands = {(d["basis"], d["day"]): d["reports"] for d in report_days(rows)
               if d["dimension"] == "strand"}  # fmt: skip
    assert strands == {
        ("received", "2026-12-07"): 2,
        ("reported", "2026-06-03"): 1,
        ("reported", "2026-07-09"): 1,
        ("incident", "2026-06-01"): 1,
    }


def test_a_row_as_intake_builds_it() -> None:
    payload = referral()  # reported 2026-06-01T04:08Z, happened 2026-05-31 22:15 BST
    payload["incident"]["strands"] = ["religion", "race"]
    built = row(payload, datetime(2026, 6, 1, 12, tzinfo=UTC))
    assert [d["id"] for d in report_days([built])] == [
        "incident|platform|x|2026-05-31",  # "Twitter" with a post URL on mobile.twitter.com
        "incident|strand|race|2026-05-31",
        "incident|strand|religion|2026-05-31",
        "received|platform|x|2026-06-01",
        "received|strand|race|2026-06-01",
        "received|strand|religion|2026-06-01",
        "reported|platform|x|2026-06-01",
        "reported|strand|race|2026-06-01",
        "reported|strand|religion|2026-06-01",
    ]


def test_no_rows_no_counts() -> None:
    assert report_days([]) == []
