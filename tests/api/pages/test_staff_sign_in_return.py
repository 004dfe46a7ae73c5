"""Signing in brings a person back to the very page they asked for, its query included (a
network view or a search is its query), and never anywhere outside the workspace."""

from __future__ import annotations

import urllib.parse

from fastapi.testclient import TestClient

from pages.staff.signin import _safe_return


def test_a_page_asked_for_before_signing_in_is_returned_to_with_its_query(
    hub: TestClient,
) -> None:
    asked = "/staff/network?id=x%7Cjsmith88&kind=ACCOUNT"
    answer = hub.get(asked, follow_redirects=False)
    assert answer.status_code == 303
    location = urllib.parse.urlsplit(answer.headers["location"])
    assert location.path == "/staff/sign-in"
    (back,) = urllib.parse.parse_qs(location.query)["next"]
    assert back == "/staff/network?id=x%7Cjsmith88&kind=ACCOUNT"
    assert _safe_return(back) == back


def test_nowhere_outside_the_workspace() -> None:
    for elsewhere in ("https://evil.example/staff", "//evil.example/staff", "/report", None):
        assert _safe_return(elsewhere) == "/staff"
