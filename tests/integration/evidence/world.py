"""A small world for evidence package tests: Manchester's case and West Yorkshire's, one suspect
across them, a platform disclosure linking two of the suspect's accounts, facts, a decision,
an assignment by the rules, a removal referral and an intelligence item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph.cases import store as cases_store
from graph.db import Graph
from graph.identity.store import link_identities
from graph.intel.from_case import create_item
from graph.removals import store as removals
from graph.removals.lifecycle import Status
from ingest.disclosures import disclosure_row, write_disclosures
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row

MANCHESTER, WEST_YORKSHIRE = "E23000005", "E23000010"
SCREENSHOT_SHA = "ab" * 32
# West Yorkshire's victim: nothing of theirs may reach a package for Manchester.
BILAL = {"name": "Bilal Khan", "email": "bilal.khan@example.org", "phone": "07700 900123",
         "postcode": "LS1 4AP"}  # fmt: skip
BILAL_TRACES = ("Bilal", "bilal.khan@example.org", "+447700900123", "LS1 4AP", "LS1")


@dataclass(frozen=True, slots=True)
class World:
    a1: str  # Manchester's case
    b1: str  # West Yorkshire's case


def _report(ref: str, post: str, reporter: dict[str, Any], suspects: list[dict[str, str]],
            attachments: list[dict[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    payload = referral(source_ref=ref)
    payload["submitted_at"] = "2026-03-05T09:00:00Z"
    payload["incident"]["occurred_at"] = "2026-03-04T21:00:00Z"
    payload["reporter"] = reporter
    payload["content"][0].update(
        {"url": f"https://x.com/jsmith88/status/{post}", "captured_at": "2026-03-04T21:30:00Z",
         "attachments": attachments or []}
    )  # fmt: skip
    payload["suspects"] = suspects
    return payload


def _case_of(graph: Graph, source_ref: str) -> str:
    (found,) = query(
        graph,
        "MATCH (r:Report {source_ref: $ref}) MATCH (k:Case)-[:CONCERNS]->(:ContentCluster "
        "{id: r.cluster_id}) RETURN k.id AS id",
        ref=source_ref,
    )
    return str(found["id"])


def build_world(graph: Graph) -> World:
    x_suspect = {"platform": "X", "handle": "@JSmith88", "display_name": "J Smith"}
    insta = {"platform": "Instagram", "handle": "@jsmith_88"}
    amara = {
        "role": "victim",
        "name": "Amara Okafor",
        "email": "amara@example.org",
        "phone": "07911 123456",
        "postcode": "WN1 1AA",
        "consent_to_contact": True,
    }
    wendy = {
        "role": "witness",
        "name": "Wendy Walker",
        "email": "wendy@example.org",
        "phone": "07911 654321",
        "postcode": "M1 1AE",
        "consent_to_contact": False,
    }
    bilal = {"role": "victim", **BILAL, "consent_to_contact": True}
    screenshot = {"sha256": SCREENSHOT_SHA, "media_type": "image/png",
                  "filename": "screenshot.png"}  # fmt: skip
    write_reports(graph, [
        row(_report("TV-A1", "1001", amara, [x_suspect], [screenshot]),
            datetime(2026, 3, 5, 9, 0, tzinfo=UTC)),
        row(_report("TV-A1-W", "1001", wendy, [x_suspect]),
            datetime(2026, 3, 5, 10, 0, tzinfo=UTC)),
        row(_report("TV-B1", "2001", bilal, [x_suspect, insta]),
            datetime(2026, 3, 5, 11, 0, tzinfo=UTC)),
    ])  # fmt: skip
    a1, b1 = _case_of(graph, "TV-A1"), _case_of(graph, "TV-B1")
    assert _case_of(graph, "TV-A1-W") == a1
    disclosed = {
        "emails": ["john.smith88@example.com"],
        "registered_name": "John Smith",
        "received_at": "2026-03-06T12:00:00Z",
        "legal_basis": "IPA 2016 Part 3",
    }
    write_disclosures(graph, [
        disclosure_row({"platform": "x", "handle": "jsmith88", **disclosed}),
        disclosure_row({"platform": "instagram", "handle": "jsmith_88", **disclosed}),
    ])  # fmt: skip
    link_identities(graph, at=datetime(2026, 3, 6, 13, 0, tzinfo=UTC))
    for case in (a1, b1):
        cases_store.record_facts(
            graph, case, {"grossly_offensive": True, "hostility_demonstrated": ["race"]}, "dc-patel"
        )
        cases_store.decide(graph, case, accept=True, by="dc-patel", reason="meets the test")
        cases_store.assign_case(graph, case, by="dc-patel")
    now = datetime.now(UTC)
    (cluster,) = query(graph, "MATCH (:Case {id: $k})-[:CONCERNS]->(c) RETURN c.id AS id", k=a1)
    drafted, _ = removals.draft(graph, cluster["id"], "dc-patel", now)
    removals.step(graph, drafted.id, Status.APPROVED, "sgt-jones", now)
    create_item(
        graph, a1, {"source_evaluation": "2", "intelligence_assessment": "B",
                    "handling_code": "P"},
        "One account abusing two victims in two forces", "pattern_analysis", "ia-lee",
    )  # fmt: skip
    return World(a1=a1, b1=b1)
