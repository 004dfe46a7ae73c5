"""A referral lands in the graph with its provenance and links, exactly once."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

from graph.cypher import load_query
from graph.db import Graph
from graph.dedup.evidence_props import evidence_from_record
from ingest.load import Status, write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row, write


def test_report_is_written_with_provenance_people_content_and_accounts(
    reference_graph: Graph,
) -> None:
    (outcome,) = write(reference_graph, referral())
    assert outcome.status is Status.CREATED
    assert re.fullmatch(r"OHCH-\d{4}-000001", outcome.reference)

    (report,) = query(
        reference_graph,
        "MATCH (r:Report {id: $id}) RETURN r.source AS source, r.source_ref AS ref, "
        "r.contract_version AS version, r.raw_payload AS raw, r.payload_hash AS hash, "
        "r.received_at IS NOT NULL AS received, r.strands AS strands, r.online AS online",
        id=outcome.report_id,
    )
    assert report["source"] == "true-vision"
    assert report["ref"] == "TV-2026-0000123"
    assert report["version"] == 1
    assert "jsmith88" in report["raw"].lower()
    assert len(report["hash"]) == 64
    assert report["received"]
    assert report["online"]
    assert report["strands"] == ["race"]

    edges = query(
        reference_graph,
        "MATCH (r:Report {id: $id}) "
        "MATCH (r)-[rel]-(n) "
        "RETURN type(rel) AS type, labels(n)[0] AS label, "
        "coalesce(n.key, n.post_key, n.id) AS key",
        id=outcome.report_id,
    )
    shape = {(e["type"], e["label"]) for e in edges}
    assert shape == {
        ("REPORTED", "Person"),
        ("VICTIM_IN", "Person"),
        ("ABOUT", "Content"),
        ("NAMES_SUSPECT", "Account"),
    }
    content_keys = {e["key"] for e in edges if e["label"] == "Content"}
    assert content_keys == {"x:post:1796512345678901234"}
    accounts = {e["key"] for e in edges if e["label"] == "Account"}
    assert accounts == {"x|jsmith88"}

    people = query(
        reference_graph,
        "MATCH (p:Person)-[:REPORTED]->(:Report {id: $id}) "
        "OPTIONAL MATCH (p)-[:HAS_EMAIL]->(e:Email) OPTIONAL MATCH (p)-[:HAS_PHONE]->(t:Phone) "
        "OPTIONAL MATCH (p)-[:LIVES_IN]->(:PostcodeDistrict)-[:MAIN_FORCE]->(f:Force) "
        "RETURN e.address AS email, t.e164 AS phone, p.postcode AS postcode, f.code AS force",
        id=outcome.report_id,
    )
    assert people == [
        {
            "email": "amara.okafor@example.org",
            "phone": "+447911123456",
            "postcode": "WN1 1AA",
            "force": "E23000005",
        }
    ]
    posted = query(
        reference_graph,
        "MATCH (a:Account)-[:POSTED]->(c:Content)-[:HOSTED_ON]->(p:Platform) "
        "RETURN a.key AS account, c.post_key AS post, p.id AS platform",
    )
    assert posted == [
        {"account": "x|jsmith88", "post": "x:post:1796512345678901234", "platform": "x"}
    ]


def test_same_referral_twice_is_one_report(reference_graph: Graph) -> None:
    (first,) = write(reference_graph, referral())
    (second,) = write(reference_graph, referral())
    assert second.status is Status.ALREADY_RECEIVED
    assert second.reference == first.reference
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 1}]


def test_same_key_different_payload_is_a_conflict_and_overwrites_nothing(
    reference_graph: Graph,
) -> None:
    (first,) = write(reference_graph, referral())
    changed = referral()
    changed["incident"]["description"] = "Something else entirely"
    (second,) = write(reference_graph, changed)
    assert second.status is Status.CONFLICT
    assert second.reference == first.reference
    (stored,) = query(reference_graph, "MATCH (r:Report) RETURN r.description AS d")
    assert stored["d"].startswith("A reply to my post")


def test_url_variants_of_one_post_meet_at_one_content_node(reference_graph: Graph) -> None:
    variants = [
        "https://x.com/jsmith88/status/1796512345678901234",
        "http://twitter.com/JSmith88/status/1796512345678901234/",
        "https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=46&t=abc",
        "twitter.com/jsmith88/status/1796512345678901234/photo/1",
    ]
    payloads = []
    for i, url in enumerate(variants):
        payload = referral(source_ref=f"TV-{i}")
        payload["content"][0]["url"] = url
        payloads.append(payload)
    outcomes = write(reference_graph, *payloads)
    assert [o.status for o in outcomes] == [Status.CREATED] * 4
    assert [o.reference[-6:] for o in outcomes] == ["000001", "000002", "000003", "000004"]
    rows = query(
        reference_graph,
        "MATCH (c:Content) RETURN c.id AS id, count{ (c)<-[:ABOUT]-(:Report) } AS reports",
    )
    assert rows == [{"id": "x:post:1796512345678901234", "reports": 4}]


def test_concurrent_intake_issues_unique_references(reference_graph: Graph) -> None:
    payloads = [referral(source_ref=f"TV-C-{i}") for i in range(40)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = [
            o for batch in pool.map(lambda p: write(reference_graph, p), payloads) for o in batch
        ]
    references = [o.reference for o in outcomes]
    assert len(set(references)) == 40
    assert sorted(int(r[-6:]) for r in references) == list(range(1, 41))


def test_matching_evidence_is_stored_as_typed_properties_that_read_back_as_the_evidence(
    reference_graph: Graph,
) -> None:
    """Clusters are re-derived from these properties after an analyst's merge or split: the
    times must be stored as DATETIME (sent as ISO text) and read back equal."""
    payload = referral()
    built = row(payload)
    write_reports(reference_graph, [built])

    (stored,) = query(
        reference_graph,
        "MATCH (r:Report {id: $id}) RETURN r.cluster_id AS cluster, "
        "valueType(r.match_captured_at) AS captured, valueType(r.match_occurred_at) AS occurred",
        id=built.id,
    )
    assert stored["captured"] == stored["occurred"] == "ZONED DATETIME NOT NULL"
    (record,) = reference_graph.read(
        load_query("dedup/reports_of_clusters"), cluster_ids=[stored["cluster"]]
    )  # as an analyst's merge or split reads them back
    evidence = evidence_from_record(built.id, dict(record))
    # Handles as typed are not matching evidence: the raw payload keeps them.
    assert evidence == replace(built.evidence, raw_handles=())
    assert evidence.captured_at == datetime(2026, 5, 31, 22, 20, tzinfo=UTC)


def test_matching_evidence_without_a_capture_time_stores_none(reference_graph: Graph) -> None:
    """No capture time is stored as null; with no occurrence time the submission time stands in
    (``ingest/evidence.py``)."""
    payload = referral()
    del payload["incident"]["occurred_at"]
    del payload["content"][0]["captured_at"]
    (outcome,) = write(reference_graph, payload)
    (stored,) = query(
        reference_graph,
        "MATCH (r:Report {id: $id}) "
        "RETURN r.match_captured_at AS captured, r.match_occurred_at = r.submitted_at AS same",
        id=outcome.report_id,
    )
    assert stored == {"captured": None, "same": True}
