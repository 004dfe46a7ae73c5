"""The hate crime lead directory through GraphQL: every force listed a page at a time, entries
kept as versions, only the hub's supervisors and case managers change it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import gql

SUPERVISOR = "dev:hub_supervisor:sgt-khan"
ANALYST = "dev:hub_analyst:dc-patel"
OFFICER = "dev:force_officer:pc-jones:E23000010"
WEST_YORKSHIRE = "E23000010"

DIRECTORY = """
query($first: Int!, $after: String) {
  hateCrimeLeads(first: $first, after: $after) {
    __typename
    ... on DirectoryEntryConnection {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { forceCode forceName lead { roleTitle email phone recordedBy } }
    }
    ... on InvalidInputError { problems { field message } }
  }
}
"""
SET_LEAD = """
mutation($lead: HateCrimeLeadInput!, $reason: String!) {
  setHateCrimeLead(lead: $lead, reason: $reason) {
    __typename
    ... on HateCrimeLead { id forceCode email phone recordedBy }
    ... on InvalidInputError { problems { field message } }
    ... on NotFoundError { message }
    ... on ForbiddenError { message }
  }
}
"""
HISTORY = """
query($code: String!) {
  hateCrimeLeadHistory(forceCode: $code) {
    ... on HateCrimeLeadHistory { entries { email reason recordedBy } }
  }
}
"""
LEAD = {
    "forceCode": WEST_YORKSHIRE,
    "roleTitle": "Force hate crime lead",
    "contactRoute": "Secure email, weekdays 8-6; out of hours via the force control room",
    "email": "hate.crime.lead@example.police.uk",
}


def _set(client: TestClient, token: str, reason: str = "New lead appointed", **lead: str) -> dict:  # type: ignore[type-arg]
    answer = gql(client, SET_LEAD, token=token, lead={**LEAD, **lead}, reason=reason)
    return answer["data"]["setHateCrimeLead"]  # type: ignore[no-any-return]


def test_the_directory_pages_through_every_force(client: TestClient) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = gql(client, DIRECTORY, token=OFFICER, first=20, after=after)["data"]
        connection = page["hateCrimeLeads"]
        seen += [n["forceCode"] for n in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 46
    assert seen == sorted(seen)


def test_a_supervisor_records_a_lead_and_each_change_is_kept(client: TestClient) -> None:
    first = _set(client, SUPERVISOR)
    assert first["__typename"] == "HateCrimeLead"
    assert first["recordedBy"] == "sgt-khan"
    second = _set(client, SUPERVISOR, reason="Lead changed", phone="0113 496 0000", email="")
    assert second["phone"] == "+441134960000"
    assert second["email"] is None

    listing = gql(client, DIRECTORY, token=OFFICER, first=50)["data"]["hateCrimeLeads"]
    west = next(n for n in listing["nodes"] if n["forceCode"] == WEST_YORKSHIRE)
    assert west["lead"]["phone"] == "+441134960000"
    history = gql(client, HISTORY, token=OFFICER, code=WEST_YORKSHIRE)["data"]
    assert [e["reason"] for e in history["hateCrimeLeadHistory"]["entries"]] == [
        "Lead changed",
        "New lead appointed",
    ]


def test_bad_entries_name_every_field_and_write_nothing(client: TestClient) -> None:
    refused = _set(client, SUPERVISOR, email="not an address", phone="12", reason=" ")
    assert refused["__typename"] == "InvalidInputError"
    assert {p["field"] for p in refused["problems"]} == {"email", "phone"}
    unknown = _set(client, SUPERVISOR, forceCode="E99999999")
    assert unknown["__typename"] == "NotFoundError"
    history = gql(client, HISTORY, token=OFFICER, code=WEST_YORKSHIRE)["data"]
    assert history["hateCrimeLeadHistory"]["entries"] == []


def test_analysts_and_force_officers_may_not_change_the_directory(client: TestClient) -> None:
    for token in (ANALYST, OFFICER):
        refused = _set(client, token)
        assert refused["__typename"] == "ForbiddenError"
    public = gql(client, DIRECTORY, first=5)["data"]["hateCrimeLeads"]
    assert public["__typename"] == "ForbiddenError"
