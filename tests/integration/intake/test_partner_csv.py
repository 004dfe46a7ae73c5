"""Issue 21.3, done when: a CSV with a short row, a long row and cp1252 text ingests every good
row, rejects the bad ones with reasons, exits non-zero, and never prints a traceback. The run
is the real command, ``ohch ingest referrals``."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import orjson

from bench.ingest_killed import OHCH, cli_environment
from graph.db import Graph
from graph.settings import Settings
from ingest.bulk import Summary
from tests.integration.intake.helpers import query

HEADER = (
    "source,source_ref,submitted_at,reporter.role,reporter.name,reporter.email,"
    "reporter.consent_to_contact,incident.description,incident.location_type,"
    "incident.strands,content.0.url,content.0.platform\r\n"
)
POST = "https://x.com/jsmith88/status/17965123456789{:05d}"


def _row(ref: str, name: str, email: str, n: int) -> str:
    return (
        f"partner-org,{ref},2026-06-02T10:00:00Z,organisation,{name},{email},true,"
        f"Reported by a charity,online,race;religion,{POST.format(n)},X\r\n"
    )


def test_a_partner_csv_with_bad_rows_and_cp1252_text(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    text = (
        HEADER
        + _row("P-1", "Siobhán Ó Briain", "siobhan@example.ie", 1)
        + "partner-org,P-2,2026-06-02T10:00:00Z,organisation\r\n"  # short
        + "\r\n"  # blank
        + _row("P-3", "Zoë “Z” Müller", "zoe@example.de", 3).replace("\r\n", ",extra,cells\r\n")
        + _row("P-4", "José García", "jose(at)example", 4)  # an email that does not validate
        + _row("P-5", "Ann Lee", "ann@example.org", 5)
    )
    source = tmp_path / "partner.csv"
    source.write_bytes(codecs.BOM_UTF8 + text.encode("cp1252"))

    run = subprocess.run(
        [str(OHCH), "ingest", "referrals", str(source), "--no-progress"],
        cwd=tmp_path,
        env=cli_environment(neo4j_settings),
        capture_output=True,
        text=True,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 3, output  # lines were rejected: the documented exit code
    assert "Traceback" not in output
    summary = Summary.from_line(run.stdout)
    assert summary is not None, output
    counts = (summary.lines, summary.accepted, summary.rejected, summary.with_unverified)
    assert counts == (5, 3, 2, 1)
    assert "line(s) not UTF-8, read as cp1252" in run.stdout
    assert "with a byte-order mark" in run.stdout
    assert "reporter.email 1" in run.stdout

    rejects = [
        orjson.loads(line)
        for line in (tmp_path / "partner.csv.rejects.jsonl").read_bytes().splitlines()
    ]
    assert [(r["line"], r["problems"][0]["message"].split(",")[0]) for r in rejects] == [
        (3, "row has 4 cells"),
        (5, "row has 14 cells"),
    ]
    stored = query(
        reference_graph,
        "MATCH (p:Person)-[:REPORTED]->(r:Report) "
        "RETURN r.source_ref AS ref, p.name AS name, r.unverified_fields AS unverified "
        "ORDER BY ref",
    )
    assert stored == [
        {"ref": "P-1", "name": "Siobhán Ó Briain", "unverified": None},
        {"ref": "P-4", "name": "José García", "unverified": ["reporter.email"]},
        {"ref": "P-5", "name": "Ann Lee", "unverified": None},
    ]


def test_a_clean_file_exits_zero(
    reference_graph: Graph, neo4j_settings: Settings, tmp_path: Path
) -> None:
    source = tmp_path / "clean.csv"
    source.write_text(HEADER + _row("P-9", "Ann Lee", "ann@example.org", 9), newline="")
    run = subprocess.run(
        [str(OHCH), "ingest", "referrals", str(source), "--no-progress"],
        cwd=tmp_path,
        env=cli_environment(neo4j_settings),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "read as utf-8\n" in run.stdout
