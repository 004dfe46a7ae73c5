"""The hub's whole path in Chromium, as its people walk it (issue #24's scenario): a victim
reports a post through the public form; a second person reports the same post and it joins
the same content; an analyst signs in through the real Keycloak, finds the case, records the
decision and assigns it; the force's officer sees it in the force view; and the victim's
status page says which force has it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from graph.db import Graph
from tests.e2e.web.conftest import REPORT, Visit, fill_report, send, send_filled_report
from tests.keycloak_provider import TEST_PASSWORD

MANCHESTER = "E23000005"  # the victim's postcode (WN1) and officer.gmp's force
WITNESS = REPORT | {
    "role": "I saw it, but it was not aimed at me",
    "name": "Sam Reid",
    "email": "sam.reid@example.org",
    "phone": "07700 900123",
    "postcode": "M1 1AE",
    # the same post, as a phone shares it
    "url": "https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=20",
}


def _reported(visit: Visit, answers: dict[str, Any]) -> tuple[str, str]:
    visit.go("/report")
    fill_report(visit.page, answers)
    return send_filled_report(visit)


def _sign_in(page: Page, base: str, user: str, path: str) -> None:
    page.goto(base + path)
    page.get_by_label("Username or email").fill(user)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(base + path)


def _content_of(graph: Graph, reference: str) -> str:
    with graph.driver.session(database=graph.database) as session:
        record = session.run(
            "MATCH (r:Report {reference: $reference}) RETURN r.cluster_id AS cluster",
            reference=reference,
        ).single()
    assert record is not None, reference
    return str(record["cluster"])


def test_a_report_goes_from_the_form_to_the_force_and_back_to_the_victim(
    staff_visit: Any, reference_graph: Graph
) -> None:
    public = staff_visit()
    victim_reference, victim_code = _reported(public, REPORT)
    witness_reference, _ = _reported(staff_visit(), WITNESS)
    assert _content_of(reference_graph, witness_reference) == _content_of(
        reference_graph, victim_reference
    )  # one post, however it was linked

    analyst = staff_visit()
    page = analyst.page
    _sign_in(page, analyst.base, "analyst.hub", "/staff/search")
    page.get_by_label("Reference, handle, link or name").fill(victim_reference)
    send(page, "Search")
    with page.expect_navigation():
        page.locator("[data-results] a").first.click()
    reports = page.locator("[data-reports]").inner_text()
    assert victim_reference in reports
    assert witness_reference in reports  # the second reporter is kept with the case
    page.get_by_label("Crime", exact=True).check()
    page.locator("#decision-reason").fill("Abuse aimed at the victim's race")
    send(page, "Record decision")
    assert "The assessment decision is recorded." in page.locator("main").inner_text()
    page.get_by_label("Assign or reassign to a force").select_option(value="rules")
    send(page, "Assign case")
    assert "The case is assigned." in page.locator("main").inner_text()
    assert MANCHESTER in page.locator("[data-lead-force]").inner_text()
    case_id = page.locator("[data-case-id]").get_attribute("data-case-id")
    assert case_id

    officer = staff_visit()
    _sign_in(officer.page, officer.base, "officer.gmp", "/staff/force")
    listed = officer.page.locator("[data-force-cases] tbody tr")
    assert case_id in [listed.nth(i).get_attribute("data-case") for i in range(listed.count())]
    with officer.page.expect_navigation():
        officer.page.locator(f"[data-force-cases] tr[data-case='{case_id}'] a").first.click()
    assert officer.page.locator("[data-case-id]").get_attribute("data-case-id") == case_id
    expect(officer.page.get_by_role("heading", name="Record the outcome")).to_be_visible()

    public.go("/status")
    public.page.get_by_label("Reference").fill(victim_reference)
    public.page.get_by_label("Access code").fill(victim_code)
    send(public.page, "Check progress")
    progress = public.page.locator("#progress").inner_text()
    assert "Hub officers assessed your report on" in progress
    assert "We passed your report to Greater Manchester Police on" in progress
