"""Accounts linked into persons in the graph, with evidence; rejections always win."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from graph.db import Graph
from graph.identity.store import account_persons, judge_accounts, link_identities
from ingest.disclosures import ingest_disclosure_file
from tests.factories import referral
from tests.integration.intake.helpers import query, write


def _disclose(graph: Graph, tmp_path: Path, *records: dict[str, object]) -> None:
    source = tmp_path / "d.jsonl"
    source.write_bytes(
        b"".join(
            orjson.dumps({"received_at": "2026-06-03T10:00:00Z", **r}) + b"\n" for r in records
        )
    )
    ingest_disclosure_file(graph, source, tmp_path / "rejects.jsonl")


def test_shared_disclosed_email_links_with_the_email_as_evidence(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _disclose(
        reference_graph, tmp_path,
        {"platform": "x", "handle": "jsmith88", "emails": ["j.smith88@example.com"]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": ["J.Smith88@example.com"]},
        {"platform": "tiktok", "handle": "johnsmith88"},
    )  # fmt: skip
    link_identities(reference_graph)
    persons = dict(account_persons(reference_graph))
    assert persons["x|jsmith88"] == persons["instagram|j.smith.88"]
    assert persons["tiktok|johnsmith88"] == "person:tiktok|johnsmith88"  # unlinked: its own
    (edge,) = query(
        reference_graph,
        "MATCH (:Account)-[j:SAME_PERSON]->(:Account) "
        "RETURN j.evidence AS evidence, j.actor AS actor",
    )
    assert edge["actor"] == "system"
    assert "j.smith88@example.com" in edge["evidence"]
    again = link_identities(reference_graph)
    assert again.added == ()  # idempotent


def test_two_john_smiths_with_unrelated_handles_stay_apart(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _disclose(
        reference_graph, tmp_path,
        {"platform": "x", "handle": "bluebird_42", "registered_name": "John Smith"},
        {"platform": "facebook", "handle": "gardening.fan", "registered_name": "John Smith"},
    )  # fmt: skip
    link_identities(reference_graph)
    persons = dict(account_persons(reference_graph))
    assert persons["x|bluebird_42"] != persons["facebook|gardening.fan"]


def test_an_analysts_unlink_is_never_remade_and_relink_restores(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _disclose(
        reference_graph, tmp_path,
        {"platform": "x", "handle": "jsmith88", "phones": ["+44 7400 123456"]},
        {"platform": "instagram", "handle": "j.smith.88", "phones": ["07400 123456"]},
    )  # fmt: skip
    link_identities(reference_graph)
    before = dict(account_persons(reference_graph))
    assert before["x|jsmith88"] == before["instagram|j.smith.88"]

    judge_accounts(
        reference_graph,
        "x|jsmith88",
        "instagram|j.smith.88",
        False,
        "DS Khan",
        "shared family phone",
    )
    write(reference_graph, referral())  # new reports; then the linker runs again
    link_identities(reference_graph)
    after = dict(account_persons(reference_graph))
    assert after["x|jsmith88"] != after["instagram|j.smith.88"]

    judge_accounts(
        reference_graph, "x|jsmith88", "instagram|j.smith.88", True, "DS Khan", "confirmed by OPO"
    )
    assert dict(account_persons(reference_graph)) == before
    rows = query(
        reference_graph,
        "MATCH ()-[j:SAME_PERSON|NOT_SAME_PERSON]->() RETURN j.actor AS actor, j.reason AS reason, "
        "j.superseded_by IS NULL AS active ORDER BY j.at",
    )
    assert [(r["actor"], r["active"]) for r in rows] == [
        ("system", False),
        ("DS Khan", False),
        ("DS Khan", True),
    ]
    assert json.loads(json.dumps(rows))[1]["reason"] == "shared family phone"


def test_a_disclosure_arriving_after_linking_relinks_its_accounts_at_once(
    reference_graph: Graph, tmp_path: Path
) -> None:
    _disclose(
        reference_graph, tmp_path,
        {"platform": "x", "handle": "nightowl_71"},
        {"platform": "reddit", "handle": "quietfox"},
        {"platform": "tiktok", "handle": "greenbank"},
    )  # fmt: skip
    link_identities(reference_graph)
    before = dict(account_persons(reference_graph))
    assert before["x|nightowl_71"] != before["reddit|quietfox"]

    # The platforms answer data requests: both accounts were registered with one email.
    _disclose(
        reference_graph, tmp_path,
        {"platform": "x", "handle": "nightowl_71", "emails": ["k.ray@example.net"]},
        {"platform": "reddit", "handle": "quietfox", "emails": ["K.Ray@example.net"]},
    )  # fmt: skip
    after = dict(account_persons(reference_graph))  # no batch job in between
    assert after["x|nightowl_71"] == after["reddit|quietfox"]
    assert after["tiktok|greenbank"] == before["tiktok|greenbank"]
    assert link_identities(reference_graph).added == ()  # the batch job finds nothing left
