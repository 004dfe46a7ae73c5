"""The hub's web pages in a real browser: Debian's Chromium driven by Playwright.

The hub runs in a uvicorn server on a free loopback port against the test Neo4j; Playwright
never downloads a browser (``OHCH_CHROMIUM`` names one, else Debian's, which
``scripts/ensure-system-deps.sh --tests`` installs). axe-core comes from ``web/node_modules``
(``make assets``), injected into each page by the browser, never fetched.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
    sync_playwright,
)

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from tests.keycloak_provider import KeycloakRealm

REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "web" / "node_modules" / "axe-core" / "axe.min.js"
ASSETS = REPO / "web" / "dist" / "govuk-frontend.css"
BLOCKING_IMPACTS = {"serious", "critical"}


def _chromium() -> str:
    for candidate in (
        os.environ.get("OHCH_CHROMIUM"),
        "/usr/lib/chromium/chromium",  # Debian's binary, without the wrapper script's checks
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail("no Chromium: run scripts/ensure-system-deps.sh --tests (Debian's chromium)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(settings: Settings) -> Iterator[str]:
    """A hub on a free loopback port for the span of the block: its address."""
    if not ASSETS.is_file() or not AXE.is_file():
        pytest.fail("web assets not built: run `make assets` (docs/WEB.md)")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the hub did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def hub_url(neo4j_settings: Settings) -> Iterator[str]:
    """A hub serving its pages on loopback, against the test Neo4j."""
    with served(neo4j_settings) as url:
        yield url


@pytest.fixture(scope="module")
def staff_hub(neo4j_settings: Settings, keycloak_realm: KeycloakRealm) -> Iterator[str]:
    """The hub on a free loopback port, its staff signing in through the test realm."""
    with served(neo4j_settings.model_copy(update={"oidc_issuer": keycloak_realm.issuer})) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=_chromium(), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@dataclass
class Visit:
    """A browser context on the hub, with what it saw: every request and console message."""

    context: BrowserContext
    page: Page
    base: str
    shots: Path
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def go(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None, f"GET {path}: no response"
        assert response.ok, f"GET {path}: {response.status}"

    def screenshot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the page as it is now."""
        result: dict[str, Any] = self.page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return list(result["violations"])

    def check_accessible(self, name: str) -> list[dict[str, Any]]:
        """Screenshot the page and fail on any serious or critical axe violation."""
        self.screenshot(name)
        violations = self.axe()
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        summary = [(v["id"], v["impact"], len(v["nodes"])) for v in violations]
        print(f"axe {name}: {summary or 'no violations'}")
        found = [(v["id"], v["help"], v["nodes"][0]["html"]) for v in blocking]
        assert not blocking, f"{name}: {found}"
        return violations

    def links(self) -> list[str]:
        """Every URL the page's markup names: src, href, action and CSS url()s inline."""
        found: list[str] = self.page.evaluate(
            """() => [...document.querySelectorAll('[src],[href],[action],[formaction]')]
                 .flatMap(el => ['src', 'href', 'action', 'formaction']
                   .map(a => el.getAttribute(a)).filter(v => v !== null))"""
        )
        return found


# How long a step may wait for a page: a case page consults a dozen use cases, and on a shared
# two-core machine under load one took longer than Playwright's default 30 s. A wait, not a
# measurement: no test here asserts how fast anything is.
SLOW_MACHINE_MS = 120_000


@pytest.fixture
def staff_visit(browser: Browser, staff_hub: str, tmp_path: Path) -> Iterator[Any]:
    """``staff_visit()``: a fresh browser context on the staff hub (its own cookies, so its
    own sign-in), patient with a loaded machine."""
    opened: list[Visit] = []

    def open_visit() -> Visit:
        context = browser.new_context()
        context.set_default_timeout(SLOW_MACHINE_MS)
        context.add_init_script(path=str(AXE))
        visit = Visit(context=context, page=context.new_page(), base=staff_hub, shots=tmp_path)
        opened.append(visit)
        return visit

    yield open_visit
    for visit in opened:
        visit.context.close()


@pytest.fixture
def visit_for(browser: Browser, hub_url: str, tmp_path: Path) -> Iterator[Any]:
    """``visit_for(javascript=...)``: a fresh browser context (its own cookies).

    ``javascript=False`` turns JavaScript off in the browser, as a person may. axe-core needs
    JavaScript to run, so ``page_scripts=False`` instead keeps it on but refuses every script the
    pages ask for: the pages render as they do without JavaScript, and axe can check them.
    """
    opened: list[Visit] = []

    def open_visit(javascript: bool = True, page_scripts: bool = True) -> Visit:
        context = browser.new_context(java_script_enabled=javascript)
        context.set_default_timeout(SLOW_MACHINE_MS)  # sending a report writes to Neo4j
        if not page_scripts:
            context.route(re.compile(r"\.m?js(\?.*)?$"), lambda route: route.abort())
        context.add_init_script(path=str(AXE))  # injected by the browser, not fetched by the page
        page = context.new_page()
        visit = Visit(context=context, page=page, base=hub_url, shots=tmp_path)
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("console", lambda message: _note(visit, message))
        opened.append(visit)
        return visit

    yield open_visit
    for visit in opened:
        visit.context.close()
    print(f"screenshots in {tmp_path}")


SCREENS = REPO / "docs" / "screens"


def keep_screen(visit: Visit, name: str) -> None:
    """With ``OHCH_SCREENSHOTS=1``, a public page's screenshot (``Visit.screenshot(name)``)
    copied to ``docs/screens/public-<name>.png`` for the README; otherwise it stays in the
    test's temporary folder, so CI rewrites nothing."""
    if os.environ.get("OHCH_SCREENSHOTS") == "1":
        SCREENS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(visit.shots / f"{name}.png", SCREENS / f"public-{name}.png")


def _note(visit: Visit, message: ConsoleMessage) -> None:
    visit.console.append(f"{message.type}: {message.text}")


@pytest.fixture
def hub_graph(reference_graph: Graph) -> Graph:
    """The test database emptied, with the forces and postcode districts (what the form's
    postcodes are routed by)."""
    return reference_graph


REPORT = {
    "role": "It was aimed at me",
    "description": "A reply to my post told me to go back where I came from.",
    "platform": "X",
    "url": "https://x.com/jsmith88/status/1796512345678901234",
    "content_text": "go back where you came from",
    "when": ("31", "5", "2026"),
    "strands": ("Race or ethnicity",),
    "handle": "@JSmith88",
    "contact": True,
    "name": "Amara Okafor",
    "email": "amara.okafor@example.org",
    "phone": "07911 123456",
    "postcode": "WN1 1AA",
}
REFERENCE = re.compile(r"^OHCH-\d{4}-\d+$")
ACCESS_CODE = re.compile(r"^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def fill_report(page: Page, answers: dict[str, Any]) -> None:
    """Answer the report form as a person would, by the questions' labels."""
    if "role" in answers:
        page.get_by_label(answers["role"], exact=True).check()
    page.get_by_label("What happened?").fill(answers.get("description", ""))
    if answers.get("platform"):
        page.get_by_label("Website or app").select_option(label=answers["platform"])
    page.get_by_label("Link to it").fill(answers.get("url", ""))
    page.get_by_label("What it said (optional if you gave a link)").fill(
        answers.get("content_text", "")
    )
    day, month, year = answers.get("when", ("", "", ""))
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)
    for strand in answers.get("strands", ()):
        page.get_by_label(strand, exact=True).check()
    page.get_by_label("Who posted it? (optional)").fill(answers.get("handle", ""))
    if "contact" in answers:
        page.locator("#contact" if answers["contact"] else "#contact-2").check()
    if answers.get("contact"):
        page.get_by_label("Your name (optional)").fill(answers.get("name", ""))
        page.get_by_label("Email address").fill(answers.get("email", ""))
        page.get_by_label("Phone number").fill(answers.get("phone", ""))
    page.get_by_label("Your postcode (optional)").fill(answers.get("postcode", ""))


def send(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def send_filled_report(visit: Visit) -> tuple[str, str]:
    """From the filled form: Continue, the check page, Send report; the reference and access
    code the confirmation shows, checked for their shape."""
    send(visit.page, "Continue")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before sending your report"
    )
    send(visit.page, "Send report")
    expect(visit.page.get_by_role("heading", level=1)).to_have_text("Report sent")
    reference = visit.page.locator("#reference").inner_text().strip()
    code = visit.page.locator("#access-code").inner_text().strip()
    assert REFERENCE.match(reference), reference
    assert ACCESS_CODE.match(code), code
    return reference, code


def report_count(graph: Graph) -> int:
    with graph.driver.session(database=graph.database) as session:
        record = session.run("MATCH (r:Report) RETURN count(r) AS n").single()
    assert record is not None
    count: int = record["n"]
    return count
