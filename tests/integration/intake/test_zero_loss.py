"""Issue 21.1, done when: a file of referrals whose contact details include internationalised
emails, unallocated mobile ranges, mistyped postcodes and odd handles is ingested with zero
referrals lost, each a report with its unverified details flagged and listed in the summary."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import orjson

from graph.db import Graph
from ingest.bulk import ingest_file
from tests.integration.intake.contact_mix import harder, realistic
from tests.integration.intake.helpers import query

COUNT = 1_200


def _jsonl(path: Path, payloads: list[dict[str, object]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in payloads))
    return path


def test_every_referral_is_a_report_with_its_unverified_details_flagged(
    reference_graph: Graph, tmp_path: Path
) -> None:
    mixed = realistic(COUNT)
    flagged = [fields for fields in mixed.expected if fields]
    by_field = Counter(re.sub(r"\[\d+\]", "[]", f) for fields in flagged for f in fields)
    assert len(flagged) > COUNT // 3  # the file is as messy as the public (guards the generator)
    assert min(by_field[f] for f in ("reporter.email", "reporter.phone", "suspects[].handle")) > 0

    source = _jsonl(tmp_path / "public.jsonl", mixed.payloads)
    summary = ingest_file(reference_graph, source, tmp_path / "public.rejects.jsonl")

    assert (summary.lines, summary.accepted, summary.rejected) == (COUNT, COUNT, 0)
    assert summary.with_unverified == len(flagged)
    assert summary.unverified == by_field  # listed in the summary, by field
    warned = [orjson.loads(line) for line in summary.warnings_file.read_bytes().splitlines()]  # type: ignore[union-attr]
    expected = {
        p["source_ref"]: fields for p, fields in zip(mixed.payloads, mixed.expected, strict=True)
    }
    assert {w["source_ref"]: {x["field"] for x in w["warnings"]} for w in warned} == {
        ref: fields for ref, fields in expected.items() if fields
    }

    (totals,) = query(
        reference_graph,
        "MATCH (r:Report) RETURN count(r) AS reports, count(r.unverified_fields) AS flagged, "
        "sum(size(coalesce(r.unverified_fields, []))) AS details",
    )
    assert totals == {
        "reports": COUNT,
        "flagged": len(flagged),
        "details": sum(len(fields) for fields in flagged),
    }
    # The possible numbers keep their parsed form on the person; no unverified value made a
    # node: each Email and Phone node is one that validated.
    (people,) = query(
        reference_graph,
        "MATCH (p:Person) RETURN count(p.possible_phone) AS possible, "
        "count { MATCH (p)-[:HAS_EMAIL]->() WHERE p.unverified_email IS NOT NULL } AS both",
    )
    assert people == {"possible": mixed.possible_numbers, "both": 0}
    internationalised = query(
        reference_graph, "MATCH (e:Email) WHERE e.address STARTS WITH 'josé' RETURN e.address AS a"
    )
    assert internationalised == [{"a": "josé.garcía@example.es"}]


def test_the_harder_file_loses_nothing_either(reference_graph: Graph, tmp_path: Path) -> None:
    """What forms and partner exports really hold (``contact_mix.harder``): notes around
    addresses, two numbers in one box, pasted paragraphs, postcodes with the town, platforms
    by other names, anonymous reporters who leave an email anyway."""
    payloads = harder(COUNT)
    source = _jsonl(tmp_path / "harder.jsonl", payloads)
    summary = ingest_file(reference_graph, source, tmp_path / "harder.rejects.jsonl")
    rejects = (tmp_path / "harder.rejects.jsonl").read_text()
    assert (summary.accepted, summary.rejected) == (COUNT, 0), rejects[:2000]
    (totals,) = query(
        reference_graph,
        "MATCH (r:Report) RETURN count(r) AS reports, count(r.unverified_fields) AS flagged",
    )
    assert totals == {"reports": COUNT, "flagged": summary.with_unverified}
