"""The report form's check-answers page without a browser (GOV.UK's "Check answers" pattern):
the form's "Continue" lists the answers and sends nothing; "Change" gives the form back with
every answer kept; "Send report" checks the answers again and makes one referral; a hidden
field changed on the way is refused beside its question, and nothing is sent."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient
from httpx2 import Response

from graph.db import Graph

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
ANSWERS = {
    "role": "victim",
    "description": "A post calling for attacks on my mosque.\nIt has been shared 200 times.",
    "platform": "facebook",
    "url": "https://www.facebook.com/someone/posts/123456789",
    "content_text": "",
    "when-day": "3",
    "when-month": "11",
    "when-year": "2026",
    "handle": "@someone",
    "contact": "yes",
    "name": "Amina Khan",
    "email": "amina@example.org",
    "phone": "",
    "postcode": "CF10 1AA",
}


def _reports(graph: Graph) -> int:
    with graph.driver.session(database=graph.database) as session:
        record = session.run("MATCH (r:Report) RETURN count(r) AS n").single()
    assert record is not None
    return int(record["n"])


def _post(client: TestClient, path: str, pairs: list[tuple[str, str]]) -> Response:
    """A form's fields, a name given more than once (the strands) sent more than once."""
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return client.post(path, data=data)


def _hidden(page: str) -> list[tuple[str, str]]:
    return [(name, html.unescape(value)) for name, value in HIDDEN.findall(page)]


def _form_tokens(client: TestClient) -> dict[str, str]:
    fields = dict(_hidden(client.get("/report").text))
    return {"csrf_token": fields["csrf_token"], "form_token": fields["form_token"]}


def _check(client: TestClient, answers: dict[str, str], strands: list[str]) -> Response:
    """The form posted ("Continue") with these answers."""
    pairs = [*(_form_tokens(client) | answers).items(), *(("strands", s) for s in strands)]
    return _post(client, "/report/check", pairs)


def _checked(client: TestClient, answers: dict[str, str], strands: list[str]) -> str:
    """The check-answers page for these answers."""
    page = _check(client, answers, strands)
    assert page.status_code == 200, page.text
    assert "Check your answers before sending your report" in page.text
    return page.text


def _row(page: str, name: str) -> str:
    found = re.search(rf'id="answer-{name}">(.*?)</dd>', page, re.S)
    assert found, name
    return html.unescape(found.group(1))


def test_the_check_page_lists_every_answer_and_sends_nothing(
    client: TestClient, reference_graph: Graph
) -> None:
    page = _checked(client, ANSWERS, ["religion", "race"])
    assert _row(page, "role") == "It was aimed at me"
    assert _row(page, "description") == (
        "A post calling for attacks on my mosque.<br>It has been shared 200 times."
    )
    assert _row(page, "platform") == "Facebook"
    assert _row(page, "url") == ANSWERS["url"]
    assert _row(page, "content_text") == "Not given"
    assert _row(page, "when-day") == "3 November 2026"
    assert _row(page, "strands") == "Race or ethnicity<br>Religion or belief"
    assert _row(page, "handle") == "@someone"
    assert _row(page, "contact") == "Yes"
    assert _row(page, "name") == "Amina Khan"
    assert _row(page, "email") == "amina@example.org"
    assert _row(page, "phone") == "Not given"
    assert _row(page, "postcode") == "CF10 1AA"
    # One "Change" a question, each back to the form at that question; the answers only in
    # the page's form, and none of them in an address.
    changes = re.findall(r'formaction="(/report/change#[\w-]+)"', page)
    assert len(changes) == 13
    assert "/report/change#description" in changes
    assert "/report/change#when" in changes
    assert 'action="/report"' in page
    carried = dict(_hidden(page))
    assert carried["description"] == ANSWERS["description"]
    assert [v for n, v in _hidden(page) if n == "strands"] == ["religion", "race"]
    assert "amina" not in " ".join(re.findall(r'(?:href|action|formaction)="([^"]*)"', page))
    assert _reports(reference_graph) == 0


def test_contact_details_are_not_listed_when_we_may_not_contact(client: TestClient) -> None:
    page = _checked(client, ANSWERS | {"contact": "no"}, ["race"])
    assert _row(page, "contact") == "No"
    assert 'id="answer-email"' not in page
    assert 'id="answer-name"' not in page


def test_the_form_problems_are_shown_on_the_form_not_the_check_page(
    client: TestClient, reference_graph: Graph
) -> None:
    data = _form_tokens(client) | ANSWERS | {"description": ""}
    page = client.post("/report/check", data=data)
    assert page.status_code == 400
    assert "There is a problem" in page.text
    assert 'href="#description"' in page.text
    assert "Enter what happened" in page.text
    assert 'action="/report/check"' in page.text
    assert "Check your answers" not in page.text
    assert _reports(reference_graph) == 0


def test_change_gives_the_form_back_with_every_answer_kept(
    client: TestClient, reference_graph: Graph
) -> None:
    carried = _hidden(_checked(client, ANSWERS, ["religion", "disability"]))
    form = _post(client, "/report/change", carried)
    assert form.status_code == 200
    text = form.text
    assert "Tell us about the online hate" in text
    assert "There is a problem" not in text
    assert 'id="description" name="description" rows="6"' in text
    assert "A post calling for attacks on my mosque.\nIt has been shared 200 times." in (
        html.unescape(text)
    )
    for name in ("url", "handle", "name", "email", "postcode", "when-day", "when-year"):
        assert re.search(rf'id="{name}" name="{name}"[^>]*value="{re.escape(ANSWERS[name])}"',
                         html.unescape(text)), name  # fmt: skip
    assert re.search(r'value="victim" checked', text)
    assert re.search(r'value="yes" checked', text)
    assert re.search(r'<option value="facebook" selected', text)
    assert re.search(r'value="religion" checked', text)
    assert re.search(r'value="disability" checked', text)
    assert not re.search(r'value="race" checked', text)
    # The same form: its token (the referral's source_ref) goes round with it.
    assert dict(_hidden(text))["form_token"] == dict(carried)["form_token"]
    # The language toggle goes to the form's address, not the one the answers came to.
    assert 'href="/report?lang=cy"' in text
    assert _reports(reference_graph) == 0


def test_send_report_makes_exactly_one_referral(client: TestClient, reference_graph: Graph) -> None:
    carried = _hidden(_checked(client, ANSWERS, ["religion"]))
    sent = _post(client, "/report", carried)
    assert sent.status_code == 200, sent.text
    assert "Report sent" in sent.text
    assert re.search(r'id="access-code">[A-Z0-9-]+<', sent.text)
    assert _reports(reference_graph) == 1
    again = _post(client, "/report", carried)  # a second press, or the browser retrying
    assert "We already have your report" in again.text
    assert 'id="access-code"' not in again.text
    assert _reports(reference_graph) == 1


def test_a_hidden_field_changed_on_the_way_is_checked_again_and_refused(
    client: TestClient, reference_graph: Graph
) -> None:
    carried = _hidden(_checked(client, ANSWERS, ["religion"]))
    tampered = [(n, "javascript:alert(1)" if n == "url" else v) for n, v in carried]
    tampered = [(n, "spy" if n == "role" else v) for n, v in tampered]
    refused = _post(client, "/report", tampered)
    assert refused.status_code == 400
    assert "There is a problem" in refused.text
    summary = refused.text[refused.text.index("govuk-error-summary") :]
    assert 'href="#role"' in summary
    assert "Select who you are reporting as" in summary
    assert 'href="#url"' in summary
    assert "Enter the link in the correct format" in summary
    assert _reports(reference_graph) == 0
    strands = [(n, "not-a-strand" if n == "strands" else v) for n, v in carried]
    refused = _post(client, "/report", strands)
    assert refused.status_code == 400
    assert "Select why you think it was hostile" in refused.text
    assert _reports(reference_graph) == 0


def test_the_check_page_needs_the_form_s_csrf_field_and_token(client: TestClient) -> None:
    carried = _hidden(_checked(client, ANSWERS, ["religion"]))
    no_csrf = [(n, v) for n, v in carried if n != "csrf_token"]
    for path in ("/report/check", "/report/change", "/report"):
        refused = _post(client, path, no_csrf)
        assert refused.status_code == 400
        assert "This page has expired" in refused.text
    forged = [(n, "abc.1.xyz" if n == "form_token" else v) for n, v in carried]
    refused = _post(client, "/report/check", forged)
    assert refused.status_code == 400
    assert "This page has expired" in refused.text


def test_the_check_page_in_welsh(client: TestClient, reference_graph: Graph) -> None:
    client.get("/report?lang=cy")  # chosen, and remembered
    page = _check(client, ANSWERS, ["religion"])
    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert "Gwiriwch eich atebion cyn anfon eich adroddiad" in text
    assert _row(text, "when-day") == "3 Tachwedd 2026"
    assert _row(text, "content_text") == "Heb ei roi"
    assert ">Newid<span" in text
    assert "Anfon adroddiad" in text
    sent = _post(client, "/report", _hidden(page.text))
    assert sent.status_code == 200
    assert _reports(reference_graph) == 1
