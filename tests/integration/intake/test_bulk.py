"""Bulk files: every valid line exactly once, every rejected line named, crash and rerun safe."""

from __future__ import annotations

import csv
import gc
from pathlib import Path
from typing import Any

import orjson
import pytest

import ingest.bulk
from bench.datagen.reports import write_jsonl
from graph.cypher import load_query
from graph.db import Graph
from graph.dedup.analyst import merge_contents
from graph.dedup.summary_cache import SUMMARIES
from graph.reference.loader import load_reference
from ingest.access_codes import verify_code
from ingest.bulk import ingest_file
from ingest.gc_tuning import BULK_THRESHOLDS
from tests.factories import referral
from tests.integration.intake.helpers import query


def _jsonl(path: Path, payloads: list[object]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in payloads))
    return path


@pytest.mark.parametrize("processes", [0, 1], ids=["in-process", "helper-process"])
def test_jsonl_file_with_good_bad_and_repeated_lines(
    reference_graph: Graph, tmp_path: Path, processes: int
) -> None:
    bad_url = referral(source_ref="TV-BAD")
    bad_url["content"][0]["url"] = "javascript:alert(1)"
    source = tmp_path / "backlog.jsonl"
    _jsonl(source, [referral(source_ref="TV-1"), bad_url, referral(source_ref="TV-2")])
    with source.open("ab") as handle:
        handle.write(b"{not json\n")
        handle.write(orjson.dumps(referral(source_ref="TV-1")) + b"\n")  # a repeat

    summary = ingest_file(
        reference_graph, source, tmp_path / "rejects.jsonl", batch_size=2, processes=processes
    )
    assert (summary.accepted, summary.already_present, summary.rejected) == (2, 1, 2)
    rejects = [
        orjson.loads(line) for line in (tmp_path / "rejects.jsonl").read_bytes().splitlines()
    ]
    assert [r["line"] for r in rejects] == [2, 4]
    assert rejects[0]["source_ref"] == "TV-BAD"
    assert rejects[0]["problems"][0]["field"] == "content[0].url"
    assert rejects[1]["problems"][0]["message"].startswith("line is not valid JSON")
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 2}]


def test_the_collector_is_set_for_the_run_and_restored_after_it(
    reference_graph: Graph, tmp_path: Path
) -> None:
    """Full collections walked the whole intake process once every ~900 referrals
    (``ingest/gc_tuning.py``): a run raises the thresholds and freezes what each batch leaves,
    then gives both back."""
    source = _jsonl(tmp_path / "b.jsonl", [referral(source_ref=f"TV-{i}") for i in range(5)])
    before = gc.get_threshold()
    seen: list[tuple[tuple[int, int, int], bool]] = []
    summary = ingest_file(
        reference_graph,
        source,
        tmp_path / "rejects.jsonl",
        batch_size=2,
        on_progress=lambda _n: seen.append((gc.get_threshold(), gc.get_freeze_count() > 0)),
    )
    assert summary.accepted == 5
    assert set(seen) == {(BULK_THRESHOLDS, True)}
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_csv_file_with_flattened_columns(reference_graph: Graph, tmp_path: Path) -> None:
    source = tmp_path / "partner.csv"
    columns = [
        "source",
        "source_ref",
        "submitted_at",
        "reporter.role",
        "reporter.consent_to_contact",
        "incident.description",
        "incident.location_type",
        "incident.strands",
        "content.0.url",
        "content.0.platform",
        "suspects.0.platform",
        "suspects.0.handle",
    ]
    with source.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerow(
            [
                "partner-org",
                "P-1",
                "2026-06-02T10:00:00Z",
                "organisation",
                "true",
                "Reported by a charity",
                "online",
                "religion;race",
                "https://www.instagram.com/p/C7abcDEFghi/?igsh=xyz",
                "Insta",
                "IG",
                "j.smith.88",
            ]
        )
    summary = ingest_file(reference_graph, source, tmp_path / "rejects.jsonl")
    assert (summary.accepted, summary.rejected) == (1, 0)
    rows = query(
        reference_graph,
        "MATCH (r:Report)-[:ABOUT]->(c:Content), (r)-[:NAMES_SUSPECT]->(a:Account) "
        "RETURN r.strands AS strands, c.post_key AS post, a.key AS account",
    )
    assert rows == [
        {
            "strands": ["race", "religion"],
            "post": "instagram:post:C7abcDEFghi",
            "account": "instagram|j.smith.88",
        }
    ]


def test_crash_midway_and_rerun_gives_every_line_exactly_once(
    reference_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _jsonl(tmp_path / "big.jsonl", [referral(source_ref=f"TV-{i}") for i in range(250)])
    real_write = ingest.bulk.write_batch
    calls = {"n": 0}

    def crash_on_third_batch(graph: Graph, *args: Any) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real_write(graph, *args)

    monkeypatch.setattr(ingest.bulk, "write_batch", crash_on_third_batch)
    with pytest.raises(RuntimeError, match="power cut"):
        ingest_file(reference_graph, source, tmp_path / "r1.jsonl", batch_size=50)
    written = query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n")[0]["n"]
    assert 0 < written < 250

    monkeypatch.setattr(ingest.bulk, "write_batch", real_write)
    summary = ingest_file(reference_graph, source, tmp_path / "r2.jsonl", batch_size=50)
    assert summary.already_present == written
    assert summary.accepted == 250 - written
    rows = query(
        reference_graph,
        "MATCH (r:Report) RETURN count(r) AS n, count(DISTINCT r.reference) AS refs",
    )
    assert rows == [{"n": 250, "refs": 250}]


def test_helper_processes_keep_file_order_rejects_and_access_codes(
    reference_graph: Graph, tmp_path: Path
) -> None:
    """Validation in a helper process (chunks of CHUNK_LINES lines, several in flight) gives
    the same result as in this process: every line once, rejects named by line, codes issued."""
    count = ingest.bulk.CHUNK_LINES * 2 + 37
    payloads: list[object] = [referral(source_ref=f"TV-{i}") for i in range(count)]
    payloads[ingest.bulk.CHUNK_LINES + 5] = {"source": "true-vision"}  # line in the 2nd chunk
    source = _jsonl(tmp_path / "backlog.jsonl", payloads)
    codes = tmp_path / "codes.csv"

    summary = ingest_file(
        reference_graph, source, tmp_path / "rejects.jsonl", codes, batch_size=100, processes=1
    )
    assert (summary.lines, summary.accepted, summary.rejected) == (count, count - 1, 1)
    (reject,) = [
        orjson.loads(line) for line in (tmp_path / "rejects.jsonl").read_bytes().splitlines()
    ]
    assert reject["line"] == ingest.bulk.CHUNK_LINES + 6
    assert {p["field"] for p in reject["problems"]} >= {"source_ref", "reporter"}

    issued = [line.split(",") for line in codes.read_text().splitlines()]
    assert len(issued) == count - 1
    stored = {
        r["reference"]: r["hash"]
        for r in query(
            reference_graph,
            "MATCH (r:Report) RETURN r.reference AS reference, r.access_code_hash AS hash",
        )
    }
    assert len(stored) == count - 1
    # References follow file order: the file is written in order, whatever process validated it.
    assert [ref for ref, source_ref, _ in issued] == sorted(stored)
    assert [source_ref for _, source_ref, _ in issued][:3] == ["TV-0", "TV-1", "TV-2"]
    assert all(verify_code(code, stored[ref]) for ref, _, code in issued)


def _linking_state(graph: Graph) -> tuple[set[frozenset[str]], dict[str, list[str]], list[int]]:
    """What linking made, free of the run's random report ids: the clusters as sets of source
    refs, each blocking key's list by its clusters' founding refs, and the counts of review
    items and system judgements."""
    rows = query(
        graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.id AS id, r.cluster_id AS c"
    )
    members: dict[str, set[str]] = {}
    for row in rows:
        members.setdefault(row["c"], set()).add(row["ref"])
    ref_of = {f"content:{row['id']}": row["ref"] for row in rows}
    lists = {
        row["key"]: [ref_of[cid] for cid in row["ids"]]
        for row in query(graph, "MATCH (b:BlockKey) RETURN b.key AS key, b.clusters AS ids")
    }
    (counts,) = query(
        graph,
        "RETURN COUNT { (:ReviewItem) } AS reviews, COUNT { ()-[:SAME_CONTENT]->() } AS same",
    )
    return {frozenset(m) for m in members.values()}, lists, [counts["reviews"], counts["same"]]


@pytest.mark.parametrize("summaries_kept", [True, False], ids=["kept", "not-kept"])
def test_linking_prepared_ahead_gives_what_linking_in_turn_gives(
    reference_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, summaries_kept: bool
) -> None:
    """Not kept: the matcher thread finds a summary missing and leaves the batch to its own
    transaction, which loads it from the graph (SUMMARIES holds nothing)."""
    SUMMARIES.clear()
    if not summaries_kept:
        monkeypatch.setattr(SUMMARIES, "budget_chars", 0)
    source = tmp_path / "mix.jsonl"
    write_jsonl(source, 600, seed=5)  # viral posts, URL variants, text-only reports
    ahead = ingest_file(reference_graph, source, tmp_path / "r1.jsonl", batch_size=50)
    assert ahead.accepted == 600
    if summaries_kept:
        assert ahead.batches_matched_ahead == 11  # every batch after the first
    else:
        assert ahead.batches_matched_ahead < 11
    linked_ahead = _linking_state(reference_graph)

    reference_graph.run_schema(load_query("admin/delete_all").text)
    load_reference(reference_graph)
    in_turn = ingest_file(
        reference_graph, source, tmp_path / "r2.jsonl", batch_size=50, look_ahead=False
    )
    assert in_turn.accepted == 600
    assert in_turn.batches_matched_ahead == 0
    assert _linking_state(reference_graph) == linked_ahead
    assert len(linked_ahead[0]) < 600  # duplicates were combined: the comparison means something


def _text_report(ref: str, text: str) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    payload["content"] = [{"platform": "x", "text": text}]  # no URL: matched by text
    payload["suspects"] = [{"platform": "x", "handle": "a1"}]
    return payload


def test_linking_prepared_ahead_is_not_used_after_an_analyst_decides_in_between(
    reference_graph: Graph, tmp_path: Path
) -> None:
    """The second batch's linking is prepared before the first commits; an analyst's merge
    after that commit changes the clusters it saw, so the second batch links afresh: its
    report joins the merged content as the graph now holds it."""
    first = "go back where you came from, nobody wants you here"
    second = "people like you should never be allowed near decent folk"
    source = _jsonl(
        tmp_path / "two.jsonl",
        [
            _text_report("TV-A", first),
            _text_report("TV-B", second),
            _text_report("TV-C", second),
            _text_report("TV-D", "an unrelated complaint about something else entirely"),
        ],
    )
    merged: list[str] = []

    def merge_after_first_batch(_count: int) -> None:
        if merged:
            return
        clusters = {
            row["ref"]: row["c"]
            for row in query(
                reference_graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.cluster_id AS c"
            )
        }
        assert clusters["TV-A"] != clusters["TV-B"]
        result = merge_contents(
            reference_graph, clusters["TV-A"], clusters["TV-B"], "DS Khan", "one thread"
        )
        merged.extend(result.members)

    summary = ingest_file(
        reference_graph,
        source,
        tmp_path / "r.jsonl",
        batch_size=2,
        on_progress=merge_after_first_batch,
    )
    assert summary.accepted == 4
    assert summary.batches_matched_ahead == 0  # prepared, then found stale
    (cluster,) = merged
    rows = query(
        reference_graph,
        "MATCH (r:Report) WHERE r.source_ref IN ['TV-A', 'TV-B', 'TV-C'] "
        "MATCH (c:ContentCluster {id: r.cluster_id}) "
        "RETURN r.source_ref AS ref, c.id AS c, c.report_count AS n",
    )
    found = {row["ref"]: (row["c"], row["n"]) for row in rows}
    assert found == dict.fromkeys(("TV-A", "TV-B", "TV-C"), (cluster, 3))
