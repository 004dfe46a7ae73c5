"""A batch's reports a day by hate strand and by platform: the counts weekly trends add up.

Intake adds them to the graph's ``ReportDay`` nodes in the transaction that creates the reports
(``queries/intake/count_report_days.cypher``), so a count is never ahead of or behind its
reports. They are counted here, from the rows intake writes, as ``intel/trends_by_strand`` and
``intel/trends_by_platform`` count reports in the graph: a report once under each of its
strands and under each platform of the content it is about (a post's content node takes the
platform of its URL, as its row does), ``unknown`` when it has none, by the UTC day it was
received. Counted in Cypher after the reports were created, the same numbers cost Neo4j about
60 us of CPU a referral, a tenth of intake's throughput; here they cost a few microseconds.
Pure: no database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date
from typing import Any

from ingest.intake_row import IntakeRow

UNKNOWN = "unknown"


def report_days(rows: Iterable[IntakeRow]) -> list[dict[str, Any]]:
    """One entry a (dimension, key, day) with its reports, in id order (the order every writer
    locks the nodes in)."""
    counts: Counter[tuple[str, str, date]] = Counter()
    for row in rows:
        day = row.received_at.astimezone(UTC).date()
        written = row.written
        for strand in set(written["strands"]) or {UNKNOWN}:
            counts["strand", strand, day] += 1
        for platform in {item["platform"] or UNKNOWN for item in written["content"]} or {UNKNOWN}:
            counts["platform", platform, day] += 1
    entries = [
        {
            "id": f"{dimension}|{key}|{day.isoformat()}",
            "dimension": dimension,
            "key": key,
            "day": day.isoformat(),
            "reports": reports,
        }
        for (dimension, key, day), reports in counts.items()
    ]
    return sorted(entries, key=lambda entry: entry["id"])
