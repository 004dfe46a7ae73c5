"""One time representation for every kind of judgement: a Neo4j datetime, written so by the
kernel's create queries, and given to judgements an older hub wrote as text by
``upgrades/006_judgement_times`` (which then finds nothing to do)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson

from graph.cypher import load_query
from graph.db import Graph
from graph.identity.store import judge_accounts, link_identities
from ingest.disclosures import ingest_disclosure_file
from tests.integration.intake.helpers import query

TYPES = "SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE|SAME_CONTENT|NOT_SAME|UNSURE"


def _linked(graph: Graph, tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl"
    rows = [
        {"platform": "x", "handle": "jsmith88", "emails": ["j.smith88@example.com"]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": ["j.smith88@example.com"]},
    ]
    source.write_bytes(
        b"".join(orjson.dumps({"received_at": "2026-06-03T10:00:00Z", **r}) + b"\n" for r in rows)
    )
    ingest_disclosure_file(graph, source, tmp_path / "rejects.jsonl")
    link_identities(graph, at=datetime(2026, 6, 3, 11, 0, tzinfo=UTC))
    judge_accounts(graph, "x|jsmith88", "instagram|j.smith.88", False, "DS Khan", "two people")


def _times(graph: Graph) -> dict[str, tuple[str, object]]:
    rows = query(graph, f"MATCH ()-[j:{TYPES}]->() RETURN j.id AS id, j.at AS at")
    return {r["id"]: (type(r["at"]).__name__, r["at"]) for r in rows}


def test_identity_judgements_keep_their_time_as_a_datetime(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _linked(reference_graph, tmp_path)
    times = _times(reference_graph)
    assert len(times) == 2
    assert {kind for kind, _ in times.values()} == {"DateTime"}


def test_the_upgrade_converts_text_times_once_and_the_linker_reads_them(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _linked(reference_graph, tmp_path)
    kept = _times(reference_graph)
    # A graph an older hub wrote: identity judgement times as ISO text.
    query(reference_graph, f"MATCH ()-[j:{TYPES}]->() SET j.at = toString(j.at)")
    pending = load_query("admin/pending_upgrades")
    assert "006_judgement_times" in reference_graph.read(pending)[0]["pending"]

    upgrade = load_query("upgrades/006_judgement_times").text
    reference_graph.run_schema(upgrade)
    assert _times(reference_graph) == kept  # the same instants, as datetimes again
    assert "006_judgement_times" not in reference_graph.read(pending)[0]["pending"]
    reference_graph.run_schema(upgrade)  # safe to repeat
    assert _times(reference_graph) == kept
    assert link_identities(reference_graph).added == ()  # the log reads back as it was
