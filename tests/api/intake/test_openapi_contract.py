"""The referral endpoint's contract in OpenAPI (issue 21.8): a valid document with the full
request schema, every answer with a schema and an example, the bearer scheme; and its
examples are what the hub really says."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from api import openapi
from ingest.contract import Referral, parse_referral

STATUSES = {"200", "201", "202", "401", "403", "409", "413", "415", "422", "429", "503"}


@pytest.fixture
def document(client: TestClient) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    name = schema["$ref"].rsplit("/", 1)[-1]
    return document["components"]["schemas"][name]  # type: ignore[no-any-return]


def test_the_development_hubs_document_validates(document: dict[str, Any]) -> None:
    validate(document)  # raises, naming the place, if it is not valid OpenAPI


def test_the_request_is_the_contracts_model(document: dict[str, Any]) -> None:
    operation = document["paths"]["/api/v1/referrals"]["post"]
    body = operation["requestBody"]["content"]["application/json"]
    schema = _resolve(document, body["schema"])
    assert set(schema["properties"]) == set(Referral.model_fields)
    assert set(schema["required"]) == {
        name for name, field in Referral.model_fields.items() if field.is_required()
    } - {"source"}  # filled in by the server from who sends
    assert schema["additionalProperties"] is False
    for part in ("Party", "Incident", "ContentItem", "Attachment", "Suspect", "Strand"):
        assert part in document["components"]["schemas"], part
    assert parse_referral(body["example"]).source_ref == "TV-2026-0000123"


def test_every_status_has_a_schema_and_an_example(document: dict[str, Any]) -> None:
    responses = document["paths"]["/api/v1/referrals"]["post"]["responses"]
    assert set(responses) == STATUSES
    for status, answer in responses.items():
        content = answer["content"]["application/json"]
        assert content.get("example"), status
        assert "$ref" in content["schema"], status
        schema = _resolve(document, content["schema"])
        assert set(content["example"]) <= set(schema["properties"]), status
        assert set(schema.get("required", [])) <= set(content["example"]), status
    assert "Retry-After" in responses["429"]["headers"]


def test_anonymous_or_bearer(document: dict[str, Any]) -> None:
    operation = document["paths"]["/api/v1/referrals"]["post"]
    assert operation["security"] == [{}, {"bearer": []}]
    scheme = document["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")


def _example(status: int) -> Any:
    return openapi.RESPONSES[status]["content"]["application/json"]["example"]


def test_the_examples_are_what_the_hub_says(client: TestClient) -> None:
    request = openapi.REQUEST["requestBody"]["content"]["application/json"]["example"]
    created = client.post("/api/v1/referrals", json=request)
    assert created.status_code == 201, created.text
    assert set(created.json()) == set(_example(201)) - {"warnings"}
    assert created.json()["access_code_note"] == _example(201)["access_code_note"]
    again = client.post("/api/v1/referrals", json=request)
    assert again.status_code == 200
    assert set(again.json()) == set(_example(200))
    conflict = client.post(
        "/api/v1/referrals", json=request | {"submitted_at": "2026-06-01T05:00:00Z"}
    )
    assert conflict.status_code == 409
    assert conflict.json() == _example(409)
    foreign = client.post("/api/v1/referrals", json=request | {"source": "report-it-partner"})
    assert foreign.json() == _example(403)
    assert client.post("/api/v1/referrals", content=b"x").json() == _example(415)
    bad = request | {"source_ref": "TV-X"}
    bad["incident"] = request["incident"] | {"strands": ["gender"]}
    bad["content"] = [request["content"][0] | {"url": "ftp://files.example/x"}]
    invalid = client.post("/api/v1/referrals", json=bad)
    assert invalid.status_code == 422
    assert invalid.json() == _example(422)
