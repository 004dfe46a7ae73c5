"""Platform disclosures become value nodes two accounts can share, with provenance."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from graph.db import Graph
from graph.errors import InvalidInput
from ingest.disclosures import disclosure_row, ingest_disclosure_file
from tests.integration.intake.helpers import query


def _record(handle: str, platform: str = "x", **extra: object) -> dict[str, object]:
    return {"platform": platform, "handle": handle, "received_at": "2026-06-03T10:00:00Z", **extra}


def test_two_accounts_disclosed_with_one_email_meet_at_one_node(
    graph: Graph, tmp_path: Path
) -> None:
    source = tmp_path / "disclosures.jsonl"
    records = [
        _record(
            "@JSmith88",
            emails=["J.Smith88@Example.com"],
            phones=["+44 7400 123456"],
            ip_addresses=[{"ip": "203.0.113.7", "seen_at": "2026-05-30T12:00:00Z"}],
            legal_basis="IPA 2016 Part 3 authorisation ABC/123",
        ),
        _record("j.smith.88", platform="Instagram", emails=["j.smith88@example.com"]),
    ]
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    summary = ingest_disclosure_file(graph, source, tmp_path / "rejects.jsonl")
    assert (summary.accepted, summary.rejected) == (2, 0)
    again = ingest_disclosure_file(graph, source, tmp_path / "rejects.jsonl")
    assert (again.accepted, again.already_present) == (0, 2)

    shared = query(
        graph,
        "MATCH (a:Account)-[h:HAS_EMAIL]->(e:Email)<-[:HAS_EMAIL]-(b:Account) "
        "WHERE a.key < b.key RETURN a.key AS a, b.key AS b, e.address AS email, "
        "size(h.disclosure_ids) AS provenance",
    )
    assert shared == [
        {
            "a": "instagram|j.smith.88",
            "b": "x|jsmith88",
            "email": "j.smith88@example.com",
            "provenance": 1,
        }
    ]
    (legal,) = query(
        graph,
        "MATCH (d:Disclosure)-[:ABOUT_ACCOUNT]->(:Account {key: 'x|jsmith88'}) "
        "MATCH (:Account {key: 'x|jsmith88'})-[u:USED_IP]->(i:IpAddress) "
        "RETURN d.legal_basis AS basis, i.ip AS ip, u.seen_at.year AS year",
    )
    assert legal == {
        "basis": "IPA 2016 Part 3 authorisation ABC/123",
        "ip": "203.0.113.7",
        "year": 2026,
    }


def test_bad_disclosure_names_each_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        disclosure_row(
            _record(
                "jsmith88",
                emails=["not-an-email"],
                ip_addresses=[{"ip": "999.1.1.1"}],
                colour="red",
            )
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {"colour"}  # shape first: an unknown field stops the record
    with pytest.raises(InvalidInput) as caught:
        disclosure_row(
            _record("jsmith88", emails=["not-an-email"], ip_addresses=[{"ip": "999.1.1.1"}])
        )
    assert {p.field for p in caught.value.problems} == {"emails[0]", "ip_addresses[0].ip"}
