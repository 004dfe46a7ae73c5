"""Every page passes axe-core with no serious or critical violation, is screenshotted, and
names and loads nothing from outside the hub.

``OHCH_SCREENSHOTS=1`` also writes each page to ``docs/screens/public-<page>.png`` (the README
shows them); the Welsh pages' screens come from ``test_welsh_pages.py``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from graph.db import Graph
from tests.e2e.web.conftest import REPORT, Visit, fill_report, keep_screen, send

PAGES = [
    "start",
    "accessibility",
    "privacy",
    "report",
    "report-errors",
    "check-answers",
    "confirmation",
    "status",
    "status-error",
    "progress",
]


def _walk(visit: Visit) -> list[str]:
    """Every page, in the states a person meets them; checked as it goes."""
    seen = []

    def checked(name: str) -> None:
        visit.check_accessible(name)
        keep_screen(visit, name)
        _assert_self_contained(visit, name)
        seen.append(name)

    for path, name in (
        ("/", "start"),
        ("/accessibility", "accessibility"),
        ("/privacy", "privacy"),
        ("/report", "report"),
    ):
        visit.go(path)
        checked(name)
    send(visit.page, "Continue")  # nothing answered
    checked("report-errors")
    fill_report(visit.page, REPORT)
    send(visit.page, "Continue")
    checked("check-answers")
    send(visit.page, "Send report")
    checked("confirmation")
    reference = visit.page.locator("#reference").inner_text().strip()
    code = visit.page.locator("#access-code").inner_text().strip()
    visit.go("/status")
    checked("status")
    visit.page.get_by_label("Reference").fill(reference)
    visit.page.get_by_label("Access code").fill("0000-0000-0000")
    send(visit.page, "Check progress")
    checked("status-error")
    visit.page.get_by_label("Access code").fill(code)
    send(visit.page, "Check progress")
    checked("progress")
    return seen


def _assert_self_contained(visit: Visit, name: str) -> None:
    base = urlsplit(visit.base)
    for link in visit.links():
        absolute = urlsplit(urljoin(visit.page.url, link))
        assert (absolute.scheme, absolute.netloc) == (base.scheme, base.netloc), (name, link)


def test_every_page_is_accessible_and_self_contained(visit_for: Any, hub_graph: Graph) -> None:
    visit = visit_for(javascript=True)
    pages = _walk(visit)
    assert pages == PAGES
    # What the browser fetched, not only what the markup names: the hub and nothing else.
    assert visit.requests, "no requests seen"
    outside = [url for url in visit.requests if not url.startswith(visit.base + "/")]
    assert not outside, outside
    fetched = {urlsplit(url).path for url in visit.requests}
    assert {"/assets/govuk-frontend.css", "/assets/govuk-frontend.min.js"} <= fetched
    assert not [path for path in fetched if "/fonts/" in path]  # no GDS Transport
    font = visit.page.evaluate("getComputedStyle(document.querySelector('.govuk-body')).fontFamily")
    assert font.lower().startswith("arial"), font
    assert not [m for m in visit.console if "Content Security Policy" in m], visit.console


def test_the_pages_as_they_are_without_javascript_are_accessible_too(
    visit_for: Any, hub_graph: Graph
) -> None:
    visit = visit_for(page_scripts=False)
    assert len(_walk(visit)) == len(PAGES)
    assert visit.page.evaluate("document.body.className") == "govuk-template__body"
