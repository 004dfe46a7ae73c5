"""Search, the case page and its forms, and the duplicate review queue in Chromium, signed in
through a real Keycloak: an analyst finds a case by its reference, opens it, records the
decision by keyboard alone and assigns it; a force officer is refused another force's case
with a 403 page; axe-core finds no serious or critical violation on any of these pages.

``OHCH_SCREENSHOTS=1`` also writes each page to ``docs/screens/`` (the README shows them);
without it the screenshots stay in the test's temporary folder, so CI rewrites nothing.
"""

from __future__ import annotations

import os
import shutil
from typing import Any
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from graph.db import Graph
from tests.e2e.web.conftest import REPO, Visit
from tests.factories import referral
from tests.keycloak_provider import TEST_PASSWORD, KeycloakRealm

SCREENS = REPO / "docs" / "screens"
MAX_TABS = 120  # a keyboard user reaches the decision form in fewer presses than this
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"  # an evidence file


def _sign_in(page: Page, user: str) -> None:
    page.get_by_label("Username or email").fill(user)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def _checked(visit: Visit, name: str) -> None:
    """No serious or critical axe violation; the screenshot kept in docs/screens on request."""
    visit.check_accessible(name)
    if os.environ.get("OHCH_SCREENSHOTS") == "1":
        SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(visit.shots / f"{name}.png", SCREENS / f"{name}.png")


def _submit(visit: Visit, payload: dict[str, Any]) -> str:
    """Send a referral to the hub's REST intake, as a force system would."""
    response = visit.context.request.post(f"{visit.base}/api/v1/referrals", data=payload)
    assert response.status == 201, response.text()
    reference: str = response.json()["reference"]
    return reference


def _send(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def _tab_to(page: Page, element_id: str) -> None:
    """Press Tab from the top of the page until ``element_id`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == (
            element_id
        ):
            return
    pytest.fail(f"#{element_id} cannot be reached with the Tab key")


def test_an_analyst_finds_opens_decides_and_assigns_a_case_and_another_force_is_refused(
    staff_visit: Any, reference_graph: Graph, staff_hub: str, keycloak_realm: KeycloakRealm
) -> None:
    analyst = staff_visit()
    sent = analyst.context.request.post(f"{analyst.base}/api/v1/referrals", data=referral())
    assert sent.status == 201, sent.text()
    reference = sent.json()["reference"]
    attached = analyst.context.request.post(
        f"{analyst.base}/api/v1/referrals/{reference}/evidence",
        multipart={
            "access_code": sent.json()["access_code"],
            "files": {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF},
        },
    )
    assert attached.status == 201, attached.text()
    page = analyst.page
    page.goto(f"{staff_hub}/staff/search")
    assert page.url.startswith(keycloak_realm.issuer), page.url
    _sign_in(page, "analyst.hub")
    page.wait_for_url(f"{staff_hub}/staff/search")
    _checked(analyst, "staff-search")

    page.get_by_label("Reference, handle, link or name").fill(reference)
    _send(page, "Search")
    assert "1 case found" in page.locator("[data-results-heading]").inner_text()
    _checked(analyst, "staff-search-results")

    with page.expect_navigation():
        page.locator("[data-results] a").first.click()
    case_url = page.url
    case_id = page.locator("[data-case-id]").get_attribute("data-case-id")
    assert case_id
    assert case_id.startswith("case:")
    assert f"Report {reference} received" in page.locator("[data-timeline]").inner_text()
    assert page.locator("[data-hostile-address]").count() >= 1
    assert page.locator("main a[href^='http']").count() == 0  # no live link to the content
    files = page.locator("[data-files]").inner_text()
    assert "letter.pdf (pdf, 1 KB)" in files
    assert "not scanned (kept by policy)" in files  # no scanner here; kept outside production
    _checked(analyst, "staff-case")

    # The decision by keyboard alone: Tab into the radios, arrow to the answer, type the
    # reason, Tab to the button and press Enter.
    _tab_to(page, "decision")
    page.keyboard.press("ArrowDown")  # the first radio, then the second: a non-crime incident
    page.keyboard.press("Tab")
    page.keyboard.type("Hostile, but no offence is made out on these facts")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "The assessment decision is recorded." in page.locator("main").inner_text()
    timeline = page.locator("[data-timeline]").inner_text()
    assert "Decision: non_crime_hate_incident" in timeline
    _checked(analyst, "staff-case-decided")

    page.get_by_label("Assign or reassign to a force").select_option(value="rules")
    _send(page, "Assign case")
    assert "The case is assigned." in page.locator("main").inner_text()
    assert "E23000005" in page.locator("[data-lead-force]").inner_text()  # Greater Manchester

    # An empty reassignment is named beside its question.
    page.get_by_label("Assign or reassign to a force").select_option(value="E23000010")
    _send(page, "Assign case")
    summary = page.locator(".govuk-error-summary")
    assert "Reason for the assignment" in summary.inner_text()
    _checked(analyst, "staff-case-error")

    officer = staff_visit()
    other = officer.page
    other.goto(case_url)
    with other.expect_response(lambda r: unquote(r.url) == unquote(case_url)) as shown:
        _sign_in(other, "officer.wyp")  # West Yorkshire: the case is Greater Manchester's
    assert shown.value.status == 403
    expect(other.get_by_role("heading", name="You cannot see this case")).to_be_visible()
    assert "Traceback" not in other.content()
    _checked(officer, "staff-case-refused")


def _account_report(ref: str, url: str, text: str | None) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    item: dict[str, Any] = {"platform": "x", "url": url, "captured_at": "2026-05-31T22:20:00Z"}
    if text:
        item["text"] = text
    payload["content"] = [item]
    payload["suspects"] = [{"platform": "x", "handle": "jsmith88"}]
    return payload


def test_an_analyst_answers_a_possible_duplicate_side_by_side(
    staff_visit: Any, reference_graph: Graph, staff_hub: str
) -> None:
    analyst = staff_visit()
    for payload in (
        _account_report("TV-A", "https://x.com/jsmith88/status/1796512345678900101", "first"),
        _account_report("TV-B", "https://x.com/jsmith88/status/1796512345678900202", "second"),
        _account_report("TV-Q", "https://x.com/jsmith88", None),  # either post: ambiguous
    ):
        _submit(analyst, payload)
    page = analyst.page
    page.goto(f"{staff_hub}/staff/review")
    _sign_in(page, "analyst.hub")
    page.wait_for_url(f"{staff_hub}/staff/review")
    item = page.locator("[data-review-item]")
    assert item.count() == 1
    assert "The content it may belong to" in item.inner_text()
    _checked(analyst, "staff-review")

    item.get_by_label("Unsure").check()
    item.get_by_label("Reason").fill("The link is to the profile, not a post")
    _send(page, "Record answer")
    assert "Recorded: unsure." in page.locator("main").inner_text()
    item = page.locator("[data-review-item]")
    assert item.count() == 1  # it stays for a second analyst, with the doubt beside it
    assert "The link is to the profile, not a post" in item.locator("[data-unsure]").inner_text()
    _checked(analyst, "staff-review-unsure")

    item.get_by_label("Not the same").check()
    item.get_by_label("Reason").fill("A different post by the same account")
    _send(page, "Record answer")
    assert "Recorded: not the same." in page.locator("main").inner_text()
    expect(page.locator("[data-empty]")).to_be_visible()
