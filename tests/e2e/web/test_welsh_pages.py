"""A person reports online hate in Welsh, with JavaScript off: the language toggle, the form
in Welsh, the Welsh error summary for a bad answer, the confirmation, and the status page's
timeline in Welsh with Welsh dates and the Welsh name of a force of Wales; the choice is
remembered across pages until English is chosen. The Welsh pages pass axe-core too."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import Page, expect

from graph.cases.store import assign_case
from graph.db import Graph
from tests.e2e.web.conftest import ACCESS_CODE, REFERENCE, Visit, keep_screen, send

WELSH_MONTH = (
    r"(Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr)"
)
WELSH_DATE = rf"\d{{1,2}} {WELSH_MONTH} \d{{4}}"
ADRODDIAD = {  # a report from Cardiff, answered by the Welsh labels
    "role": "Roedd wedi'i anelu ataf i",
    "description": "Roedd ateb i fy neges yn dweud wrtha i am fynd yn ôl i ble des i.",
    "platform": "Facebook",
    "url": "https://www.facebook.com/someone/posts/123456789",
    "strands": ("Hil neu ethnigrwydd",),
    "email": "cymraes@example.org",
    "postcode": "CF10 1EP",
}


def _fill_in_welsh(page: Page, answers: dict[str, Any]) -> None:
    if "role" in answers:
        page.get_by_label(answers["role"], exact=True).check()
    page.get_by_label("Beth ddigwyddodd?").fill(answers.get("description", ""))
    page.get_by_label("Gwefan neu ap").select_option(label=answers["platform"])
    page.get_by_label("Dolen iddo").fill(answers.get("url", ""))
    for strand in answers.get("strands", ()):
        page.get_by_label(strand, exact=True).check()
    page.get_by_label("Cewch", exact=True).check()
    page.get_by_label("Cyfeiriad e-bost").fill(answers.get("email", ""))
    page.get_by_label("Eich cod post (dewisol)").fill(answers.get("postcode", ""))


def _progress_in_welsh(visit: Visit, reference: str, code: str) -> str:
    visit.go("/status")  # no ?lang: the cookie remembers Welsh
    expect(visit.page.locator("html")).to_have_attribute("lang", "cy")
    visit.page.get_by_label("Cyfeirnod").fill(reference)
    visit.page.get_by_label("Cod mynediad").fill(code)
    send(visit.page, "Gwirio'r cynnydd")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Cynnydd eich adroddiad")
    return visit.page.locator("#progress").inner_text()


def _case_of(graph: Graph, reference: str) -> tuple[str, dict[str, Any]]:
    with graph.driver.session(database=graph.database) as session:
        record = session.run(
            "MATCH (r:Report {reference: $reference}) "
            "MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id}) "
            "RETURN k.id AS case_id, r.raw_payload AS raw",
            reference=reference,
        ).single()
    assert record is not None, reference
    return record["case_id"], json.loads(record["raw"])


def test_a_report_made_and_followed_in_welsh_without_javascript(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(javascript=False)
    page = visit.page
    visit.go("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Cymraeg").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rhoi gwybod am gasineb ar-lein")
    expect(page.locator("#language-toggle [aria-current=true]")).to_have_text("Cymraeg")
    page.get_by_role("button", name="Dechrau nawr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dywedwch wrthym am y casineb ar-lein"
    )

    # A bad link, no role, no reason, and contact without a way to contact.
    wrong = {**ADRODDIAD, "url": "facebook dot com", "strands": (), "email": ""}
    del wrong["role"]
    _fill_in_welsh(page, wrong)
    send(page, "Parhau")
    assert page.title().startswith("Gwall: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary.locator("h2")).to_have_text("Mae problem wedi codi")
    expected = [
        ("#role", "Dewiswch ym mha rôl rydych yn rhoi gwybod"),
        ("#url", "Rhowch y ddolen yn y fformat cywir, fel https://www.example.com/post/123"),
        ("#strands", "Dewiswch pam rydych yn meddwl ei fod yn elyniaethus"),
        ("#email", "Rhowch gyfeiriad e-bost neu rif ffôn er mwyn i ni allu cysylltu â chi"),
    ]
    found = [(a.get_attribute("href"), a.inner_text()) for a in summary.locator("a").all()]
    assert found == expected
    for href, message in expected:
        inline = page.locator(f".govuk-form-group--error:has({href}) .govuk-error-message")
        expect(inline).to_have_text(f"Gwall: {message}")  # the hidden prefix in Welsh too
    expect(page.get_by_label("Dolen iddo")).to_have_value("facebook dot com")  # kept as typed
    visit.screenshot("report-errors-cy-no-js")

    _fill_in_welsh(page, ADRODDIAD)
    send(page, "Parhau")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gwiriwch eich atebion cyn anfon eich adroddiad"
    )
    expect(page.locator("#language-toggle")).to_have_count(0)  # a link would lose the answers
    change = page.get_by_role("button", name=re.compile(r"^Newid"))
    expect(change).to_have_count(len(page.locator(".govuk-summary-list__row").all()))
    visit.screenshot("check-answers-cy-no-js")
    send(page, "Anfon adroddiad")
    expect(page.get_by_role("heading", level=1)).to_have_text("Adroddiad wedi'i anfon")
    expect(page.locator(".govuk-panel__body")).to_contain_text("Eich cyfeirnod yw")
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#access-code").inner_text().strip()
    assert REFERENCE.match(reference), reference
    assert ACCESS_CODE.match(code), code
    assert page.locator("#language-toggle").count() == 0  # the code is shown once: no way off

    case_id, sent = _case_of(hub_graph, reference)
    assert sent["reporter"]["role"] == "victim"  # the contract's words, whatever the page's
    assert sent["incident"]["strands"] == ["race"]

    wrong_code = _progress_attempt(visit, reference, "0000-0000-0000")
    assert wrong_code.startswith("Nid oeddem yn gallu dod o hyd i adroddiad")

    progress = _progress_in_welsh(visit, reference, code)
    assert re.search(rf"Daeth eich adroddiad i law ar {WELSH_DATE}\.", progress), progress
    assert "Nid yw swyddogion yr hyb wedi gorffen asesu eich adroddiad eto." in progress
    assert "Nid ydym wedi trosglwyddo eich adroddiad i heddlu lleol eto." in progress

    assign_case(hub_graph, case_id, by="analyst.hub")
    progress = _progress_in_welsh(visit, reference, code)
    passed = rf"Rydym wedi trosglwyddo eich adroddiad i Heddlu De Cymru ar {WELSH_DATE}\."
    assert re.search(passed, progress), progress
    visit.screenshot("progress-cy-no-js")

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    visit.go("/report")  # remembered now in English
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about the online hate")
    assert page.evaluate("document.body.className") == "govuk-template__body"  # no JS ran


def _progress_attempt(visit: Visit, reference: str, code: str) -> str:
    visit.go("/status")
    visit.page.get_by_label("Cyfeirnod").fill(reference)
    visit.page.get_by_label("Cod mynediad").fill(code)
    send(visit.page, "Gwirio'r cynnydd")
    expect(visit.page.locator(".govuk-error-summary h2")).to_have_text("Mae problem wedi codi")
    return visit.page.locator(".govuk-error-summary a").inner_text()


def test_the_welsh_pages_are_accessible(visit_for: Any, hub_graph: Graph) -> None:
    visit = visit_for(javascript=True)
    page = visit.page
    visit.go("/?lang=cy")
    visit.check_accessible("start-cy")
    keep_screen(visit, "start-cy")
    visit.go("/report")
    send(page, "Parhau")  # nothing answered: every question's problem, in Welsh
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    visit.check_accessible("report-errors-cy")
    keep_screen(visit, "report-errors-cy")
    _fill_in_welsh(page, ADRODDIAD)
    send(page, "Parhau")
    visit.check_accessible("check-answers-cy")
    keep_screen(visit, "check-answers-cy")
    send(page, "Anfon adroddiad")
    visit.check_accessible("confirmation-cy")
    reference = page.locator("#reference").inner_text().strip()
    code = page.locator("#access-code").inner_text().strip()
    _progress_in_welsh(visit, reference, code)
    visit.check_accessible("progress-cy")
    keep_screen(visit, "progress-cy")
