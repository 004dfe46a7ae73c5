"""A person reports online hate through the form, with JavaScript off and on, and checks its
progress with the reference and access code; the report is the same as the API's intake makes."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import expect

from graph.cases.store import assign_case
from graph.db import Graph
from graph.settings import Settings
from tests.e2e.web.conftest import (
    REPORT,
    Visit,
    fill_report,
    report_count,
    send,
    send_filled_report,
)

WIGAN_FORCE = "Greater Manchester Police"


def _report_in_graph(graph: Graph, reference: str) -> dict[str, Any]:
    with graph.driver.session(database=graph.database) as session:
        record = session.run(
            "MATCH (r:Report {reference: $reference}) "
            "OPTIONAL MATCH (k:Case)-[:CONCERNS]->(:ContentCluster {id: r.cluster_id}) "
            "RETURN r.source AS source, r.source_ref AS source_ref, r.raw_payload AS raw, "
            "r.strands AS strands, k.id AS case_id",
            reference=reference,
        ).single()
    assert record is not None, f"{reference} is not in the graph"
    return record.data()


def _reported(visit: Visit, answers: dict[str, Any]) -> tuple[str, str]:
    """Start on the start page, fill the form, send it; the reference and code shown."""
    visit.go("/")
    visit.page.get_by_role("button", name="Start now").click()
    expect(visit.page).to_have_url(visit.base + "/report")
    fill_report(visit.page, answers)
    return send_filled_report(visit)


def _progress(visit: Visit, reference: str, code: str) -> str:
    visit.go("/status")
    visit.page.get_by_label("Reference").fill(reference)
    visit.page.get_by_label("Access code").fill(code)
    send(visit.page, "Check progress")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Your report's progress")
    return visit.page.locator("#progress").inner_text()


def test_a_report_without_javascript_reaches_intake_and_its_progress_shows(
    visit_for: Any, hub_graph: Graph, neo4j_settings: Settings
) -> None:
    visit = visit_for(javascript=False)
    audit_log = neo4j_settings.audit_log
    logged_before = len(audit_log.read_text().splitlines()) if audit_log.exists() else 0
    reference, code = _reported(visit, REPORT)
    visit.screenshot("confirmation-no-js")
    assert visit.page.evaluate("document.body.className") == "govuk-template__body"  # no JS ran

    stored = _report_in_graph(hub_graph, reference)
    assert stored["source"] == neo4j_settings.intake_public_source  # set by the server
    payload = json.loads(stored["raw"])
    assert payload["source_ref"] == stored["source_ref"]
    assert payload["reporter"] == {
        "role": "victim", "consent_to_contact": True, "name": "Amara Okafor",
        "email": "amara.okafor@example.org", "phone": "07911 123456", "postcode": "WN1 1AA",
    }  # fmt: skip
    assert payload["incident"]["occurred_at"] == "2026-05-31T00:00:00+01:00"
    assert payload["content"] == [
        {
            "platform": "X",
            "url": "https://x.com/jsmith88/status/1796512345678901234",
            "text": "go back where you came from",
        }
    ]
    assert payload["suspects"] == [{"platform": "X", "handle": "@JSmith88"}]
    assert stored["strands"] == ["race"]

    logged = [json.loads(line) for line in audit_log.read_text().splitlines()[logged_before:]]
    assert [
        (r["operation"], r["endpoint"], r["role"], r["accessed"][0]["ids"]) for r in logged
    ] == [("collection", "web:POST /report", "public", [reference])]

    progress = _progress(visit, reference, code)
    assert "We received your report on" in progress
    assert "have not finished assessing" in progress
    assert "have not passed your report to a local police force yet" in progress

    assign_case(hub_graph, stored["case_id"], by="analyst.hub")
    progress = _progress(visit, reference, code.lower().replace("-", " "))  # as people type it
    assert f"We passed your report to {WIGAN_FORCE} on" in progress
    visit.screenshot("progress-assigned")
    assert not [m for m in visit.console if "Content Security Policy" in m], visit.console


def test_a_report_with_javascript_uses_the_enhancements_and_the_same_intake(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(javascript=True)
    visit.go("/report")
    classes = visit.page.evaluate("document.body.className")
    assert "js-enabled" in classes
    assert "govuk-frontend-supported" in classes
    # GOV.UK Frontend's components started (from /assets/init.mjs, under the pages' CSP).
    expect(visit.page.locator(".govuk-button[data-govuk-button-init]")).to_have_count(1)
    send(visit.page, "Continue")  # nothing answered: the error summary takes the focus
    summary = visit.page.locator(".govuk-error-summary")
    expect(summary).to_have_attribute("data-govuk-error-summary-init", "")
    expect(summary).to_be_focused()

    answers = {**REPORT, "role": "I saw it, but it was not aimed at me", "contact": False}
    answers["strands"] = ("Religion or belief", "Disability")
    reference, code = _reported(visit, answers)
    stored = _report_in_graph(hub_graph, reference)
    payload = json.loads(stored["raw"])
    assert payload["reporter"] == {
        "role": "witness", "consent_to_contact": False, "postcode": "WN1 1AA",
    }  # fmt: skip
    assert stored["strands"] == ["religion", "disability"]
    assert "We received your report on" in _progress(visit, reference, code)
    # The browser notes the 400 of the page with errors; anything else would be a script error.
    errors = [m for m in visit.console if m.startswith("error")]
    assert errors == [
        "error: Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ], visit.console


def test_sending_the_same_form_twice_makes_one_report(visit_for: Any, hub_graph: Graph) -> None:
    """A double click, or a browser retrying the POST, sends the same form again."""
    visit = visit_for(javascript=False)
    visit.go("/report")
    fill_report(visit.page, REPORT)
    send(visit.page, "Continue")
    sent = visit.page.evaluate(
        "() => Object.fromEntries(new FormData(document.getElementById('check-answers')))"
    )
    send(visit.page, "Send report")
    reference = visit.page.locator("#reference").inner_text().strip()
    again = visit.context.request.post(visit.base + "/report", form=sent)
    assert again.status == 200
    visit.page.set_content(again.text())
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("We already have your report")
    assert visit.page.locator("#reference").inner_text() == reference
    assert visit.page.locator("#access-code").count() == 0
    assert report_count(hub_graph) == 1


def test_an_invalid_report_names_every_problem_and_keeps_what_was_typed(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(javascript=False)
    visit.go("/report")
    typed = {
        "description": "Someone keeps posting about my wheelchair.",
        "platform": "Facebook",
        "url": "facebook dot com slash something",
        "when": ("31", "2", "2026"),
        "handle": "@someone",
        "contact": True,
        "name": "Sam",
        "postcode": "M1 1AE",
    }
    fill_report(visit.page, typed)
    send(visit.page, "Continue")

    page = visit.page
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    problems = summary.locator("a")
    expected = [
        ("#role", "Select who you are reporting as"),
        ("#url", "Enter the link in the correct format, like https://www.example.com/post/123"),
        ("#when-day", "The date it happened must be a real date"),
        ("#strands", "Select why you think it was hostile"),
        ("#email", "Enter an email address or a phone number so we can contact you"),
    ]
    assert [(a.get_attribute("href"), a.inner_text()) for a in problems.all()] == expected
    for href, message in expected:
        assert page.locator(href).count() == 1, href  # each link goes to its question
        field = page.locator(f".govuk-form-group--error:has({href})")
        expect(field.locator(".govuk-error-message")).to_contain_text(message)

    expect(page.get_by_label("What happened?")).to_have_value(typed["description"])
    expect(page.get_by_label("Website or app")).to_have_value("facebook")
    expect(page.get_by_label("Link to it")).to_have_value(typed["url"])
    expect(page.get_by_label("Day")).to_have_value("31")
    expect(page.get_by_label("Month")).to_have_value("2")
    expect(page.get_by_label("Year")).to_have_value("2026")
    expect(page.get_by_label("Who posted it? (optional)")).to_have_value("@someone")
    expect(page.locator("#contact")).to_be_checked()
    expect(page.get_by_label("Your name (optional)")).to_have_value("Sam")
    expect(page.get_by_label("Your postcode (optional)")).to_have_value("M1 1AE")
    visit.screenshot("report-errors")

    # Put right, the same form goes through, and nothing was written before.
    assert report_count(hub_graph) == 0
    page.get_by_label("It was aimed at me", exact=True).check()
    page.get_by_label("Link to it").fill("https://www.facebook.com/someone/posts/123456789")
    page.get_by_label("Day").fill("28")
    page.get_by_label("Disability", exact=True).check()
    page.get_by_label("Email address").fill("sam@example.org")
    send(page, "Continue")
    send(page, "Send report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")


def test_a_form_not_served_by_the_hub_is_refused(visit_for: Any, hub_graph: Graph) -> None:
    visit = visit_for(javascript=True)
    visit.go("/report")
    token = visit.page.locator("input[name=form_token]").get_attribute("value")
    csrf = visit.page.locator("input[name=csrf_token]").get_attribute("value")
    fields = {"csrf_token": csrf or "", "form_token": token or "", "description": "x"}
    # Another site's form: the browser sends no SameSite=Strict cookie, so the field is orphaned.
    foreign = visit.context.request
    visit.context.clear_cookies()
    refused = foreign.post(visit.base + "/report", form=fields)
    assert refused.status == 400
    assert "This page has expired" in refused.text()
    assert report_count(hub_graph) == 0


def test_the_answers_are_checked_changed_and_sent_once_without_javascript(
    visit_for: Any, hub_graph: Graph
) -> None:
    """GOV.UK's check-answers page: "Change" goes back to that question with every answer
    kept, and only "Send report" sends the report."""
    visit = visit_for(javascript=False)
    page = visit.page
    visit.go("/report")
    fill_report(page, REPORT)
    send(page, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your report"
    )
    rows = page.locator(".govuk-summary-list__row")
    expect(rows.filter(has_text="What happened")).to_contain_text(REPORT["description"])
    expect(rows.filter(has_text="Why it was hostile")).to_contain_text("Race or ethnicity")
    expect(rows.filter(has_text="When it was posted or sent")).to_contain_text("31 May 2026")
    expect(rows.filter(has_text="Email address")).to_contain_text(REPORT["email"])
    visit.screenshot("check-answers-no-js")
    assert report_count(hub_graph) == 0  # nothing sent yet

    send(page, "Change What happened")
    assert page.evaluate("location.hash") == "#description"  # at that question
    assert "amara" not in page.url.lower()  # the answers came in the body, not the address
    expect(page.get_by_label("What happened?")).to_have_value(REPORT["description"])
    expect(page.get_by_label("Link to it")).to_have_value(REPORT["url"])
    expect(page.get_by_label("Day")).to_have_value("31")
    expect(page.get_by_label("Race or ethnicity", exact=True)).to_be_checked()
    expect(page.locator("#contact")).to_be_checked()
    expect(page.get_by_label("Phone number")).to_have_value(REPORT["phone"])
    expect(page.get_by_label("Your postcode (optional)")).to_have_value(REPORT["postcode"])
    changed = "A reply to my post told me to go back where I came from, twice."
    page.get_by_label("What happened?").fill(changed)
    send(page, "Continue")
    expect(rows.filter(has_text="What happened")).to_contain_text(changed)
    send(page, "Send report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report sent")
    reference = page.locator("#reference").inner_text().strip()
    assert report_count(hub_graph) == 1
    stored = _report_in_graph(hub_graph, reference)
    assert json.loads(stored["raw"])["incident"]["description"] == changed
