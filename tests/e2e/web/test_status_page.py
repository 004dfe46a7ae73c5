"""The status page tells nobody which references exist, and stops guessing."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from graph.db import Graph
from pages.status import NOT_MATCHED, TOO_MANY
from services.attempts import LIMIT
from tests.e2e.web.conftest import REPORT, Visit, fill_report, send


def _check(visit: Visit, reference: str, code: str) -> str:
    visit.go("/status")
    visit.page.get_by_label("Reference").fill(reference)
    visit.page.get_by_label("Access code").fill(code)
    send(visit.page, "Check progress")
    return visit.page.locator("h1").inner_text()


def _error(visit: Visit) -> str:
    return visit.page.locator(".govuk-error-summary a").inner_text()


def _a_report(visit: Visit) -> tuple[str, str]:
    visit.go("/report")
    fill_report(visit.page, REPORT)
    send(visit.page, "Continue")
    send(visit.page, "Send report")
    return (
        visit.page.locator("#reference").inner_text().strip(),
        visit.page.locator("#access-code").inner_text().strip(),
    )


def test_a_wrong_code_and_an_unknown_reference_get_the_same_answer(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(javascript=False)
    reference, code = _a_report(visit)
    wrong = "0000-0000-0000" if code != "0000-0000-0000" else "1111-1111-1111"

    assert _check(visit, reference, wrong) == "Check your report"
    wrong_code = (_error(visit), visit.page.locator("#reference-error").inner_text())
    expect(visit.page.get_by_label("Reference")).to_have_value(reference)  # kept as typed
    unknown_reference = reference.rsplit("-", 1)[0] + "-999999"
    assert _check(visit, unknown_reference, code) == "Check your report"
    assert (_error(visit), visit.page.locator("#reference-error").inner_text()) == wrong_code
    assert wrong_code[0] == NOT_MATCHED
    assert _check(visit, reference, code) == "Your report's progress"
    body = visit.page.locator("main").inner_text()
    for private in ("Amara", "amara.okafor", "07911", "WN1", "JSmith88", "go back where"):
        assert private not in body  # the page shows progress, not the report's contents


def test_failed_checks_are_limited_per_reference_known_or_not(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(javascript=False)
    reference, code = _a_report(visit)
    unknown = reference.rsplit("-", 1)[0] + "-888888"
    for typed in (reference, unknown):
        for _ in range(LIMIT):
            _check(visit, typed, "ZZZZ-ZZZZ-ZZZZ")
            assert _error(visit) == NOT_MATCHED
        _check(visit, typed, "ZZZZ-ZZZZ-ZZZZ")
        assert _error(visit) == TOO_MANY
    assert _check(visit, reference, code) == "Check your report"  # even the right code, for now
    assert _error(visit) == TOO_MANY
    other_reference, other_code = _a_report(visit)
    assert _check(visit, other_reference, other_code) == "Your report's progress"
