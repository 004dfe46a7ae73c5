"""The intelligence benchmark's generated graph (bench/intel_world.py, bench/intel_graph.py) has
the shape the hub's own code writes, so bench/intel.py measures the real queries on it.

Three checks keep the generator honest when the model changes: each generated report row is
what the real intake transform makes of the row's own raw payload; the graph carries the same
labels, relationship types, property keys and value types as one built by intake, the linkers,
case work and grading; and the hub's own read paths work on it (a case detail returns its
reports, intelligence items are what ``item_data`` builds from ``case_pole``, the NIM export
verifies).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from api.graphql.context import Context
from api.graphql.schema import build_schema
from bench.intel_graph import build_graph, read_marker, wire_report
from bench.intel_world import HubWorld, Row
from graph import schema
from graph.audit.log import AuditLog
from graph.cases import store as cases_store
from graph.cypher import load_query
from graph.db import Graph
from graph.identity.named_store import link_people_in_graph
from graph.identity.store import judge_accounts
from graph.intel.destinations import destination
from graph.intel.from_case import create_item, item_data, items_in_period
from graph.intel.models import IntelItem
from graph.intel.nim_export import ExportPeriod, export_nim, verify_export
from graph.intel.sanitise import sanitise_all
from graph.reference.loader import load_reference
from graph.settings import Settings
from graph.viewer import Role, Viewer
from ingest.contract import parse_referral
from ingest.disclosures import disclosure_row, write_disclosures
from ingest.journal import Journal
from ingest.normalise import clean_referral
from ingest.receipt import Receipt
from ingest.transform import report_row
from tests.factories import referral
from tests.integration.intake.helpers import query, write

REPORTS = 2_000
SEED = 11
#: What the generator writes that the hub does not: the marker of a finished build.
GENERATED_ONLY = {"BenchIntelGraph"}
#: What the hub writes that the benchmark graph leaves out: duplicate matching's working state,
#: and the marker of the schema applied (``ohch schema apply``, or the bench, writes it).
NOT_GENERATED = {"BlockKey", "LinkerLock", "ReviewItem", "ABOUT_REPORT", "SchemaState"}

NODE_SHAPE = """
MATCH (n) UNWIND labels(n) AS label
UNWIND CASE WHEN size(keys(n)) = 0 THEN [null] ELSE keys(n) END AS key
RETURN DISTINCT label, key,
       CASE WHEN key IS NULL THEN null ELSE valueType(n[key]) END AS type
"""
REL_SHAPE = """
MATCH ()-[r]->()
UNWIND CASE WHEN size(keys(r)) = 0 THEN [null] ELSE keys(r) END AS key
RETURN DISTINCT type(r) AS label, key,
       CASE WHEN key IS NULL THEN null ELSE valueType(r[key]) END AS type
"""
CASE_DETAIL = """
query($id: ID!) { case(id: $id) { ... on Case {
  id status contents { id reportCount reports(first: 500) { nodes { id reference } } } } } }
"""


def _shape(graph: Graph) -> dict[str, dict[str, set[str]]]:
    """label or relationship type -> property key -> value types seen."""
    found: dict[str, dict[str, set[str]]] = {}
    for row in query(graph, NODE_SHAPE) + query(graph, REL_SHAPE):
        keys = found.setdefault(row["label"], {})
        if row["key"] is not None:
            keys.setdefault(row["key"], set()).add(row["type"].removesuffix(" NOT NULL"))
    return found


def _hub_built_shape(graph: Graph) -> dict[str, dict[str, set[str]]]:
    """A small graph written the hub's way: intake (two reports of one post, one of text
    only), an analyst's decision and (re)assignment, account and named-people linking (the
    victim named in one report reports the other), a platform disclosure, a graded item."""
    first = referral(source_ref="TV-SHAPE-1")
    first["reporter"] = {"role": "third_party", "name": "Ben Ade", "email": "ben@example.org",
                         "postcode": "M1 1AD", "consent_to_contact": True}  # fmt: skip
    first["victim"] = {"role": "victim", "name": "Amara Okafor", "email": "amara@example.org",
                       "phone": "07911 123456", "postcode": "WN1 1AA",
                       "consent_to_contact": True}  # fmt: skip
    first["incident"]["force_code"] = "E23000001"
    first["content"][0]["attachments"] = [
        {"sha256": "ab" * 32, "media_type": "image/png", "filename": "shot.png"}
    ]
    first["suspects"][0].update(name="John Smith", location="Leeds")
    second = referral(source_ref="TV-SHAPE-2")  # the same post, reported by its victim
    second["reporter"].update(name="Amara Okafor", email="amara@example.org")
    second["suspects"] = [{"platform": "Facebook", "handle": "j.smith.88"}]
    third = referral(source_ref="TV-SHAPE-3")
    third["reporter"] = {"role": "anonymous", "postcode": "SE1 2DL"}
    third["content"] = [{"platform": "X", "text": "people like you should go back"}]
    write(graph, first, second, third)
    case, other = (
        "case:" + query(graph, "MATCH (r:Report {source_ref: $ref}) RETURN r.cluster_id AS c",
                        ref=ref)[0]["c"]
        for ref in ("TV-SHAPE-1", "TV-SHAPE-3")
    )  # fmt: skip
    cases_store.decide(graph, case, True, "dc-patel", "as recommended")
    cases_store.assign_case(graph, case, "dc-patel")  # the victim's force is notified
    cases_store.assign_case(graph, other, "dc-patel")
    cases_store.assign_case(graph, other, "dc-patel", "E23000001", "suspect lives in London")
    judge_accounts(graph, "x|jsmith88", "facebook|j.smith.88", True, "ia-morgan", "same email")
    link_people_in_graph(graph)
    disclosed = {"platform": "x", "handle": "jsmith88", "platform_user_id": "1234",
                 "emails": ["js@example.net"], "registered_name": "John Smith",
                 "ip_addresses": [{"ip": "2001:db8::1", "seen_at": "2026-06-01T10:00:00Z"}],
                 "received_at": "2026-06-03T10:00:00Z", "legal_basis": "IPA 2016 s61"}  # fmt: skip
    write_disclosures(graph, [disclosure_row(disclosed)])
    grade = {"source_evaluation": "2", "intelligence_assessment": "B", "handling_code": "C",
             "handling_conditions": ["Police use only"]}  # fmt: skip
    create_item(graph, case, grade, "Account sends abuse", "pattern_analysis", "ia-morgan")
    return _shape(graph)


@pytest.fixture(scope="module")
def generated(_session_graph: Graph) -> Iterator[tuple[Graph, dict[str, dict[str, set[str]]]]]:
    """The hub-built shape, then the generated graph in the emptied database."""
    graph = _session_graph
    graph.run_schema(load_query("admin/delete_all").text)
    schema.apply(graph)  # as ``ohch schema apply`` before the hub serves: its upgrades' markers
    load_reference(graph)
    hub_shape = _hub_built_shape(graph)
    graph.run_schema(load_query("admin/delete_all").text)
    load_reference(graph)
    build_graph(graph, REPORTS, SEED, batch_size=700, out=lambda _line: None)
    yield graph, hub_shape
    graph.run_schema(load_query("admin/delete_all").text)


def _without_linker_values(row: Row) -> Row:
    out = {k: v for k, v in row.items() if k != "cluster_id"}
    for part in ("parties", "suspect_people"):
        out[part] = [{k: v for k, v in p.items() if k != "person_id"} for p in row[part]]
    return out


def test_each_report_row_is_what_intake_makes_of_its_payload() -> None:
    world = HubWorld(600, seed=SEED)
    rows = [row for batch in world.batches(200) for row in batch.reports]
    assert len(rows) == 600
    for row in rows:
        receipt = Receipt(
            received_at=row["received_at_dt"], raw_payload=row["raw_payload"],
            payload_hash=row["payload_hash"], access_code_hash=row["access_code_hash"],
            reference=row["reference"],
        )  # fmt: skip
        clean = clean_referral(parse_referral(orjson.loads(row["raw_payload"])))
        made = report_row(clean, receipt)  # its block keys, the linker's input, not compared:
        wanted = wire_report(_without_linker_values(row))  # the generator links by itself
        assert made.params(row["reference"]) == wanted, row["source_ref"]
        assert (made.evidence, made.received_at) == (row["evidence"], row["received_at_dt"])
    again = [r["payload_hash"] for b in HubWorld(600, seed=SEED).batches(200) for r in b.reports]
    assert again == [r["payload_hash"] for r in rows]  # seeded: the same graph every time


def test_the_graph_has_the_shape_the_hub_writes(
    generated: tuple[Graph, dict[str, dict[str, set[str]]]],
) -> None:
    graph, hub = generated
    made = _shape(graph)
    for label, keys in hub.items():
        if label in NOT_GENERATED:
            continue
        assert label in made, f"the generator writes no {label}"
        for key, types in keys.items():
            assert key in made[label], f"the generator writes no {label}.{key}"
            assert types <= made[label][key], f"{label}.{key}: {types} vs {made[label][key]}"
    for label, keys in made.items():
        if label in GENERATED_ONLY:
            continue
        assert label in hub, f"the hub writes no {label}"
        assert set(keys) <= set(hub[label]), f"{label}: {set(keys) - set(hub[label])}"
    marker = read_marker(graph)
    assert marker is not None
    assert (marker["reports"], marker["seed"]) == (REPORTS, SEED)
    counted = query(graph, "MATCH (r:Report) RETURN count(r) AS n")[0]["n"]
    assert counted == REPORTS


def test_case_detail_items_and_export_work_on_the_graph(
    generated: tuple[Graph, dict[str, dict[str, set[str]]]],
    neo4j_settings: Settings,
    tmp_path: Path,
) -> None:
    graph, _ = generated
    busiest = query(
        graph,
        "MATCH (k:Case)-[:CONCERNS]->(c:ContentCluster) RETURN k.id AS id, c.report_count AS n "
        "ORDER BY n DESC, id LIMIT 1",
    )[0]
    assert busiest["n"] > 5  # the skew: some content is reported many times
    viewer = Viewer(role=Role.HUB_ANALYST, user_id="bench-test")
    audit_log = AuditLog(tmp_path / "audit.jsonl")
    context = Context(neo4j_settings, graph, Journal(tmp_path / "journal"), viewer, audit_log)
    result = asyncio.run(
        build_schema(neo4j_settings).execute(
            CASE_DETAIL, variable_values={"id": busiest["id"]}, context_value=context
        )
    )
    assert result.errors is None
    (content,) = result.data["case"]["contents"]  # type: ignore[index]
    assert content["reportCount"] == busiest["n"] == len(content["reports"]["nodes"])

    stored = query(graph, "MATCH (k:Case)-[:HAS_INTEL]->(i:IntelItem) RETURN k.id AS case_id, "
                   "i.item AS item ORDER BY i.id LIMIT 5")  # fmt: skip
    assert stored
    for row in stored:
        item = IntelItem.parse(json.loads(row["item"]))
        pole = graph.read(load_query("intel/case_pole"), case_id=row["case_id"])[0]
        grade: dict[str, Any] = item.grade.model_dump(mode="json")
        rebuilt = IntelItem.parse(
            item_data(pole, grade, item.summary, item.purpose.value, item.id, item.created_at)
        )
        assert (rebuilt.entities, rebuilt.relationships) == (item.entities, item.relationships)

    until = datetime.now(UTC) + timedelta(seconds=1)
    result_export = export_nim(
        sanitise_all(items_in_period(graph, None, until)),
        period=ExportPeriod(since=None, until=until), destination=destination("pnd"),
        out_dir=tmp_path / "out", actor="bench-test",
        audit_log=AuditLog(tmp_path / "disclosures.jsonl"),
    )  # fmt: skip
    items = query(graph, "MATCH (i:IntelItem) RETURN count(i) AS n, "
                  "sum(CASE i.handling_code WHEN 'C' THEN 1 ELSE 0 END) AS c")[0]  # fmt: skip
    assert result_export.counts.items_exported == items["n"] > 0
    assert items["c"] > 0
    assert verify_export(result_export.export_dir) == []
