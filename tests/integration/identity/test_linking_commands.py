"""The long-running linking commands and the NIM export show their progress on standard error
and end with a summary (issue #21 item 3), run as an operator runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import orjson

from graph.db import Graph
from graph.settings import Settings
from tests.cli_env import OHCH, cli_env


def _ohch(settings: Settings, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(OHCH), *args], env=cli_env(settings, tmp_path / "audit.jsonl"),
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_linking_and_exporting_show_progress_then_a_summary(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> None:
    disclosures = tmp_path / "d.jsonl"
    disclosures.write_bytes(
        b"".join(
            orjson.dumps(
                {
                    "received_at": "2026-06-03T10:00:00Z",
                    "platform": p,
                    "handle": h,
                    "emails": ["k.ray@example.net"],
                }
            )
            + b"\n"
            for p, h in (("x", "nightowl_71"), ("reddit", "night.owl.71"))
        )
    )
    ingested = _ohch(neo4j_settings, tmp_path, "ingest", "disclosures", str(disclosures))
    assert ingested.returncode == 0, ingested.stderr
    assert "new judgements on re-linking their accounts" in ingested.stdout

    linked = _ohch(neo4j_settings, tmp_path, "link", "identities")
    assert linked.returncode == 0, linked.stderr
    assert "pair" in linked.stderr  # the bar, counting pairs scored
    assert "new judgements;" in linked.stdout
    quiet = _ohch(neo4j_settings, tmp_path, "link", "people", "--no-progress")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    assert "pairs for analyst review" in quiet.stdout

    exported = _ohch(neo4j_settings, tmp_path, "export", "nim", "--out", str(tmp_path / "nim"))
    assert exported.returncode == 0, exported.stderr
    assert "item" in exported.stderr
    assert "manifest sha256" in exported.stdout
