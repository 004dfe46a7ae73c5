"""Prolific accounts and persons, repeat victims, most-reported content and weekly trends, each
a connection paged to its end; bad arguments and refused roles are members of the result."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from graph.cypher import load_query
from graph.db import Graph
from graph.intel.bounds import TimeBasis, Window
from graph.intel.kept_people import assign_persons
from graph.judgements.kinds import NAMED
from tests.api.conftest import gql
from tests.factories import referral

ANALYST = "dev:intelligence_analyst:ia-morgan"
LEEDS = "E23000010"  # West Yorkshire Police
NOW = datetime.now(UTC)
WINDOW = {
    "since": (NOW - timedelta(days=2)).isoformat(),
    "until": (NOW + timedelta(days=2)).isoformat(),
}
WINDOW_ARGS = "since: $since, until: $until"

# (source_ref, content URL, suspect platform, suspect handle, victim, strands)
REFERRALS = [
    ("TV-A1", "https://x.com/troll0/status/1796500000000000101", "x", "troll0", "amara", ["race"]),
    ("TV-A2", "https://x.com/troll0/status/1796500000000000101", "x", "troll0", "ben", ["race"]),
    ("TV-A3", "https://x.com/troll0/status/1796500000000000101", "x", "troll0", "cat", ["race"]),
    ("TV-A4", "https://x.com/troll0/status/1796500000000000102", "x", "troll0", "amara",
     ["religion"]),
    ("TV-B1", "https://x.com/troll1/status/1796500000000000201", "x", "troll1", "amara", ["race"]),
    ("TV-B2", "https://x.com/troll1/status/1796500000000000202", "x", "troll1", "dev", ["race"]),
    ("TV-B3", "https://x.com/troll1/status/1796500000000000203", "x", "troll1", "eli", ["race"]),
    ("TV-C1", "https://www.instagram.com/p/CxTroll0Zero/", "instagram", "trollzero", "fay",
     ["race"]),
]  # fmt: skip


def submit_all(client: TestClient, graph: Graph) -> None:
    for source_ref, url, platform, handle, victim, strands in REFERRALS:
        payload = referral(source_ref=source_ref, submitted_at=NOW.isoformat())  # reported now
        payload["content"][0]["url"] = url
        payload["content"][0]["platform"] = platform
        payload["content"][0]["text"] = f"abuse posted at {url}"  # duplicates share the post
        payload["reporter"]["email"] = f"{victim}@example.org"
        payload["incident"]["strands"] = strands
        payload["suspects"] = [{"platform": platform, "handle": handle}]
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    with graph.driver.session(database=graph.database) as session:
        # What the identity linkers will have done: one person behind x|troll0 and
        # instagram|trollzero, and each victim's reports resolved to one identity.
        session.run(
            "MATCH (a:Account) WHERE a.key IN ['x|troll0', 'instagram|trollzero'] "
            "SET a.person_id = 'person:instagram|trollzero'"
        ).consume()
        people = session.run(
            "MATCH (p:Person)-[:HAS_EMAIL]->(e:Email) RETURN p.id AS id, e.address AS address"
        ).data()
    # Written as the named-people linker writes it, with the counts kept for victims.
    persons = {r["id"]: "victim:" + r["address"] for r in people}
    graph.write_tx(lambda tx: assign_persons(tx, NAMED, persons))


@pytest.fixture
def loaded(client: TestClient, graph: Graph) -> TestClient:
    submit_all(client, graph)
    return client


CONNECTIONS = {
    "prolificAccounts": "ProlificAccountConnection",
    "prolificPersons": "ProlificPersonConnection",
    "repeatVictims": "RepeatVictimConnection",
    "mostReportedContent": "ReportedContentConnection",
    "trends": "TrendRowConnection",
}


def ask(client: TestClient, query: str, token: str = ANALYST, **window: str) -> dict:  # type: ignore[type-arg]
    return gql(
        client,
        f"query($since: DateTime!, $until: DateTime!) {{ {query} }}",
        token,
        **(window or WINDOW),
    )


def page(field: str, arguments: str, fields: str) -> str:
    """A root field asked for its page of ``fields``, or the failure it meets."""
    return f"""{field}({WINDOW_ARGS}{arguments}) {{ __typename
      ... on {CONNECTIONS[field]} {{ nodes {{ {fields} }} pageInfo {{ hasNextPage endCursor }} }}
      ... on InvalidInputError {{ message problems {{ field }} }}
      ... on ForbiddenError {{ message }} }}"""


def answer(
    client: TestClient, field: str, arguments: str = "", fields: str = "__typename", **asked: str
) -> dict:  # type: ignore[type-arg]
    """The field's member: a page (``nodes`` and ``pageInfo``) or a failure."""
    found = ask(client, page(field, arguments, fields), **asked)
    assert "errors" not in found, found
    return found["data"][field]  # type: ignore[no-any-return]


def nodes(client: TestClient, field: str, arguments: str, fields: str) -> list[dict]:  # type: ignore[type-arg]
    return answer(client, field, arguments, fields)["nodes"]  # type: ignore[no-any-return]


def every_page(client: TestClient, field: str, arguments: str, fields: str) -> list[dict]:  # type: ignore[type-arg]
    """All the nodes, one a page, following each page's end cursor."""
    found: list[dict] = []  # type: ignore[type-arg]
    after = ""
    while True:
        one = answer(client, field, f"{arguments}, first: 1{after}", fields)
        assert len(one["nodes"]) == 1, one
        found += one["nodes"]
        if not one["pageInfo"]["hasNextPage"]:
            return found
        after = f', after: "{one["pageInfo"]["endCursor"]}"'


def test_prolific_accounts_by_reports_or_by_content(loaded: TestClient) -> None:
    fields = "key platform personId reports contents"
    by_reports = nodes(loaded, "prolificAccounts", "", fields)
    assert by_reports == [
        {"key": "x|troll0", "platform": "x", "personId": "person:instagram|trollzero",
         "reports": 4, "contents": 2},
        {"key": "x|troll1", "platform": "x", "personId": "person:x|troll1",
         "reports": 3, "contents": 3},
        {"key": "instagram|trollzero", "platform": "instagram",
         "personId": "person:instagram|trollzero", "reports": 1, "contents": 1},
    ]  # fmt: skip
    by_content = nodes(loaded, "prolificAccounts", ", orderBy: CONTENT", "key")
    assert [a["key"] for a in by_content] == [
        "x|troll1", "x|troll0", "instagram|trollzero",
    ]  # fmt: skip
    one_platform = nodes(loaded, "prolificAccounts", ', platform: "Insta"', "key")
    assert one_platform == [{"key": "instagram|trollzero"}]
    unknown = answer(loaded, "prolificAccounts", ', platform: "nowhere"')
    assert unknown["__typename"] == "InvalidInputError"
    assert unknown["message"].startswith("platform: 'nowhere' is not a known")


def test_a_ranked_list_pages_to_its_end_in_its_order(loaded: TestClient) -> None:
    fields = "key reports contents"
    assert every_page(loaded, "prolificAccounts", "", fields) == nodes(
        loaded, "prolificAccounts", "", fields
    )
    assert every_page(loaded, "prolificPersons", ", orderBy: CONTENT", "personId") == nodes(
        loaded, "prolificPersons", ", orderBy: CONTENT", "personId"
    )
    assert len(every_page(loaded, "mostReportedContent", "", "contentId")) == 6
    last = answer(loaded, "prolificAccounts", ", first: 3", "key")
    assert last["pageInfo"]["hasNextPage"] is False
    assert last["pageInfo"]["endCursor"] is not None
    beyond = answer(loaded, "prolificAccounts", f', after: "{last["pageInfo"]["endCursor"]}"')
    assert beyond["nodes"] == []
    assert beyond["pageInfo"] == {"hasNextPage": False, "endCursor": None}


def test_prolific_persons_count_every_account_of_the_person(loaded: TestClient) -> None:
    found = nodes(
        loaded, "prolificPersons", "", "personId reports contents accountCount accounts platforms"
    )
    assert found[0] == {
        "personId": "person:instagram|trollzero", "reports": 5, "contents": 3,
        "accountCount": 2, "accounts": ["instagram|trollzero", "x|troll0"],
        "platforms": ["instagram", "x"],
    }  # fmt: skip
    assert [p["personId"] for p in found] == ["person:instagram|trollzero", "person:x|troll1"]


def test_repeat_victims_are_keys_and_counts_never_names(loaded: TestClient) -> None:
    result = ask(
        loaded,
        page("repeatVictims", "", "victim reports cases firstReportedAt lastReportedAt"),
    )
    (victim,) = result["data"]["repeatVictims"]["nodes"]
    assert (victim["victim"], victim["reports"], victim["cases"]) == (
        "victim:amara@example.org",
        3,
        3,
    )
    assert victim["firstReportedAt"] <= victim["lastReportedAt"]
    text = json.dumps(result)
    assert "Okafor" not in text
    assert "07911" not in text
    assert nodes(loaded, "repeatVictims", ", minCases: 4", "victim") == []
    bad = answer(loaded, "repeatVictims", ", minReports: 1")
    assert bad["message"] == "minReports: must be between 2 and 1000"


def test_most_reported_content_with_its_details_from_the_loader(loaded: TestClient) -> None:
    found = answer(
        loaded, "mostReportedContent", ", first: 2",
        "reports reporters content { postKey reportCount }",
    )  # fmt: skip
    assert found["nodes"][0] == {
        "reports": 3, "reporters": 3,
        "content": {"postKey": "x:post:1796500000000000101", "reportCount": 3},
    }  # fmt: skip
    assert len(found["nodes"]) == 2
    assert found["nodes"][1]["reports"] == 1
    assert found["pageInfo"]["hasNextPage"] is True


def case_of(client: TestClient, source_ref: str) -> str:
    query = """query($ref: String!) { report(sourceRef: $ref) {
      ... on Report { content { case { id } } } } }"""
    return gql(client, query, ANALYST, ref=source_ref)["data"]["report"]["content"]["case"]["id"]  # type: ignore[no-any-return]


def _monday(moment: datetime) -> str:
    day = moment.astimezone(UTC).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def test_trends_by_strand_platform_and_force(loaded: TestClient) -> None:
    case_id = case_of(loaded, "TV-A1")
    reassign = """mutation($c: String!) { reassignCase(caseId: $c, toForce: "E23000010",
        reason: "suspect lives in Leeds") { __typename } }"""
    assert gql(loaded, reassign, ANALYST, c=case_id)["data"]["reassignCase"] == {
        "__typename": "Assignment"
    }

    def trend(dimension: str) -> dict[str, int]:
        rows = nodes(loaded, "trends", f", dimension: {dimension}", "weekStart key reports")
        weeks = {r["weekStart"] for r in rows}
        assert weeks <= {_monday(NOW), _monday(datetime.now(UTC))}
        assert all(date.fromisoformat(w).isoweekday() == 1 for w in weeks)
        totals: dict[str, int] = {}
        for row in rows:
            totals[row["key"]] = totals.get(row["key"], 0) + row["reports"]
        return totals

    assert trend("STRAND") == {"race": 7, "religion": 1}
    assert trend("PLATFORM") == {"x": 7, "instagram": 1}
    assert trend("FORCE") == {LEEDS: 3, "unassigned": 5}
    by_page = every_page(loaded, "trends", ", dimension: PLATFORM", "weekStart key reports")
    assert by_page == nodes(loaded, "trends", ", dimension: PLATFORM", "weekStart key reports")


def test_the_force_filter_inside_the_query(loaded: TestClient, graph: Graph) -> None:
    """Layer one of access control: a force sees only reports of its cases."""
    case_id = case_of(loaded, "TV-B1")
    reassign = """mutation($c: String!) { reassignCase(caseId: $c, toForce: "E23000010",
        reason: "victim lives in Leeds") { __typename } }"""
    gql(loaded, reassign, ANALYST, c=case_id)
    since, until = NOW - timedelta(days=2), NOW + timedelta(days=2)
    query = load_query("intel/trends_by_strand")
    window = Window.of(since, until)
    posts = window.spans(TimeBasis.REPORTED)["spans"]
    params = {
        **window.edge_spans(TimeBasis.REPORTED, sees_all=False), "basis": "reported",
        "post_spans": posts,
    }  # fmt: skip
    leeds = graph.read(query, viewer_force=LEEDS, viewer_sees_all=False, **params)
    assert [(r["key"], r["reports"]) for r in leeds] == [("race", 1)]
    other = graph.read(query, viewer_force="E23000001", viewer_sees_all=False, **params)
    assert other == []
    # Were the hub's counts a day (not by force) offered to a force anyway, it would not see them.
    everything = {**params, **window.edge_spans(TimeBasis.REPORTED, sees_all=True)}
    other = graph.read(query, viewer_force="E23000001", viewer_sees_all=False, **everything)
    assert other == []


def test_limits_and_roles(loaded: TestClient) -> None:
    long = {"since": "2020-01-01T00:00:00Z", "until": "2023-01-01T00:00:00Z"}
    too_long = answer(loaded, "trends", ", dimension: STRAND", **long)
    assert too_long["__typename"] == "InvalidInputError"
    assert too_long["message"] == (
        "until: the window from since may span at most 2 years (731 days)"
    )
    big = answer(loaded, "mostReportedContent", ", first: 501")
    assert big["message"] == "first: must be between 1 and 500, not 501"
    officer = "dev:force_officer:pc1:E23000010"
    for field in ("prolificAccounts", "prolificPersons", "repeatVictims"):
        refused = ask(loaded, page(field, "", "reports"), token=officer)["data"][field]
        assert refused["__typename"] == "ForbiddenError"
        assert "only hub staff" in refused["message"]
