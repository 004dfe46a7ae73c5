"""The force view, the network view and trends in Chromium, signed in through a real Keycloak:
a force officer sees their force's cases, opens one on the one case page, downloads its
evidence package and records its outcome with its date and a note, and is refused another
force's case; a hub analyst is refused the force view; the network is drawn on a canvas
with JavaScript on and is a table with it off; the trends CSV is exactly the table beside its
chart; axe-core finds no serious or critical violation on any of these pages, and none of them
fetches anything from outside the hub or breaks its content security policy.

``OHCH_SCREENSHOTS=1`` also writes each page to ``docs/screens/``; without it the screenshots
stay in the test's temporary folder.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from graph.db import Graph
from tests.e2e.web.conftest import AXE, REPO, Visit
from tests.factories import referral
from tests.keycloak_provider import TEST_PASSWORD

SCREENS = REPO / "docs" / "screens"
ANALYST_TOKEN = "dev:hub_analyst:e2e-setup"
MANCHESTER, WEST_YORKSHIRE = "E23000005", "E23000010"  # officer.gmp's force, another
CASE_OF = """query($ref: String!) {
  report(sourceRef: $ref) { ... on Report { content { case { id } } } } }"""
REASSIGN = """mutation($c: String!, $f: String!) {
  reassignCase(caseId: $c, toForce: $f, reason: "e2e") { __typename } }"""


@pytest.fixture
def visit_as(browser: Browser, staff_hub: str, tmp_path: Path) -> Iterator[Any]:
    """``visit_as(javascript=True)``: a fresh browser context, noting what it asked for and
    what its console said."""
    opened: list[Visit] = []

    def open_visit(javascript: bool = True) -> Visit:
        context = browser.new_context(java_script_enabled=javascript)
        context.add_init_script(path=str(AXE))
        visit = Visit(context=context, page=context.new_page(), base=staff_hub, shots=tmp_path)
        visit.page.on("request", lambda request: visit.requests.append(request.url))
        visit.page.on("console", lambda m: visit.console.append(f"{m.type}: {m.text}"))
        opened.append(visit)
        return visit

    yield open_visit
    for visit in opened:
        visit.context.close()


def _sign_in(visit: Visit, user: str, path: str) -> None:
    """Open ``path``, sign in at the provider as ``user`` and come back to it (the 403 page
    too: ``Visit.go`` would refuse it)."""
    page = visit.page
    page.goto(visit.base + path)
    page.get_by_label("Username or email").fill(user)
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: url.startswith(visit.base + path.split("?")[0]))
    visit.requests.clear()  # what the provider's pages asked for is the provider's business
    visit.console.clear()
    if "?" in path:  # the sign-in comes back to the page, not to its query
        visit.go(path)


def _checked(visit: Visit, name: str) -> None:
    """No serious or critical axe violation, nothing fetched from elsewhere, no CSP breach;
    the screenshot kept in docs/screens on request."""
    visit.check_accessible(name)
    outside = [u for u in visit.requests if not u.startswith(visit.base)]
    assert not outside, outside
    breaches = [m for m in visit.console if "Content Security Policy" in m]
    assert not breaches, breaches
    if os.environ.get("OHCH_SCREENSHOTS") == "1":
        SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(visit.shots / f"{name}.png", SCREENS / f"{name}.png")


def _gql(visit: Visit, query: str, **variables: Any) -> Any:
    response = visit.context.request.post(
        f"{visit.base}/graphql", data={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {ANALYST_TOKEN}"},
    )  # fmt: skip
    assert response.status == 200, response.text()
    return response.json()["data"]


def _case(visit: Visit, ref: str, post: str, force: str, suspect: str = "@JSmith88") -> str:
    """A referral about x.com/<suspect>/status/<post>, its case assigned to ``force``."""
    payload = referral(source_ref=ref)
    payload["content"][0]["url"] = f"https://x.com/{suspect.strip('@').lower()}/status/{post}"
    payload["suspects"] = [{"platform": "X", "handle": suspect}]
    response = visit.context.request.post(f"{visit.base}/api/v1/referrals", data=payload)
    assert response.status == 201, response.text()
    case_id = str(_gql(visit, CASE_OF, ref=ref)["report"]["content"]["case"]["id"])
    assigned = _gql(visit, REASSIGN, c=case_id, f=force)["reassignCase"]
    assert assigned == {"__typename": "Assignment"}
    return case_id


def _send(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def _rows(page: Page, selector: str) -> list[list[str]]:
    found: list[list[str]] = page.locator(selector).evaluate(
        """table => [...table.querySelectorAll('tr')].map(row =>
             [...row.querySelectorAll('th, td')].map(cell => cell.textContent.trim()))"""
    )
    return found


def test_a_force_officer_sees_their_cases_records_an_outcome_and_is_refused_another_forces(
    visit_as: Any, reference_graph: Graph
) -> None:
    officer = visit_as()
    own = _case(officer, "E2E-GMP-1", "1001", MANCHESTER)
    other = _case(officer, "E2E-WYP-1", "3001", WEST_YORKSHIRE, suspect="@someone_else")
    _sign_in(officer, "officer.gmp", "/staff/force")
    page = officer.page
    expect(page.get_by_role("heading", name="Your force's cases")).to_be_visible()
    listed = page.locator("[data-force-cases] tbody tr")
    assert listed.count() == 1
    assert listed.first.get_attribute("data-case") == own
    assert other not in page.locator("main").inner_text()
    _checked(officer, "staff-force-cases")

    with page.expect_navigation():
        page.get_by_role("link", name=own).click()
    assert page.url.startswith(f"{officer.base}/staff/cases/")  # the one case page
    assert page.locator("[data-case-id]").get_attribute("data-case-id") == own
    assert page.locator("[data-form='decision']").count() == 0  # the hub's forms: not here
    _checked(officer, "staff-force-case")

    with page.expect_download() as download:  # the signed package, for this force
        page.locator("[data-evidence-package]").click()
    assert download.value.suggested_filename.endswith(".zip")

    _send(page, "Record outcome")  # nothing chosen: the error summary names both questions
    summary = page.locator(".govuk-error-summary")
    assert "Select the outcome type" in summary.inner_text()
    assert "Select yes if a suspect is named" in summary.inner_text()
    _checked(officer, "staff-force-case-errors")

    page.get_by_label("Home Office outcome type").select_option("1")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Year").fill("2999")  # the date must not be in the future
    _send(page, "Record outcome")
    assert "Outcome date: Must be today" in page.locator(".govuk-error-summary").inner_text()
    reached = datetime.now(UTC).date()
    page.get_by_label("Day").fill(str(reached.day))
    page.get_by_label("Month").fill(str(reached.month))
    page.get_by_label("Year").fill(str(reached.year))
    page.get_by_label("Note for the hub (optional)").fill("Charged at Wigan magistrates")
    _send(page, "Record outcome")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "The outcome is recorded." in banner
    with reference_graph.driver.session(database=reference_graph.database) as session:
        stored = session.run(
            "MATCH (:Case {id: $id})-[:HAS_OUTCOME]->(o:Outcome) "
            "RETURN o.code AS code, o.force_code AS force, o.note AS note, "
            "toString(o.outcome_on) AS on", id=own,
        ).data()  # fmt: skip
    assert stored == [{"code": "1", "force": MANCHESTER, "note": "Charged at Wigan magistrates",
                       "on": reached.isoformat()}]  # fmt: skip

    response = page.goto(f"{officer.base}/staff/force/cases/{other}")  # the old address
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot see this case")).to_be_visible()
    _checked(officer, "staff-force-case-refused")


def test_a_hub_analyst_gets_a_clear_403_from_the_force_view(
    visit_as: Any, reference_graph: Graph
) -> None:
    analyst = visit_as()
    _sign_in(analyst, "analyst.hub", "/staff/force")
    response = analyst.page.reload()
    assert response is not None
    assert response.status == 403
    expect(
        analyst.page.get_by_role("heading", name="You cannot use the force view")
    ).to_be_visible()
    _checked(analyst, "staff-force-403")


def test_the_network_is_drawn_with_javascript_and_is_a_table_without(
    visit_as: Any, reference_graph: Graph
) -> None:
    analyst = visit_as()
    case_id = _case(analyst, "E2E-NET-1", "1001", MANCHESTER)
    path = f"/staff/network?id={case_id}&kind=CASE"
    _sign_in(analyst, "analyst.hub", path)
    page = analyst.page
    drawing = page.locator("#network-drawing")
    drawing.locator("canvas").first.wait_for(state="visible")
    nodes = _rows(page, "[data-network-nodes]")[1:]
    page.wait_for_function("() => document.querySelector('#network-drawing').dataset.networkDrawn")
    assert drawing.get_attribute("data-network-drawn") == str(len(nodes))
    assert ["Account", "x|jsmith88", "3"] in nodes
    assert any(url.startswith(f"{analyst.base}/staff/network.json?") for url in analyst.requests)
    _checked(analyst, "staff-network")

    plain = visit_as(javascript=False)
    plain.context.add_cookies(analyst.context.cookies())
    plain.go(path)
    assert plain.page.locator("#network-drawing").is_hidden()
    assert plain.page.locator("canvas").count() == 0
    assert _rows(plain.page, "[data-network-nodes]")[1:] == nodes
    assert len(_rows(plain.page, "[data-network-links]")) > 1
    plain.screenshot("staff-network-no-javascript")

    # axe needs JavaScript: the page as it is without its own scripts is what it checks.
    tables_only = visit_as()
    tables_only.context.add_cookies(analyst.context.cookies())
    tables_only.context.route(re.compile(r"/assets/network\.mjs$"), lambda route: route.abort())
    tables_only.go(path)
    assert tables_only.page.locator("#network-drawing").is_hidden()
    _checked(tables_only, "staff-network-tables")


def test_each_trends_chart_has_its_table_and_the_csv_is_exactly_that_table(
    visit_as: Any, reference_graph: Graph
) -> None:
    analyst = visit_as()
    _case(analyst, "E2E-TREND-1", "1001", MANCHESTER)
    _case(analyst, "E2E-TREND-2", "3001", WEST_YORKSHIRE, suspect="@someone_else")
    until = (datetime.now(UTC) + timedelta(days=8)).date().isoformat()
    _sign_in(analyst, "analyst.hub", f"/staff/trends?since=2026-05-25&until={until}")
    page = analyst.page
    for dimension in ("STRAND", "PLATFORM", "FORCE"):
        section = page.locator(f"[data-trend={dimension}]")
        section.locator("[data-trend-chart] canvas").wait_for(state="visible")
        assert section.locator("[data-trend-chart]").get_attribute("data-trend-drawn") == "true"
        table = _rows(page, f"[data-trend-table={dimension}]")
        assert sum(int(row[-1]) for row in table[1:]) == 2, dimension
        href = section.get_by_role("link", name=re.compile("Download this table as CSV"))
        sent = analyst.context.request.get(analyst.base + str(href.get_attribute("href")))
        assert sent.status == 200
        assert list(csv.reader(io.StringIO(sent.text()))) == table
    _checked(analyst, "staff-trends")
