"""A batch's reports a day by hate strand and by platform, a time basis: the counts weekly
trends add up.

Intake adds them to the graph's ``ReportDay`` nodes in the transaction that creates the reports
(``queries/intake/count_report_days.cypher``), so a count is never ahead of or behind its
reports. They are counted here, from the rows intake writes, as ``intel/trends_by_strand`` and
``intel/trends_by_platform`` count reports in the graph: a report once under each of its
strands and under each platform of the content it is about (a post's content node takes the
platform of its URL, as its row does), ``unknown`` when it has none, by the UTC day of each of
its times (``graph/intel/bounds.py`` ``TimeBasis``): the day it was reported, the day the
incident happened (when the referral says) and the day the hub received it. Counted in Cypher
after the reports were created, the same numbers cost Neo4j about 60 us of CPU a referral, a
tenth of intake's throughput; here they cost a few microseconds. Pure: no database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from ingest.intake_row import IntakeRow

UNKNOWN = "unknown"


def _days(row: IntakeRow) -> dict[str, date]:
    """The UTC day of each time the report has, by basis (``TimeBasis.key``)."""
    written = row.written
    times = {
        "reported": written.get("reported_at"),
        "incident": written.get("incident_at"),
        "received": row.received_at.isoformat(),
    }
    return {
        basis: datetime.fromisoformat(at).astimezone(UTC).date()
        for basis, at in times.items()
        if at is not None
    }


def report_days(rows: Iterable[IntakeRow]) -> list[dict[str, Any]]:
    """One entry a (basis, dimension, key, day) with its reports, in id order (the order every
    writer locks the nodes in)."""
    counts: Counter[tuple[str, str, str, date]] = Counter()
    for row in rows:
        written = row.written
        keys = {
            "strand": set(written["strands"]) or {UNKNOWN},
            "platform": {item["platform"] or UNKNOWN for item in written["content"]} or {UNKNOWN},
        }
        for basis, day in _days(row).items():
            for dimension, found in keys.items():
                for key in found:
                    counts[basis, dimension, key, day] += 1
    entries = [
        {
            "id": f"{basis}|{dimension}|{key}|{day.isoformat()}",
            "basis": basis,
            "dimension": dimension,
            "key": key,
            "day": day.isoformat(),
            "reports": reports,
        }
        for (basis, dimension, key, day), reports in counts.items()
    ]
    return sorted(entries, key=lambda entry: entry["id"])
