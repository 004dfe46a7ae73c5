"""The force view, the network view and the trends pages through FastAPI's TestClient, signed in
with a sealed staff session: what each role sees and may do, against the real Neo4j."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.assessment.calendars import UK
from graph.cypher import load_query
from graph.db import Graph
from graph.reference.loader import load_reference
from graph.settings import Settings
from graph.viewer import Role
from pages.staff.session import COOKIE, StaffSession
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:hub_analyst:dc-patel"
MANCHESTER, WEST_YORKSHIRE = "E23000005", "E23000010"
CASE_OF = """query($ref: String!) {
  report(sourceRef: $ref) { ... on Report { content { case { id } } } } }"""
REASSIGN = """mutation($c: String!, $f: String!) {
  reassignCase(caseId: $c, toForce: $f, reason: "test") { __typename } }"""


def _refer(client: TestClient, ref: str, post: str, suspect: str = "@JSmith88",
           postcode: str = "WN1 1AA", name: str = "Amara Okafor") -> str:  # fmt: skip
    payload = referral(source_ref=ref)
    payload["reporter"] = {
        "role": "victim", "name": name, "email": f"{ref.lower()}@example.org",
        "phone": "07911 123456", "postcode": postcode, "consent_to_contact": True,
    }  # fmt: skip
    payload["content"][0]["url"] = f"https://x.com/{suspect.strip('@').lower()}/status/{post}"
    payload["suspects"] = [{"platform": "X", "handle": suspect}]
    response = client.post("/api/v1/referrals", json=payload)
    assert response.status_code == 201, response.text
    found = gql(client, CASE_OF, token=ANALYST, ref=ref)["data"]["report"]
    return str(found["content"]["case"]["id"])


def _assign(client: TestClient, case_id: str, force: str) -> None:
    result = gql(client, REASSIGN, token=ANALYST, c=case_id, f=force)
    assert result["data"]["reassignCase"] == {"__typename": "Assignment"}, result


def _sign_in(client: TestClient, role: Role, force: str | None = None) -> None:
    session = StaffSession("tester", role, force, datetime.now(UTC) + timedelta(hours=1))
    client.cookies.set(COOKIE, session.seal(), path="/staff")


def _csrf(client: TestClient, html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


class _Tables(HTMLParser):
    """Every table's rows (cell texts) by the table's ``data-*`` marker (``name=value`` when
    it has a value)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            marks = [f"{name}={value}" if value else name
                     for name, value in attrs if name.startswith("data-")]  # fmt: skip
            self._table = marks[0] if marks else "table"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._table and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


World = dict[str, str]


def _world(client: TestClient) -> World:
    """A1: Manchester's case, reported twice: a victim in Wigan and one in Leeds. B1: West
    Yorkshire's, the same suspect account as A1, its victim in Leeds. B2: West Yorkshire's,
    nothing in common with either."""
    a1 = _refer(client, "TV-A1", "1001")
    assert _refer(client, "TV-A1-LEEDS", "1001", postcode="LS1 4AP", name="Erin Leeds") == a1
    b1 = _refer(client, "TV-B1", "2001", postcode="LS1 4AP", name="Bilal Khan")
    b2 = _refer(client, "TV-B2", "3001", suspect="@someone_else", postcode="LS1 4AP",
                name="Dana Smith")  # fmt: skip
    _assign(client, a1, MANCHESTER)
    _assign(client, b1, WEST_YORKSHIRE)
    _assign(client, b2, WEST_YORKSHIRE)
    return {"a1": a1, "b1": b1, "b2": b2}


@pytest.fixture(scope="module")
def hub(neo4j_settings: Settings, _session_graph: Graph) -> Iterator[tuple[TestClient, World]]:
    """One hub and one small world for the module (its tests only read it, but for outcomes
    recorded on A1, which they check by their own codes)."""
    _session_graph.run_schema(load_query("admin/delete_all").text)
    load_reference(_session_graph)
    with TestClient(create_app(neo4j_settings)) as client:
        yield client, _world(client)


@pytest.fixture
def client(hub: tuple[TestClient, World]) -> TestClient:
    hub[0].cookies.clear()
    return hub[0]


@pytest.fixture
def session_graph(_session_graph: Graph) -> Graph:
    """The module's graph as it stands (``graph`` would empty it)."""
    return _session_graph


@pytest.fixture
def world(hub: tuple[TestClient, World]) -> World:
    return hub[1]


def _outcomes(graph: Graph, case_id: str) -> list[dict[str, object]]:
    with graph.driver.session(database=graph.database) as session:
        return session.run(
            "MATCH (:Case {id: $id})-[:HAS_OUTCOME]->(o:Outcome) "
            "RETURN o.code AS code, o.reported_by AS by, o.force_code AS force ORDER BY code",
            id=case_id,
        ).data()


# The force view


def test_without_a_session_the_force_view_sends_the_browser_to_sign_in(
    client: TestClient,
) -> None:
    response = client.get("/staff/force", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/sign-in?next=/staff/force"


def test_an_officer_lists_their_forces_cases_with_the_cases_linked_to_them(
    client: TestClient, world: dict[str, str]
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    response = client.get("/staff/force")
    assert response.status_code == 200
    rows = tables(response.text)["data-force-cases"][1:]
    listed = [(row[0].replace("Linked case: ", "").strip("→ "), row[2].split()[0]) for row in rows]
    assert listed == [(world["a1"], "Assigned"), (world["b1"], "Linked")]
    assert world["b2"] not in response.text


def test_the_status_filter_keeps_only_cases_of_that_status(
    client: TestClient, world: dict[str, str]
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, WEST_YORKSHIRE)
    shown = tables(client.get("/staff/force", params={"status": "open"}).text)
    assert {r[0].strip("→ ") for r in shown["data-force-cases"][1:]} >= {world["b1"], world["b2"]}
    merged = client.get("/staff/force", params={"status": "merged"})
    assert "data-force-cases" not in merged.text
    assert "No cases with status merged" in merged.text


def test_the_case_list_pages_by_its_cursor(
    client: TestClient, world: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pages.staff.force.PAGE_SIZE", 1)
    _sign_in(client, Role.FORCE_OFFICER, WEST_YORKSHIRE)
    first = client.get("/staff/force")
    own = [r for r in tables(first.text)["data-force-cases"][1:] if "Linked" not in r[2]]
    assert len(own) == 1
    following = re.search(r'href="(/staff/force\?after=[^"]+)" rel="next"', first.text)
    assert following, "a next page link"
    second = client.get(following.group(1).replace("&amp;", "&"))
    own_next = [r for r in tables(second.text)["data-force-cases"][1:] if "Linked" not in r[2]]
    assert {own[0][0], own_next[0][0]} == {world["b1"], world["b2"]}
    assert 'rel="next"' not in second.text
    opened = client.get("/staff/force", params={"status": "open"})
    own_open = [r for r in tables(opened.text)["data-force-cases"][1:] if "Linked" not in r[2]]
    assert len(own_open) == 1  # the filter is the query's: the page is full
    assert re.search(r'href="/staff/force\?after=[^"]+&amp;status=open" rel="next"', opened.text)
    foreign = client.get("/staff/force", params={"after": "abcde"})  # not a cursor at all
    assert foreign.status_code == 400
    assert "not a cursor of this list" in foreign.text


def test_a_hub_role_gets_a_clear_403_page(client: TestClient) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    response = client.get("/staff/force")
    assert response.status_code == 403
    assert "You cannot use the force view" in response.text
    assert "for force officers" in response.text


def test_an_officer_opens_their_case_and_a_linked_one_with_other_forces_victims_masked(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    own = client.get(f"/staff/cases/{world['a1']}")
    assert own.status_code == 200, own.text
    assert sorted(tables(own.text)["data-victims"][1:]) == [
        ["Amara Okafor", "tv-a1@example.org, +447911123456", "WN1 1AA", MANCHESTER],
        ["Erin Leeds", "tv-a1-leeds@example.org, +447911123456", "LS1 4AP", WEST_YORKSHIRE],
    ]  # a victim of its own case is the force's to contact, wherever they live
    assert f'action="/staff/cases/{world["a1"]}/outcome"' in own.text  # the outcome form
    assert 'data-form="decision"' not in own.text  # the hub's forms are the hub's
    assert 'data-form="assignment"' not in own.text

    linked = client.get(f"/staff/cases/{world['b1']}")
    assert linked.status_code == 200
    assert tables(linked.text)["data-victims"][1:] == [
        [f"Details held by {WEST_YORKSHIRE}: not shown to your force", WEST_YORKSHIRE]
    ]
    assert "Bilal Khan" not in linked.text
    assert "tv-b1@example.org" not in linked.text
    assert 'data-form="outcome"' not in linked.text


def test_the_force_views_old_case_address_redirects_to_the_one_case_page(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    moved = client.get(f"/staff/force/cases/{world['a1']}?done=outcome", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/staff/cases/{world['a1']}?done=outcome"
    posted = client.post(f"/staff/force/cases/{world['a1']}/outcome", follow_redirects=False)
    assert posted.status_code == 308
    assert posted.headers["location"] == f"/staff/cases/{world['a1']}/outcome"
    listed = client.get("/staff/force").text
    link = re.search(r'href="(/staff/cases/[^"]+)"', listed)
    assert link, "the list links to the one case page"
    assert "/staff/force/cases/" not in listed
    opened = client.get(link.group(1))
    assert opened.status_code == 200
    assert f'data-case-id="{world["a1"]}"' in opened.text


def test_another_forces_case_is_refused_on_the_case_page_and_the_old_address(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    for path in (f"/staff/cases/{world['b2']}", f"/staff/force/cases/{world['b2']}"):
        response = client.get(path)
        assert response.status_code == 403
        assert "You cannot see this case" in response.text
        assert "Dana Smith" not in response.text


def _dated(**answers: str) -> dict[str, str]:
    today = datetime.now(UK).date()
    return {"outcome-day": str(today.day), "outcome-month": str(today.month),
            "outcome-year": str(today.year), **answers}  # fmt: skip


def test_an_officer_records_an_outcome_and_bad_answers_are_named(
    client: TestClient, world: World, session_graph: Graph
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    page = client.get(f"/staff/cases/{world['a1']}")
    token = _csrf(client, page.text)
    action = f"/staff/cases/{world['a1']}/outcome"

    empty = client.post(action, data={"csrf_token": token})
    assert empty.status_code == 400
    assert 'class="govuk-error-summary' in empty.text
    assert 'href="#code">Outcome type: Select the outcome type' in empty.text
    assert 'href="#named_suspect">Named suspect: Select yes if a suspect is named' in empty.text
    assert 'href="#outcome-day">Outcome date: Enter the date the outcome was reached' in empty.text

    unnamed = client.post(action, data=_dated(csrf_token=token, code="15", named_suspect="no"))
    assert unnamed.status_code == 400
    assert 'href="#named_suspect">Named suspect: Outcome 15 requires a named suspect' in (
        unnamed.text
    )
    future = client.post(action, data=_dated(csrf_token=token, code="1", named_suspect="yes",
                                              **{"outcome-year": "2999"}))  # fmt: skip
    assert future.status_code == 400
    assert 'href="#outcome-day">Outcome date: Must be today' in future.text
    long_note = client.post(action, data=_dated(csrf_token=token, code="1", named_suspect="yes",
                                                 note="x" * 2001))  # fmt: skip
    assert 'href="#note">Note: Note must be 2,000 characters or less' in long_note.text
    assert _outcomes(session_graph, world["a1"]) == []

    done = client.post(action, data=_dated(csrf_token=token, code="1", named_suspect="yes",
                                            note="Charged at Wigan"),
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    shown = client.get(done.headers["location"])
    assert "The outcome is recorded." in shown.text
    assert _outcomes(session_graph, world["a1"]) == [
        {"code": "1", "by": "tester", "force": MANCHESTER}
    ]


def test_an_outcome_form_without_its_csrf_token_is_refused(
    client: TestClient, world: World, session_graph: Graph
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    client.get(f"/staff/cases/{world['a1']}")  # the CSRF cookie, but no field
    response = client.post(
        f"/staff/cases/{world['a1']}/outcome", data=_dated(code="1A", named_suspect="yes")
    )
    assert response.status_code == 400
    assert "This page has expired" in response.text
    assert {"code": "1A", "by": "tester", "force": MANCHESTER} not in _outcomes(
        session_graph, world["a1"]
    )


def test_a_linked_cases_outcome_is_refused_by_the_force_rule(
    client: TestClient, world: World, session_graph: Graph
) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    page = client.get(f"/staff/cases/{world['b1']}")  # linked: same suspect as A1
    assert "Only the force the case is assigned to records its outcome" in page.text
    response = client.post(
        f"/staff/cases/{world['b1']}/outcome",
        data=_dated(csrf_token=_csrf(client, page.text), code="1", named_suspect="yes"),
    )
    assert response.status_code == 400
    assert "Only the force the case is assigned to reports its outcome" in response.text
    assert _outcomes(session_graph, world["b1"]) == []


# The network view


def _network(client: TestClient, **params: str) -> tuple[int, dict[str, list[list[str]]], str]:
    response = client.get("/staff/network", params=params)
    return response.status_code, tables(response.text), response.text


def test_an_analyst_sees_a_cases_network_as_tables_and_the_same_as_json(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    response = client.get("/staff/network", params={"id": world["a1"], "kind": "CASE"})
    assert response.status_code == 200, response.text
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    found = tables(response.text)
    nodes = found["data-network-nodes"][1:]
    assert ["Case", world["a1"], "0"] in nodes
    assert ["Account", "x|jsmith88", "3"] in nodes  # case -> cluster -> report -> account
    assert any(row[0] == "Person in a report" and row[2] == "3" for row in nodes)  # victims
    links = found["data-network-links"][1:]
    assert links
    assert all(len(row) == 3 for row in links)
    source = re.search(r'data-network-source="([^"]+)"', response.text)
    assert source, "the drawing's JSON address"

    answer = client.get(source.group(1).replace("&amp;", "&"))
    assert answer.status_code == 200
    view = answer.json()
    assert [[n["label_text"], n["id"], str(n["distance"])] for n in view["nodes"]] == nodes
    assert [[e["source"], e["type"].lower().replace("_", " "), e["target"]]
            for e in view["edges"]] == links  # fmt: skip
    keys = {n["key"] for n in view["nodes"]}
    assert all(e["source"] in keys and e["target"] in keys for e in view["edges"])


def test_a_node_of_the_network_opens_the_network_around_it(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    _, _, text = _network(client, id=world["a1"], kind="CASE")
    assert 'href="/staff/network?id=x%7Cjsmith88&amp;kind=ACCOUNT"' in text
    status, found, _ = _network(client, id="x|jsmith88", kind="ACCOUNT", depth="1")
    assert status == 200
    assert ["Account", "x|jsmith88", "0"] in found["data-network-nodes"]


def test_bad_network_questions_are_named_and_unknown_ids_find_nothing(
    client: TestClient,
) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    status, _, text = _network(client, id="case:nothing", kind="SHAPE", depth="9")
    assert status == 400
    assert 'href="#kind">Select what the id is' in text
    assert 'href="#depth">Select how many steps to show, from 1 to 3' in text
    status, _, text = _network(client, id="case:nothing", kind="CASE")
    assert status == 200
    assert "Nothing in the graph matches that id" in text
    assert client.get("/staff/network.json", params={"kind": "CASE"}).status_code == 400


def test_a_force_officer_may_not_see_the_network(client: TestClient, world: World) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    status, _, text = _network(client, id=world["a1"], kind="CASE")
    assert status == 403
    assert "You cannot use the network view" in text
    assert "x|jsmith88" not in text
    answer = client.get("/staff/network.json", params={"id": world["a1"], "kind": "CASE"})
    assert answer.status_code == 403
    assert "nodes" not in answer.json()


# Trends

# Wide enough for the reports whichever time a trend counts them by: when the hub received
# them (today) or when they were submitted (the factory's 1 June 2026).
WINDOW = {
    "since": "2026-05-25",
    "until": (datetime.now(UTC) + timedelta(days=8)).date().isoformat(),
}


def test_trends_show_a_table_a_dimension_and_each_csv_is_exactly_its_table(
    client: TestClient, world: World
) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    response = client.get("/staff/trends", params=WINDOW)
    assert response.status_code == 200, response.text
    found = tables(response.text)
    shown = {d: found[f"data-trend-table={d}"] for d in ("STRAND", "PLATFORM", "FORCE")}
    for dimension, rows in shown.items():
        header, body = rows[0], rows[1:]
        assert (header[0], header[-1]) == ("Week starting", "All reports")
        assert sum(int(row[-1]) for row in body) == 4, dimension  # every report once
        assert all(row[0] == _monday(row[0]) for row in body)
        sent = client.get("/staff/trends.csv", params={"dimension": dimension, **WINDOW})
        assert sent.status_code == 200
        assert sent.headers["content-type"].startswith("text/csv")
        assert "attachment" in sent.headers["content-disposition"]
        assert list(csv.reader(io.StringIO(sent.text))) == rows
    forces = shown["FORCE"][0][1:-1]
    assert len(forces) == 2
    assert not any(name.startswith("E23") for name in forces)  # forces by name
    assert shown["STRAND"][0][1:-1] == ["Race"]
    assert '<script type="application/json" data-trend-data>' in response.text
    assert "<script>" not in response.text


def _monday(text: str) -> str:
    day = datetime.fromisoformat(text).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def test_bad_trend_windows_are_named(client: TestClient) -> None:
    _sign_in(client, Role.HUB_ANALYST)
    bad = client.get("/staff/trends", params={"since": "last week", "until": "2026-06-01"})
    assert bad.status_code == 400
    assert 'href="#since">Enter the first day as a date' in bad.text
    backwards = client.get("/staff/trends", params={"since": "2026-06-01", "until": "2026-05-01"})
    assert backwards.status_code == 400
    assert 'href="#until">Must be after since' in backwards.text
    assert client.get("/staff/trends.csv", params={"dimension": "MOOD"}).status_code == 400


def test_a_force_officer_may_not_see_trends(client: TestClient) -> None:
    _sign_in(client, Role.FORCE_OFFICER, MANCHESTER)
    response = client.get("/staff/trends", params=WINDOW)
    assert response.status_code == 403
    assert "You cannot see trends" in response.text
    assert client.get("/staff/trends.csv", params={"dimension": "FORCE"}).status_code == 403
