"""The weight estimate calibrates on the analysts' verdicts in the graph (``--graph``): active
analyst SAME_PERSON and NOT_SAME_PERSON judgements are the labels; system judgements and
superseded verdicts are not."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import orjson

from graph.db import Graph
from graph.identity.labels import labelled_accounts
from graph.identity.store import judge_accounts, link_identities
from ingest.disclosures import ingest_disclosure_file

SCRIPT = Path(__file__).parents[3] / "scripts" / "estimate_identity_weights.py"
SAME = [("x|jsmith88", "instagram|j.smith.88"), ("x|dark_wolf", "tiktok|darkwolf")]
NOT_SAME = [("x|jsmith88", "tiktok|darkwolf"), ("reddit|quietfox", "youtube|quiet.fox")]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("estimate_identity_weights", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _accounts(graph: Graph, tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"platform": "x", "handle": "jsmith88", "emails": ["j.smith88@example.com"]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": ["j.smith88@example.com"]},
        {"platform": "x", "handle": "dark_wolf", "registered_name": "Ray Kent"},
        {"platform": "tiktok", "handle": "darkwolf", "registered_name": "Ray Kent"},
        {"platform": "reddit", "handle": "quietfox"},
        {"platform": "youtube", "handle": "quiet.fox"},
    ]
    source = tmp_path / "d.jsonl"
    source.write_bytes(
        b"".join(orjson.dumps({"received_at": "2026-06-03T10:00:00Z", **r}) + b"\n" for r in rows)
    )
    ingest_disclosure_file(graph, source, tmp_path / "rejects.jsonl")


def _decide(graph: Graph) -> None:
    link_identities(graph)  # system judgements: never labels
    # An analyst first says the quiet foxes are one person, then a colleague overrules it.
    judge_accounts(graph, *NOT_SAME[1], True, "DC Ray", "same handle")
    for a, b in SAME:
        judge_accounts(graph, a, b, True, "DS Khan", "confirmed by disclosure")
    for a, b in NOT_SAME:
        judge_accounts(graph, a, b, False, "DS Khan", "different people")


def test_only_analysts_active_verdicts_are_labels(reference_graph: Graph, tmp_path: Path) -> None:
    _accounts(reference_graph, tmp_path)
    _decide(reference_graph)
    records, labels = labelled_accounts(reference_graph)
    assert len(records) == 6
    expected = {tuple(sorted(p)): True for p in SAME} | {tuple(sorted(p)): False for p in NOT_SAME}
    assert labels == expected


def test_the_estimate_calibrates_on_the_analysts_verdicts(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _accounts(reference_graph, tmp_path)
    _decide(reference_graph)
    out = tmp_path / "weights.json"
    assert _script().main(["--graph", "--out", str(out)], graph=reference_graph) == 0
    document = json.loads(out.read_text())
    assert document["provenance"]["source"] == "the hub's graph"
    calibration = document["provenance"]["calibration"]
    assert "4 pairs analysts decided (2 same person, 2 not)" in calibration
    assert isinstance(document["calibration"]["intercept"], float)
    # too few verdicts above any threshold to choose auto_link: the policy's stays
    assert document["decision"]["auto_link"] is None


def test_without_verdicts_of_both_kinds_the_estimate_stays_uncalibrated(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _accounts(reference_graph, tmp_path)
    link_identities(reference_graph)
    judge_accounts(reference_graph, *SAME[0], True, "DS Khan", "confirmed")
    out = tmp_path / "weights.json"
    assert _script().main(["--graph", "--out", str(out)], graph=reference_graph) == 0
    document = json.loads(out.read_text())
    assert document["calibration"]["intercept"] is None
    assert "calibration" not in document["provenance"]
