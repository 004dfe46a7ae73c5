from __future__ import annotations

import time

from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import Settings
from tests.api.conftest import gql

POSTCODE_QUERY = """
query($p: String!) {
  forceForPostcode(postcode: $p) {
    __typename
    ... on PostcodeForce { postcode confidence force { code name } otherForces { code } }
    ... on InvalidInputError { problems { field message } }
    ... on NotFoundError { message }
  }
}
"""


def _wait_ready(client: TestClient) -> None:
    for _ in range(100):
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError(client.get("/readyz").text)


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    _wait_ready(client)


def test_readiness_is_503_while_neo4j_is_unreachable(neo4j_settings: Settings) -> None:
    settings = neo4j_settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1"})
    with TestClient(create_app(settings)) as unreachable:
        assert unreachable.get("/healthz").status_code == 200
        response = unreachable.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "unavailable"


FORCES = "{ forces { ... on ForceList { forces { code name policeUkId country } } } }"
FORCE = """query($c: String!) { force(code: $c) { __typename ... on Force { code name }
  ... on NotFoundError { message } } }"""


def test_forces_lists_all_46(client: TestClient) -> None:
    forces = gql(client, FORCES)["data"]["forces"]["forces"]
    codes = [f["code"] for f in forces]
    assert len(codes) == 46
    assert len(set(codes)) == 46
    by_code = {f["code"]: f for f in forces}
    assert by_code["E23000005"]["policeUkId"] == "greater-manchester"
    assert by_code["S23000009"]["country"] == "SCOTLAND"


def test_force_by_code(client: TestClient) -> None:
    assert gql(client, FORCE, c="e23000010")["data"]["force"] == {
        "__typename": "Force", "code": "E23000010", "name": "West Yorkshire Police",
    }  # fmt: skip
    unknown = gql(client, FORCE, c="NOPE")["data"]["force"]
    assert unknown["__typename"] == "NotFoundError"
    assert "NOPE" in unknown["message"]


def test_force_for_postcode_resolves_greater_manchester(client: TestClient) -> None:
    result = gql(client, POSTCODE_QUERY, p="M46 9XF")["data"]["forceForPostcode"]
    assert result == {
        "__typename": "PostcodeForce",
        "postcode": "M46 9XF",
        "confidence": "HIGH",
        "force": {"code": "E23000005", "name": "Greater Manchester Police"},
        "otherForces": [],
    }


def test_straddling_postcode_names_other_forces(client: TestClient) -> None:
    result = gql(client, POSTCODE_QUERY, p="al3 5aa")["data"]["forceForPostcode"]
    assert result["confidence"] == "MEDIUM"
    assert result["otherForces"] == [{"code": "E23000026"}]


def test_malformed_and_unknown_postcodes_are_clear_errors(client: TestClient) -> None:
    bad = gql(client, POSTCODE_QUERY, p="not a postcode")["data"]["forceForPostcode"]
    assert bad["__typename"] == "InvalidInputError"
    assert bad["problems"][0]["field"] == "postcode"
    jersey = gql(client, POSTCODE_QUERY, p="JE2 4WD")["data"]["forceForPostcode"]
    assert jersey["__typename"] == "NotFoundError"


def test_depth_and_alias_limits(client: TestClient) -> None:
    aliases = " ".join(f"a{i}: forces {{ __typename }}" for i in range(20))
    response = gql(client, "{ " + aliases + " }")
    assert "aliases" in response["errors"][0]["message"]


def test_viewer_comes_from_the_development_token(client: TestClient) -> None:
    data = gql(
        client, "{ viewer { role userId forceCode } }", token="dev:force_officer:pc1:E23000005"
    )
    assert data["data"]["viewer"] == {
        "role": "FORCE_OFFICER",
        "userId": "pc1",
        "forceCode": "E23000005",
    }
    anonymous = gql(client, "{ viewer { role } }")
    assert anonymous["data"]["viewer"]["role"] == "PUBLIC"
