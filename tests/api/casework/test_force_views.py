"""Force views of cases: what a force officer sees of their own, linked and other cases, with
other forces' victims masked inside Cypher, linked cases capped, and one round trip a case."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.cases.force_view import detail_params
from graph.cypher import Query, load_query, parse
from graph.db import Graph
from graph.viewer import Role, Viewer
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
MANCHESTER, WEST_YORKSHIRE, MET = "E23000005", "E23000010", "E23000001"
OFFICER_A = f"dev:force_officer:pc1:{MANCHESTER}"
OFFICER_B = f"dev:force_officer:pc2:{WEST_YORKSHIRE}"

DETAIL = """
query($id: String!, $limit: Int! = 50) {
  forceCase(id: $id, linkedLimit: $limit) {
    __typename
    ... on ForceCaseDetail {
      id status how assignedForce { code name }
      reports { reference receivedAt strands } reportsCapped
      contents { platform url }
      suspectAccounts { key personId }
      victims { forceCode masked name email phone postcode }
      linkedCases { limit capped cases { caseId how reasons force { code } } }
    }
    ... on NotFoundError { message }
    ... on InvalidInputError { problems { field message } }
    ... on ForbiddenError { message }
  }
}
"""
CASE_OF = """query($ref: String!) {
  report(sourceRef: $ref) { ... on Report { content { case { id } } } } }"""
LIST = """query($first: Int! = 50, $after: String, $linked: Int! = 5, $status: CaseStatus) {
  forceCases(first: $first, after: $after, linkedPerCase: $linked, status: $status) {
    __typename
    ... on ForceCaseConnection {
      nodes { caseId how forceCode linkedTo reasons } pageInfo { hasNextPage endCursor } }
    ... on InvalidInputError { problems { field message } }
  }
}
"""
REASSIGN = """mutation($c: String!, $f: String!) {
  reassignCase(caseId: $c, toForce: $f, reason: "test") { __typename } }"""


def _refer(
    client: TestClient,
    ref: str,
    post: str,
    author: str = "jsmith88",
    suspect: str = "@JSmith88",
    postcode: str = "WN1 1AA",
    name: str = "Amara Okafor",
) -> str:
    """Send a referral about x.com/<author>/status/<post>; return its case id."""
    payload = referral(source_ref=ref)
    payload["reporter"] = {
        "role": "victim", "name": name, "email": f"{ref.lower()}@example.org",
        "phone": "07911 123456", "postcode": postcode, "consent_to_contact": True,
    }  # fmt: skip
    payload["content"][0]["url"] = f"https://x.com/{author}/status/{post}"
    payload["suspects"] = [{"platform": "X", "handle": suspect}]
    response = client.post("/api/v1/referrals", json=payload)
    assert response.status_code == 201, response.text
    found = gql(client, CASE_OF, token=ANALYST, ref=ref)["data"]["report"]
    return str(found["content"]["case"]["id"])


def _setup(text: str, params: str = "") -> Query:
    """A test's own write, shaped like a query file."""
    return parse("test/setup", f"// test setup\n// params: {params}\n{text}")


def _assign(client: TestClient, case_id: str, force: str) -> None:
    result = gql(client, REASSIGN, token=ANALYST, c=case_id, f=force)
    assert result["data"]["reassignCase"] == {"__typename": "Assignment"}, result


def _detail(client: TestClient, token: str, case_id: str, **variables: Any) -> Any:
    result = gql(client, DETAIL, token=token, id=case_id, **variables)
    assert "errors" not in result, result["errors"]
    found = result["data"]["forceCase"]
    assert found.pop("__typename") == "ForceCaseDetail", found
    return found


def _unseen(client: TestClient, token: str, case_id: str) -> bool:
    """The case is not found for this viewer, exactly as a missing one is not."""
    result = gql(client, DETAIL, token=token, id=case_id)
    return result == {
        "data": {"forceCase": {
            "__typename": "NotFoundError",
            "message": f"no case {case_id!r} that this viewer may see",
        }}
    }  # fmt: skip


def _lines(client: TestClient, token: str, **variables: Any) -> list[dict[str, Any]]:
    found = gql(client, LIST, token=token, **variables)["data"]["forceCases"]
    assert found["__typename"] == "ForceCaseConnection", found
    nodes = found["nodes"]
    assert isinstance(nodes, list)
    return nodes


@pytest.fixture
def world(client: TestClient) -> dict[str, str]:
    """A1: Manchester's case. B1: West Yorkshire's, same suspect account as A1, two reports of
    one post (a victim in Leeds, a victim in Wigan). B2: West Yorkshire's, nothing in common."""
    a1 = _refer(client, "TV-A1", "1001")
    b1 = _refer(client, "TV-B1", "2001", postcode="LS1 4AP", name="Bilal Khan")
    assert _refer(client, "TV-B1-WIGAN", "2001", name="Carys Jones") == b1  # one content
    b2 = _refer(client, "TV-B2", "3001", author="someone", suspect="@someone_else",
                postcode="LS1 4AP", name="Dana Smith")  # fmt: skip
    _assign(client, a1, MANCHESTER)
    _assign(client, b1, WEST_YORKSHIRE)
    _assign(client, b2, WEST_YORKSHIRE)
    return {"a1": a1, "b1": b1, "b2": b2}


def test_an_officer_sees_their_forces_case_in_full(
    client: TestClient, world: dict[str, str]
) -> None:
    case = _detail(client, OFFICER_A, world["a1"])
    assert case["how"] == "ASSIGNED"
    assert case["assignedForce"]["code"] == MANCHESTER
    assert [r["strands"] for r in case["reports"]] == [["RACE"]]
    assert case["reports"][0]["reference"].startswith("OHCH-")
    assert case["reports"][0]["receivedAt"]
    assert case["contents"] == [{"platform": "x", "url": case["contents"][0]["url"]}]
    assert "1001" in case["contents"][0]["url"]
    assert [a["key"] for a in case["suspectAccounts"]] == ["x|jsmith88"]
    assert case["victims"] == [
        {"forceCode": MANCHESTER, "masked": False, "name": "Amara Okafor",
         "email": "tv-a1@example.org", "phone": "+447911123456", "postcode": "WN1 1AA"}
    ]  # fmt: skip
    links = case["linkedCases"]
    assert links == {
        "limit": 50, "capped": False,
        "cases": [{"caseId": world["b1"], "how": "LINKED", "reasons": ["SAME_ACCOUNT"],
                   "force": {"code": WEST_YORKSHIRE}}],
    }  # fmt: skip


def test_a_linked_case_of_another_force_masks_that_forces_victims_only(
    client: TestClient, world: dict[str, str]
) -> None:
    case = _detail(client, OFFICER_A, world["b1"])
    assert case["how"] == "LINKED"
    assert case["assignedForce"]["code"] == WEST_YORKSHIRE
    victims = {v["forceCode"]: v for v in case["victims"]}
    assert victims[WEST_YORKSHIRE] == {
        "forceCode": WEST_YORKSHIRE, "masked": True,
        "name": None, "email": None, "phone": None, "postcode": None,
    }  # fmt: skip
    # A victim of the West Yorkshire case who lives in Manchester is Manchester's to contact.
    assert victims[MANCHESTER]["masked"] is False
    assert victims[MANCHESTER]["name"] == "Carys Jones"
    assert victims[MANCHESTER]["email"] == "tv-b1-wigan@example.org"
    # Why the officer may see it: the link to their own case.
    assert case["linkedCases"]["cases"] == [
        {"caseId": world["a1"], "how": "ASSIGNED", "reasons": ["SAME_ACCOUNT"],
         "force": {"code": MANCHESTER}}
    ]  # fmt: skip

    # West Yorkshire itself sees its case in full.
    own = _detail(client, OFFICER_B, world["b1"])
    assert own["how"] == "ASSIGNED"
    assert not any(v["masked"] for v in own["victims"])


def test_the_masking_happens_inside_the_query(
    client: TestClient, world: dict[str, str], reference_graph: Graph
) -> None:
    officer = Viewer(role=Role.FORCE_OFFICER, user_id="pc1", force_code=MANCHESTER)
    (record,) = reference_graph.read(
        load_query("cases/case_detail"), **detail_params(officer, world["b1"], 50)
    )
    (masked,) = [v for v in record["victims"] if v["force_code"] == WEST_YORKSHIRE]
    assert masked == {
        "id": masked["id"], "force_code": WEST_YORKSHIRE, "masked": True,
        "name": None, "email": None, "phone": None, "postcode": None,
    }  # fmt: skip


def test_a_case_notified_to_the_force_is_seen_in_full(
    client: TestClient, world: dict[str, str], reference_graph: Graph
) -> None:
    reference_graph.write(
        _setup(
            "MATCH (k:Case {id: $case}), (f:Force {code: $force}) "
            "CREATE (k)-[:NOTIFIED {role: 'victim_care'}]->(f) RETURN count(*) AS n",
            "case, force",
        ),
        case=world["b2"],
        force=MANCHESTER,
    )
    case = _detail(client, OFFICER_A, world["b2"])
    assert case["how"] == "NOTIFIED"
    assert [(v["masked"], v["name"]) for v in case["victims"]] == [(False, "Dana Smith")]


def test_an_unlinked_case_of_another_force_is_not_found_like_a_missing_one(
    client: TestClient, world: dict[str, str]
) -> None:
    for case_id in (world["b2"], "case:does-not-exist"):
        assert _unseen(client, OFFICER_A, case_id)


def test_hub_staff_see_every_case_unmasked(client: TestClient, world: dict[str, str]) -> None:
    for case_id in world.values():
        case = _detail(client, ANALYST, case_id)
        assert case["how"] == "HUB"
        assert all(not v["masked"] and v["name"] for v in case["victims"])
    assert _detail(client, ANALYST, world["b2"])["linkedCases"]["cases"] == []
    linked = _detail(client, ANALYST, world["a1"])["linkedCases"]["cases"]
    assert [(k["caseId"], k["how"]) for k in linked] == [(world["b1"], "HUB")]


def test_only_the_current_assignment_counts(client: TestClient, world: dict[str, str]) -> None:
    _assign(client, world["a1"], MET)
    assert _unseen(client, OFFICER_A, world["a1"])
    assert _unseen(client, OFFICER_A, world["b1"])  # its link was to A1
    met = f"dev:force_officer:pc3:{MET}"
    assert _detail(client, met, world["a1"])["how"] == "ASSIGNED"
    assert _detail(client, met, world["b1"])["how"] == "LINKED"


def test_links_through_the_same_person_and_the_same_content(
    client: TestClient, world: dict[str, str], reference_graph: Graph
) -> None:
    c1 = _refer(client, "TV-C1", "4001", author="alias_two", suspect="@alias_two",
                postcode="LS1 4AP")  # fmt: skip
    _assign(client, c1, WEST_YORKSHIRE)
    assert _unseen(client, OFFICER_A, c1)
    # The identity linker decided both accounts are one person; an analyst joined B2 with A1's
    # content into one case.
    reference_graph.write(
        _setup(
            "MATCH (a:Account) WHERE a.key IN ['x|jsmith88', 'x|alias_two'] "
            "SET a.person_id = 'person:x|jsmith88' RETURN count(a) AS n"
        )
    )
    reference_graph.write(
        _setup(
            "MATCH (k:Case {id: $b2}), (:Case {id: $a1})-[:CONCERNS]->(c:ContentCluster) "
            "CREATE (k)-[:CONCERNS]->(c) RETURN count(c) AS n",
            "a1, b2",
        ),
        a1=world["a1"],
        b2=world["b2"],
    )
    assert _detail(client, OFFICER_A, c1)["linkedCases"]["cases"] == [
        {"caseId": world["a1"], "how": "ASSIGNED", "reasons": ["SAME_PERSON"],
         "force": {"code": MANCHESTER}}
    ]  # fmt: skip
    b2 = _detail(client, OFFICER_A, world["b2"])
    assert b2["how"] == "LINKED"
    assert [k["reasons"] for k in b2["linkedCases"]["cases"]] == [
        ["SAME_CONTENT", "SAME_ACCOUNT"]  # A1's content brings its account along
    ]
    reasons = {
        k["caseId"]: k["reasons"]
        for k in _detail(client, OFFICER_A, world["a1"])["linkedCases"]["cases"]
    }
    assert reasons == {
        world["b2"]: ["SAME_CONTENT", "SAME_ACCOUNT"],
        world["b1"]: ["SAME_ACCOUNT"],
        c1: ["SAME_PERSON"],
    }


def test_linked_cases_are_capped_ordered_and_say_so(
    client: TestClient, world: dict[str, str]
) -> None:
    more = [_refer(client, f"TV-M{i}", f"500{i}", postcode="LS1 4AP") for i in range(3)]
    for case_id in more:
        _assign(client, case_id, WEST_YORKSHIRE)
    everything = sorted([world["b1"], *more])

    full = _detail(client, OFFICER_A, world["a1"])["linkedCases"]
    assert [k["caseId"] for k in full["cases"]] == everything
    assert (full["limit"], full["capped"]) == (50, False)

    capped = _detail(client, OFFICER_A, world["a1"], limit=2)["linkedCases"]
    assert [k["caseId"] for k in capped["cases"]] == everything[:2]
    assert (capped["limit"], capped["capped"]) == (2, True)


def test_force_cases_lists_linked_cases_after_the_forces_own(
    client: TestClient, world: dict[str, str]
) -> None:
    assert _lines(client, OFFICER_A) == [
        {"caseId": world["a1"], "how": "ASSIGNED", "forceCode": MANCHESTER,
         "linkedTo": [], "reasons": []},
        {"caseId": world["b1"], "how": "LINKED", "forceCode": WEST_YORKSHIRE,
         "linkedTo": [world["a1"]], "reasons": ["SAME_ACCOUNT"]},
    ]  # fmt: skip
    own_only = _lines(client, OFFICER_A, linked=0)
    assert [(n["caseId"], n["how"]) for n in own_only] == [(world["a1"], "ASSIGNED")]
    west = [(n["caseId"], n["how"]) for n in _lines(client, OFFICER_B)]
    expected = []
    for own in sorted([world["b1"], world["b2"]]):  # own cases by id, each with its links
        expected.append((own, "ASSIGNED"))
        if own == world["b1"]:
            expected.append((world["a1"], "LINKED"))
    assert west == expected


def _pages(client: TestClient, token: str, **variables: Any) -> list[list[tuple[str, str]]]:
    """Every page of the viewer's force cases, one own case a page, to the end."""
    pages: list[list[tuple[str, str]]] = []
    after = None
    for _ in range(6):
        found = gql(client, LIST, token=token, first=1, after=after, **variables)
        page = found["data"]["forceCases"]
        pages.append([(n["caseId"], n["how"]) for n in page["nodes"]])
        if not page["pageInfo"]["hasNextPage"]:
            return pages
        after = page["pageInfo"]["endCursor"]
    raise AssertionError(f"more pages than cases: {pages}")


def test_force_cases_pages_by_case_id(client: TestClient, world: dict[str, str]) -> None:
    own = sorted([world["b1"], world["b2"]])
    assert _pages(client, OFFICER_B, linked=0) == [[(c, "ASSIGNED")] for c in own]
    # Each own case's page carries its linked cases, whatever more follow.
    with_links = [
        [(c, "ASSIGNED"), *([(world["a1"], "LINKED")] if c == world["b1"] else [])] for c in own
    ]
    assert _pages(client, OFFICER_B) == with_links
    # Hub staff page through every assigned case, a line per force.
    every = sorted(world.values())
    assert _pages(client, ANALYST) == [[(c, "ASSIGNED")] for c in every]


MERGE = """mutation($into: String!, $others: [String!]!) {
  mergeCases(into: $into, others: $others, reason: "one campaign") { __typename } }"""


def test_force_cases_filter_a_status_in_the_query_and_every_page_is_full(
    client: TestClient, world: dict[str, str]
) -> None:
    """West Yorkshire holds B1 and B2; B2 merged into B1 leaves one open, one merged. A status
    is filtered before the page is cut, so one own case a page still finds the one asked for
    on the first page, and paging on reads nothing more."""
    merged = gql(client, MERGE, token=ANALYST, into=world["b1"], others=[world["b2"]])
    assert merged["data"]["mergeCases"]["__typename"] == "CaseChangeRecord"
    assert _pages(client, OFFICER_B, linked=0, status="MERGED") == [[(world["b2"], "ASSIGNED")]]
    assert _pages(client, OFFICER_B, linked=0, status="OPEN") == [[(world["b1"], "ASSIGNED")]]
    assert _pages(client, OFFICER_B, linked=0, status="SUPERSEDED") == [[]]
    # The linked case follows its own case whatever its status; another force is never listed.
    opened = [(n["caseId"], n["how"]) for n in _lines(client, OFFICER_B, status="OPEN")]
    assert opened == [(world["b1"], "ASSIGNED"), (world["a1"], "LINKED")]
    assert [(n["caseId"], n["how"]) for n in _lines(client, OFFICER_A, status="MERGED")] == []
    both = sorted([world["b1"], world["b2"]])
    assert _pages(client, OFFICER_B, linked=0) == [[(c, "ASSIGNED")] for c in both]


def test_a_case_detail_is_one_round_trip(
    client: TestClient, world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ready = client.app.state.schema_ready  # type: ignore[attr-defined]
    for _ in range(600):  # start-up's own reads (schema, reference data) are not the request's
        if ready.is_set():
            break
        time.sleep(0.05)
    assert ready.is_set()
    calls: list[str] = []
    original = Graph.read_tx

    def counting(self: Graph, work: Any) -> Any:
        calls.append("read")
        return original(self, work)

    monkeypatch.setattr(Graph, "read_tx", counting)
    case = _detail(client, OFFICER_A, world["b1"])
    assert case["linkedCases"]["cases"]
    assert case["victims"]
    assert case["reports"]
    assert calls == ["read"]


def test_bad_arguments_name_the_field(client: TestClient, world: dict[str, str]) -> None:
    result = gql(client, DETAIL, token=OFFICER_A, id=world["a1"], limit=0)["data"]["forceCase"]
    assert result["problems"] == [
        {"field": "linked_limit", "message": "must be between 1 and 50, got 0"}
    ]
    result = gql(client, DETAIL, token=OFFICER_A, id="  ")["data"]["forceCase"]
    assert result["problems"][0]["field"] == "id"
    assert result["problems"][0]["message"].startswith("is required")
    result = gql(client, LIST, token=OFFICER_A, first=501)["data"]["forceCases"]
    assert result["problems"] == [
        {"field": "first", "message": "must be between 1 and 500, not 501"}
    ]
    result = gql(client, LIST, token=OFFICER_A, linked=21)["data"]["forceCases"]
    assert result["problems"] == [
        {"field": "linked_per_case", "message": "must be between 0 and 20, got 21"}
    ]


def test_other_roles_may_not_ask(client: TestClient, world: dict[str, str]) -> None:
    result = gql(client, DETAIL, token="dev:victim:v1", id=world["a1"])["data"]["forceCase"]
    assert result["__typename"] == "ForbiddenError"
    assert "only hub staff and force officers" in result["message"]
    listed = gql(client, LIST, token="dev:victim:v1")["data"]["forceCases"]
    assert listed == {"__typename": "ForbiddenError"}
