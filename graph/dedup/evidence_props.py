"""A report's matching evidence as flat node properties (``match_*``), and back.

Stored on each ``Report`` at intake so clusters can be re-derived (after an analyst's merge or
split) from the graph alone; the raw payload stays the source they can be rebuilt from. Times go
to Neo4j as ISO text (``graph.db.wire_time``), are stored with ``datetime()`` and come back as
ISO text (``toString``: ``graph.db.from_wire_time``).
"""

from __future__ import annotations

from typing import Any

from graph.db import from_wire_time, wire_time
from graph.dedup.models import ReportEvidence


def evidence_properties(evidence: ReportEvidence) -> dict[str, Any]:
    return {
        "match_platform": evidence.platform,
        "match_reporter_key": evidence.reporter_key,
        "match_post_key": evidence.post_key,
        "match_handles": list(evidence.handles),
        "match_text": evidence.text,
        "match_captured_at": wire_time(evidence.captured_at),
        "match_occurred_at": wire_time(evidence.occurred_at),
        "match_victim_key": evidence.victim_key,
    }


def evidence_from_record(report_id: str, record: dict[str, Any]) -> ReportEvidence:
    """The evidence from a record with the ``match_*`` properties, times as ISO text."""
    return ReportEvidence(
        report_key=report_id,
        platform=record["match_platform"],
        reporter_key=record["match_reporter_key"],
        post_key=record["match_post_key"],
        handles=tuple(record["match_handles"] or ()),
        text=record["match_text"],
        captured_at=from_wire_time(record["match_captured_at"]),
        occurred_at=from_wire_time(record["match_occurred_at"]),
        victim_key=record["match_victim_key"],
    )
