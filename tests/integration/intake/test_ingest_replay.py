"""The intake replay bench records every write intake makes and replays it to the same graph."""

from __future__ import annotations

from pathlib import Path

from bench.common import graph_entities
from bench.datagen.reports import write_jsonl
from bench.ingest_replay import RecordingGraph, query_names, replay
from graph.cypher import load_query
from graph.db import Graph
from ingest.bulk import ingest_file
from tests.integration.intake.helpers import query

_SNAPSHOT = """
MATCH (r:Report)
OPTIONAL MATCH (r)-[:ABOUT]->(c:Content)
RETURN r.id AS id, r.reference AS reference, r.cluster_id AS cluster, collect(c.id) AS content
ORDER BY id
"""


def test_a_replay_writes_the_graph_the_recorded_intake_wrote(
    reference_graph: Graph, tmp_path: Path
) -> None:
    source = tmp_path / "referrals.jsonl"
    write_jsonl(source, 300, seed=3)
    # As in the bench, after a warm-up: the platforms intake creates are there (and kept by
    # the replay's emptying), so the recorded run and its replays start from the same graph.
    ingest_file(reference_graph, source, tmp_path / "rejects.jsonl")
    reference_graph.run_schema(load_query("admin/delete_reports").text)
    recording = RecordingGraph(reference_graph)
    before = graph_entities(reference_graph)
    summary = ingest_file(recording, source, tmp_path / "rejects.jsonl", batch_size=100)
    assert summary.accepted == 300
    assert len(recording.transactions) == 3  # one a batch
    live = query(reference_graph, _SNAPSHOT)
    added = graph_entities(reference_graph) - before
    assert len(live) == 300
    assert len({row["cluster"] for row in live}) < 300  # the bench data has duplicates

    for per_query in (False, True):
        run = replay(reference_graph, recording.transactions, 300, per_query)
        assert query(reference_graph, _SNAPSHOT) == live
        assert run.entities == added
    names = {query_names().get(text) for text in run.per_query}
    assert {"intake/create_reports", "dedup/set_block_keys"} <= names
