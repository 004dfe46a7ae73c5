"""Withdrawing a platform disclosure: its values detached, the system's conclusions from them
retracted and re-derived, analysts' judgements kept but put back in the review queue."""

from __future__ import annotations

from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.errors import Conflict, NotFound
from graph.identity.analyst import judge_identity
from graph.identity.store import account_persons, judge_accounts, link_identities
from graph.identity.withdrawals import retract_disclosure
from ingest.disclosures import disclosure_row, write_disclosures
from tests.integration.intake.helpers import query

X, INSTAGRAM = "x|jsmith88", "instagram|j.smith.88"
EMAIL, PHONE = "j.smith88@example.com", "+447400123456"


def _disclose(graph: Graph, *records: dict[str, Any]) -> list[str]:
    rows = [disclosure_row({"received_at": "2026-06-03T10:00:00Z", **r}) for r in records]
    write_disclosures(graph, rows)
    return [row["id"] for row in rows]


def _persons(graph: Graph) -> dict[str, str]:
    return dict(account_persons(graph))


def _queue(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(
        load_query("identity/review_queue_page"),
        after_rank=None,
        after_id=None,
        limit=50,
        viewer_force=None,
        viewer_sees_all=True,
    )


def test_a_link_resting_on_a_withdrawn_disclosure_is_retracted(reference_graph: Graph) -> None:
    wrong, right = _disclose(
        reference_graph,
        {"platform": "x", "handle": "jsmith88", "emails": [EMAIL], "platform_user_id": "1234",
         "registered_name": "John Smith", "ip_addresses": [{"ip": "203.0.113.9"}]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": [EMAIL]},
    )  # fmt: skip
    link_identities(reference_graph)
    assert _persons(reference_graph)[X] == _persons(reference_graph)[INSTAGRAM]
    (system,) = query(reference_graph, "MATCH ()-[j:SAME_PERSON]->() RETURN j.id AS id")

    withdrawal = retract_disclosure(reference_graph, wrong, "DS Khan", "disclosed in error")
    assert withdrawal.retracted == (system["id"],)
    assert withdrawal.for_review == ()
    assert _persons(reference_graph)[X] != _persons(reference_graph)[INSTAGRAM]
    (edge,) = query(reference_graph, "MATCH ()-[j:SAME_PERSON]->() RETURN j.superseded_by AS by")
    assert edge["by"] == f"withdrawal:{wrong}"

    (left,) = query(
        reference_graph,
        "MATCH (d:Disclosure {id: $id})-[:ABOUT_ACCOUNT]->(a:Account) "
        "RETURN d.withdrawn_at IS NOT NULL AS withdrawn, d.withdrawn_by AS by, "
        "d.withdrawal_reason AS reason, d.registered_name AS name, a.platform_user_id AS puid, "
        "COUNT { (a)-[:HAS_EMAIL|USED_IP]->() } AS values, "
        "COUNT { (:IpAddress) } AS ips, COUNT { (:Email {address: $email}) } AS emails",
        id=wrong, email=EMAIL,
    )  # fmt: skip
    assert left == {
        "withdrawn": True, "by": "DS Khan", "reason": "disclosed in error", "name": None,
        "puid": None, "values": 0, "ips": 0, "emails": 1,  # instagram's disclosure still holds it
    }  # fmt: skip
    assert link_identities(reference_graph).added == ()
    # the platform sends the same disclosure again: a withdrawn disclosure links nothing
    _disclose(
        reference_graph,
        {"platform": "x", "handle": "jsmith88", "emails": [EMAIL], "platform_user_id": "1234",
         "registered_name": "John Smith", "ip_addresses": [{"ip": "203.0.113.9"}]},
    )  # fmt: skip
    again = query(
        reference_graph,
        "MATCH (a:Account {key: $key}) RETURN a.platform_user_id AS puid, "
        "COUNT { (a)-[:HAS_EMAIL|USED_IP]->() } AS values",
        key=X,
    )
    assert again == [{"puid": None, "values": 0}]
    with pytest.raises(Conflict, match="already withdrawn"):
        retract_disclosure(reference_graph, wrong, "DS Khan", "again")
    with pytest.raises(NotFound):
        retract_disclosure(reference_graph, "dsc-none", "DS Khan", "no such disclosure")
    # the other disclosure is untouched
    assert query(reference_graph, "MATCH (d:Disclosure {id: $id}) RETURN d.withdrawn_at AS w",
                 id=right) == [{"w": None}]  # fmt: skip


def test_a_link_other_evidence_supports_is_made_again_from_that_evidence(
    reference_graph: Graph,
) -> None:
    email_only, _, _ = _disclose(
        reference_graph,
        {"platform": "x", "handle": "jsmith88", "emails": [EMAIL]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": [EMAIL], "phones": [PHONE]},
        {"platform": "x", "handle": "jsmith88", "phones": [PHONE]},
    )
    link_identities(reference_graph)
    (before,) = query(reference_graph, "MATCH ()-[j:SAME_PERSON]->() RETURN j.evidence AS ev")
    assert EMAIL in before["ev"]

    withdrawal = retract_disclosure(reference_graph, email_only, "DS Khan", "legal basis withdrawn")
    assert len(withdrawal.retracted) == 1
    (relinked,) = withdrawal.relink.added
    items = relinked.evidence["evidence"]
    assert isinstance(items, list)
    features = {e["feature"] for e in items}
    assert "phone" in features
    assert "email" not in features
    assert _persons(reference_graph)[X] == _persons(reference_graph)[INSTAGRAM]


def test_an_analysts_judgement_is_kept_and_put_back_in_the_review_queue(
    reference_graph: Graph,
) -> None:
    wrong, _ = _disclose(
        reference_graph,
        {"platform": "x", "handle": "jsmith88", "emails": [EMAIL]},
        {"platform": "instagram", "handle": "j.smith.88", "emails": [EMAIL]},
    )
    link_identities(reference_graph)
    judge_accounts(reference_graph, X, INSTAGRAM, True, "DS Khan", "confirmed by the platform")
    (confirmed,) = query(
        reference_graph,
        "MATCH ()-[j:SAME_PERSON {actor: 'DS Khan'}]->() RETURN j.id AS id",
    )
    assert _queue(reference_graph) == []

    withdrawal = retract_disclosure(reference_graph, wrong, "DS Khan", "legal basis withdrawn")
    assert withdrawal.retracted == ()
    assert withdrawal.for_review == (confirmed["id"],)
    assert _persons(reference_graph)[X] == _persons(reference_graph)[INSTAGRAM]  # kept
    (item,) = _queue(reference_graph)
    assert (item["id"], item["needs_review"], item["withdrawn_disclosures"]) == (
        confirmed["id"], True, [wrong],
    )  # fmt: skip
    assert {s["key"] for s in item["sides"]} == {X, INSTAGRAM}

    judge_identity(reference_graph, INSTAGRAM, X, False, "DS Khan", "nothing else links them")
    assert _queue(reference_graph) == []
    assert _persons(reference_graph)[X] != _persons(reference_graph)[INSTAGRAM]
