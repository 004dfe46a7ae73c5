"""submitReferral and submitDisclosure take input types that follow the contract models field
for field, and the contract still judges them: its problems name the field as typed."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from graphql import GraphQLInputObjectType, GraphQLNonNull, Undefined
from pydantic import BaseModel

from api.graphql.schema import build_schema
from graph.db import Graph
from graph.settings import Settings
from ingest import contract
from ingest.disclosures import DisclosureRecord, IpSighting
from tests.api.conftest import gql
from tests.api.intake.inputs import referral_input
from tests.factories import referral
from tests.integration.intake.helpers import query

ANALYST = "dev:hub_analyst:dc-patel"
SUBMIT = """mutation($r: ReferralInput!) { submitReferral(referral: $r) {
  __typename
  ... on ReferralAccepted { status reference accessCode }
  ... on InvalidInputError { problems { field message } }
} }"""
RECORD = """mutation($d: DisclosureInput!) { submitDisclosure(disclosure: $d) {
  __typename
  ... on DisclosureRecorded { accountKey new }
  ... on InvalidInputError { problems { field message } }
} }"""
FOLLOWS = {
    "ReferralInput": contract.Referral,
    "PartyInput": contract.Party,
    "VictimInput": contract.Victim,
    "IncidentInput": contract.Incident,
    "ContentItemInput": contract.ContentItem,
    "AttachmentInput": contract.Attachment,
    "SuspectInput": contract.Suspect,
    "DisclosureInput": DisclosureRecord,
    "IpSightingInput": IpSighting,
}


@pytest.mark.parametrize(("name", "model"), FOLLOWS.items(), ids=FOLLOWS)
def test_each_input_type_has_its_models_fields_under_their_names(
    name: str, model: type[BaseModel]
) -> None:
    kind = build_schema(Settings())._schema.type_map[name]
    assert isinstance(kind, GraphQLInputObjectType)
    required = {
        field
        for field, typed in kind.fields.items()
        if isinstance(typed.type, GraphQLNonNull) and typed.default_value is Undefined
    }
    assert set(kind.fields) == set(model.model_fields)
    # A referral's source may be left out: the server fills it in from who sends it
    # (ingest/sources.py), before the contract checks it.
    filled_in = {"source"} if model is contract.Referral else set()
    assert (
        required == {f for f, info in model.model_fields.items() if info.is_required()} - filled_in
    )


def test_a_typed_referral_is_accepted_once(client: TestClient) -> None:
    typed = referral_input(referral(source_ref="GQL-1"))
    first = gql(client, SUBMIT, r=typed)["data"]["submitReferral"]
    assert first["__typename"] == "ReferralAccepted"
    assert (first["status"], first["reference"][:5]) == ("CREATED", "OHCH-")
    assert first["accessCode"]
    again = gql(client, SUBMIT, r=typed)["data"]["submitReferral"]
    assert (again["status"], again["reference"], again["accessCode"]) == (
        "ALREADY_RECEIVED",
        first["reference"],
        None,
    )


def test_the_same_referral_by_rest_then_graphql_is_already_received(client: TestClient) -> None:
    document = referral(source_ref="BOTH-DOORS")
    by_rest = client.post("/api/v1/referrals", json=document)
    assert by_rest.status_code == 201
    again = gql(client, SUBMIT, r=referral_input(document))["data"]["submitReferral"]
    assert (again["__typename"], again["status"], again["reference"]) == (
        "ReferralAccepted",
        "ALREADY_RECEIVED",
        by_rest.json()["reference"],
    )


def test_the_contract_names_each_problem_by_the_field_as_typed(client: TestClient) -> None:
    payload = referral(source_ref="GQL-2")
    payload["content"].append({"platform": "X", "url": "ftp://files.example/x"})
    payload["submitted_at"] = "2099-01-01T00:00:00Z"
    payload["incident"]["description"] = "x" * 20_001
    refused = gql(client, SUBMIT, r=referral_input(payload))["data"]["submitReferral"]
    assert refused["__typename"] == "InvalidInputError"
    problems = {p["field"]: p["message"] for p in refused["problems"]}
    assert set(problems) == {"content[1].url", "submitted_at", "incident.description"}
    assert "future" in problems["submitted_at"]


def test_a_value_outside_the_types_is_refused_before_intake(
    client: TestClient, reference_graph: Graph
) -> None:
    typed: dict[str, Any] = referral_input(referral(source_ref="GQL-3"))
    typed["incident"]["strands"] = ["GENDER"]
    answer = gql(client, SUBMIT, r=typed)
    assert answer.get("data") is None
    assert answer["errors"]
    assert query(reference_graph, "MATCH (r:Report) RETURN count(r) AS n") == [{"n": 0}]


def test_a_typed_disclosure_is_recorded_and_judged_by_its_model(client: TestClient) -> None:
    disclosure = {
        "platform": "x",
        "handle": "@jsmith88",
        "emails": ["j.smith@example.org"],
        "ip_addresses": [{"ip": "192.0.2.7", "seen_at": "2026-05-31T22:00:00Z"}],
        "received_at": "2026-06-03T10:00:00Z",
    }
    recorded = gql(client, RECORD, token=ANALYST, d=disclosure)["data"]["submitDisclosure"]
    assert recorded == {"__typename": "DisclosureRecorded", "accountKey": "x|jsmith88", "new": True}
    again = gql(client, RECORD, token=ANALYST, d=disclosure)["data"]["submitDisclosure"]
    assert again["new"] is False
    wrong = {**disclosure, "emails": ["not an email"], "ip_addresses": [{"ip": "999.1.1.1"}]}
    refused = gql(client, RECORD, token=ANALYST, d=wrong)["data"]["submitDisclosure"]
    assert refused["__typename"] == "InvalidInputError"
    assert {p["field"] for p in refused["problems"]} == {"emails[0]", "ip_addresses[0].ip"}
    forbidden = gql(client, RECORD, token="dev:case_manager:cm1", d=disclosure)
    assert forbidden["data"]["submitDisclosure"]["__typename"] == "ForbiddenError"
