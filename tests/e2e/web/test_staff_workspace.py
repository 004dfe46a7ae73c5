"""The staff workspace in Chromium, signed in through a real Keycloak: the authorisation code
flow with PKCE, the sealed session cookie, the queues a role may see, and signing out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from graph.db import Graph
from pages.staff.session import COOKIE
from tests.e2e.web.conftest import AXE, Visit
from tests.keycloak_provider import KeycloakRealm

PASSWORD = "ohch-test-password-1"


@pytest.fixture
def visit(browser: Browser, staff_hub: str, tmp_path: Path) -> Iterator[Visit]:
    context = browser.new_context()
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield Visit(context=context, page=page, base=staff_hub, shots=tmp_path)
    context.close()


def _sign_in(page: Page, user: str) -> None:
    page.get_by_label("Username or email").fill(user)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_an_analyst_signs_in_sees_the_queues_and_signs_out(
    visit: Visit, reference_graph: Graph, keycloak_realm: KeycloakRealm, staff_hub: str
) -> None:
    page = visit.page
    page.goto(f"{staff_hub}/staff")
    assert page.url.startswith(keycloak_realm.issuer), page.url  # sent to the provider
    assert "code_challenge_method=S256" in page.url
    _sign_in(page, "analyst.hub")
    page.wait_for_url(f"{staff_hub}/staff")
    expect(page.get_by_role("heading", name="Work queues")).to_be_visible()
    assert "analyst.hub" in page.locator(".moj-identity-bar").inner_text()
    rows = page.locator("[data-queues] tbody tr")
    assert rows.count() == 8
    assert "Cases to assess" in rows.first.inner_text()
    visit.check_accessible("staff-home")

    cookie = next(c for c in visit.context.cookies() if c["name"] == COOKIE)
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Lax", "/staff")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(lambda url: not url.endswith("/staff"))
    if page.url.startswith(keycloak_realm.issuer):  # the provider asks to confirm
        page.locator("#kc-logout").click()
    page.wait_for_url(f"{staff_hub}/staff/signed-out")
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    assert not [c for c in visit.context.cookies() if c["name"] == COOKIE]
    page.goto(f"{staff_hub}/staff")
    assert page.url.startswith(keycloak_realm.issuer)  # signed out at the provider too


def test_a_force_officer_sees_their_force_and_no_hub_queues(
    visit: Visit, reference_graph: Graph, staff_hub: str
) -> None:
    page = visit.page
    page.goto(f"{staff_hub}/staff")
    _sign_in(page, "officer.wyp")
    page.wait_for_url(f"{staff_hub}/staff")
    assert page.locator("[data-queues]").count() == 0
    assert "E23000010" in page.locator("main").inner_text()


def test_a_user_with_no_hub_role_is_refused_and_a_forged_cookie_signs_nobody_in(
    visit: Visit, staff_hub: str, keycloak_realm: KeycloakRealm
) -> None:
    page = visit.page
    page.goto(f"{staff_hub}/staff")
    _sign_in(page, "norole.user")
    page.wait_for_load_state()
    assert page.url.startswith(f"{staff_hub}/staff/sign-in/callback")
    expect(page.get_by_role("heading", name="You cannot use the workspace")).to_be_visible()
    assert not [c for c in visit.context.cookies() if c["name"] == COOKIE]

    visit.context.clear_cookies()
    visit.context.add_cookies([{"name": COOKIE, "value": "e30.forged", "url": staff_hub}])
    page.goto(f"{staff_hub}/staff")
    assert page.url.startswith(keycloak_realm.issuer)
