"""Search, the case page and its forms, and the duplicate review queue, through HTTP with a
signed-in staff session: what each role finds, sees and may do, the errors named by field,
redirect-after-post, and the audit trail each page writes."""

from __future__ import annotations

import io
import re
import tempfile
import urllib.parse
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.audit.records import Operation
from graph.evidence.manifest import verify_package
from graph.viewer import Role
from services import search
from tests.api.pages.conftest import csrf_of
from tests.factories import referral

SignIn = Callable[..., TestClient]
WIGAN_FORCE = "E23000005"  # Greater Manchester Police: the victim's postcode WN1 1AA
WEST_YORKSHIRE = "E23000010"
CASE_LINK = re.compile(r'href="/staff/cases/([^"]+)"')


def _report(client: TestClient, **changes: Any) -> str:
    payload = referral(**changes)
    response = client.post("/api/v1/referrals", json=payload)
    assert response.status_code == 201, response.text
    reference: str = response.json()["reference"]
    return reference


def _case_of(client: TestClient, reference: str) -> str:
    page = client.get("/staff/search", params={"q": reference})
    assert page.status_code == 200, page.text
    links = CASE_LINK.findall(page.text)
    assert len(links) == 1, links
    return urllib.parse.unquote(links[0])


def _path(case_id: str) -> str:
    return "/staff/cases/" + urllib.parse.quote(case_id, safe=":")


def _last_seq(hub: TestClient, case_id: str) -> int:
    """Where the audit trail stands for a case (the trail outlives each test's graph)."""
    seq, after = 0, 0
    while found := hub.app.state.audit_log.search(entity_id=case_id, after_seq=after):  # type: ignore[attr-defined]
        seq = after = int(found[-1].seq)
    return seq


def _post(client: TestClient, path: str, page_html: str, **fields: str) -> Any:
    return client.post(
        path, data={"csrf_token": csrf_of(page_html), **fields}, follow_redirects=False
    )


def test_an_analyst_finds_a_case_by_reference_handle_link_and_accent_free_name(
    sign_in: SignIn,
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    reference = _report(client, reporter={
        "role": "victim", "name": "Amára Okafor", "email": "amara@example.org",
        "postcode": "WN1 1AA", "consent_to_contact": True,
    })  # fmt: skip
    case_id = _case_of(client, reference)
    assert case_id.startswith("case:")

    for typed, matched in (
        (reference.lower(), "the report reference"),
        ("@JSmith88", "x|jsmith88 named as the suspect"),
        ("twitter:jsmith88", "x|jsmith88"),
        ("https://mobile.twitter.com/jsmith88/status/1796512345678901234?s=20", "content address"),
        ("amara OKAFOR", "Amára Okafor (victim and reporter)"),
    ):
        page = client.get("/staff/search", params={"q": typed})
        assert page.status_code == 200, (typed, page.text)
        assert [urllib.parse.unquote(x) for x in CASE_LINK.findall(page.text)] == [case_id]
        assert matched in page.text, typed
    nothing = client.get("/staff/search", params={"q": "Somebody Else"})
    assert nothing.status_code == 200
    assert "No cases found" in nothing.text
    assert not CASE_LINK.findall(nothing.text)


def test_a_search_that_finds_more_than_it_shows_says_so(
    sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    for n, post in enumerate(("1796512345678900101", "1796512345678900202")):
        url = f"https://x.com/jsmith88/status/{post}"
        content = [{"platform": "x", "url": url, "text": f"post {n}"}]
        _report(client, source_ref=f"TV-CAP-{n}", content=content)
    both = client.get("/staff/search", params={"q": "@jsmith88"})
    assert len(CASE_LINK.findall(both.text)) == 2
    assert "data-capped" not in both.text

    monkeypatch.setattr(search, "LIMIT", 1)
    capped = client.get("/staff/search", params={"q": "@jsmith88"})
    assert len(CASE_LINK.findall(capped.text)) == 1
    assert "Only the first 1 cases are shown" in capped.text


def test_search_names_the_field_when_there_is_nothing_to_search_for(sign_in: SignIn) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    page = client.get("/staff/search", params={"q": "   "})
    assert page.status_code == 400
    assert 'href="#q"' in page.text
    assert "enter a reference, a handle, a link or a name" in page.text
    assert client.get("/staff/search").status_code == 200  # the empty form


def test_a_force_officer_finds_only_their_forces_cases_and_never_searches_names(
    sign_in: SignIn,
) -> None:
    analyst = sign_in(Role.HUB_ANALYST, "dc-patel")
    reference = _report(analyst)
    case_id = _case_of(analyst, reference)

    officer = sign_in(Role.FORCE_OFFICER, "pc-leeds", WEST_YORKSHIRE)
    page = officer.get("/staff/search", params={"q": reference})
    assert page.status_code == 200
    assert not CASE_LINK.findall(page.text)
    by_name = officer.get("/staff/search", params={"q": "Amara Okafor"})
    assert by_name.status_code == 403
    assert "only hub staff search by a person&#39;s name" in by_name.text

    analyst = sign_in(Role.HUB_ANALYST, "dc-patel")
    form = analyst.get(_path(case_id)).text
    assert _post(analyst, _path(case_id) + "/assignment", form, force=WEST_YORKSHIRE,
                 reason="the suspect lives in Leeds").status_code == 303  # fmt: skip
    officer = sign_in(Role.FORCE_OFFICER, "pc-leeds", WEST_YORKSHIRE)
    page = officer.get("/staff/search", params={"q": reference})
    assert [urllib.parse.unquote(x) for x in CASE_LINK.findall(page.text)] == [case_id]


def test_the_case_page_shows_what_the_role_may_see_and_is_in_the_audit_trail(
    sign_in: SignIn, hub: TestClient
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    reference = _report(client)
    case_id = _case_of(client, reference)

    before = _last_seq(hub, case_id)
    page = client.get(_path(case_id))
    assert page.status_code == 200, page.text
    html = page.text
    for part in ("Summary", "Timeline", "Reports", "Accounts and the people behind them",
                 "Assessment", "Offences and points to prove", "Deadlines", "Assignment",
                 "Platform removal referrals", "Evidence package", "Updates sent"):  # fmt: skip
        assert part in html, part
    assert f"Report {reference} received" in html
    assert "Amara Okafor" in html  # hub staff see the victim
    # The post's address is text, never a link or an image that would load it.
    assert "https://x.com/i/web/status/1796512345678901234" in html
    assert 'href="https://x.com' not in html
    assert "<img" not in html
    assert "Audit trail" not in html  # an analyst may not read the trail
    assert ">None</textarea>" not in html  # empty answers are empty

    logged = hub.app.state.audit_log.search(entity_id=case_id, after_seq=before)  # type: ignore[attr-defined]
    seen = [r for r in logged if r.endpoint == "web:GET /staff/cases/{id}"]
    assert len(seen) == 1
    assert seen[-1].operation is Operation.CONSULTATION
    assert seen[-1].actor == "dc-patel"
    assert reference in seen[-1].accessed[0].ids
    assert "victims" in seen[-1].accessed[0].fields

    supervisor = sign_in(Role.HUB_SUPERVISOR, "sgt-jones")
    trail = supervisor.get(_path(case_id)).text
    assert "Audit trail" in trail
    assert "dc-patel" in trail


def test_decision_and_assignment_forms_check_csrf_name_fields_and_redirect_with_a_banner(
    sign_in: SignIn, hub: TestClient
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    case_id = _case_of(client, _report(client))
    path = _path(case_id)
    form = client.get(path).text
    before = _last_seq(hub, case_id)

    forged = client.post(path + "/decision", data={"decision": "crime", "reason": "x",
                                                   "csrf_token": "forged"})  # fmt: skip
    assert forged.status_code == 400
    assert "This page has expired" in forged.text

    missing = _post(client, path + "/decision", form, decision="", reason="")
    assert missing.status_code == 400
    assert 'href="#decision"' in missing.text
    assert 'href="#decision-reason"' in missing.text
    assert "Choose crime, non-crime hate incident or neither" in missing.text

    done = _post(client, path + "/decision", form, decision="nchi",
                 reason="hostile, but no offence made out")  # fmt: skip
    assert done.status_code == 303
    assert done.headers["location"] == f"{path}?done=decision#decision"
    shown = client.get(done.headers["location"]).text
    assert "The assessment decision is recorded." in shown
    assert "Decision: non_crime_hate_incident" in shown
    assert "hostile, but no offence made out" in shown

    unknown = _post(client, path + "/assignment", form, force="E99999999", reason="why not")
    assert unknown.status_code == 400
    assert 'href="#force"' in unknown.text
    assert "is not a known force code" in unknown.text
    no_reason = _post(client, path + "/assignment", form, force=WEST_YORKSHIRE, reason=" ")
    assert no_reason.status_code == 400
    assert 'href="#assign-reason"' in no_reason.text

    assigned = _post(client, path + "/assignment", form, force="rules", reason="")
    assert assigned.status_code == 303
    shown = client.get(assigned.headers["location"]).text
    assert "The case is assigned." in shown
    assert f"Assigned to {WIGAN_FORCE}" in shown
    assert f"({WIGAN_FORCE})" in shown  # the lead force on the summary card

    changes = [
        r.endpoint
        for r in hub.app.state.audit_log.search(entity_id=case_id, after_seq=before)  # type: ignore[attr-defined]
        if r.operation is Operation.ALTERATION
    ]
    assert changes == ["web:POST /staff/cases/{id}/decision",
                       "web:POST /staff/cases/{id}/assignment"]  # fmt: skip


def test_referring_content_needs_an_offence_or_a_policy_then_lists_the_referral(
    sign_in: SignIn,
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    case_id = _case_of(client, _report(client))
    path = _path(case_id)
    form = client.get(path).text
    content = re.search(r'name="content" type="radio" value="([^"]+)"', form)
    assert content, "no content item to refer"

    nothing = _post(client, path + "/referral", form, content="")
    assert nothing.status_code == 400
    assert 'href="#content"' in nothing.text
    no_grounds = _post(client, path + "/referral", form, content=content.group(1), policy="")
    assert no_grounds.status_code == 400
    assert 'href="#policy"' in no_grounds.text

    referred = _post(client, path + "/referral", form, content=content.group(1),
                     policy="Hateful conduct policy")  # fmt: skip
    assert referred.status_code == 303
    shown = client.get(referred.headers["location"]).text
    assert "referred to its platform for removal" in shown
    assert "Breaches the platform&#39;s own policy: Hateful conduct policy" in shown
    again = _post(client, path + "/referral", form, content=content.group(1), policy="x")
    assert again.headers["location"].endswith("done=already-referred#referral")


def test_a_force_officer_gets_a_403_page_for_another_forces_case_and_no_hub_actions(
    sign_in: SignIn,
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    case_id = _case_of(client, _report(client))
    form = client.get(_path(case_id)).text
    _post(client, _path(case_id) + "/assignment", form, force="rules", reason="")

    leeds = sign_in(Role.FORCE_OFFICER, "pc-leeds", WEST_YORKSHIRE)
    refused = leeds.get(_path(case_id))
    assert refused.status_code == 403
    assert "You cannot see this case" in refused.text
    assert "Traceback" not in refused.text
    assert leeds.get(_path("case:content:nothing-here")).status_code == 403  # same answer

    wigan = sign_in(Role.FORCE_OFFICER, "pc-wigan", WIGAN_FORCE)
    own = wigan.get(_path(case_id))
    assert own.status_code == 200
    assert "Amara Okafor" in own.text  # their own case's victim
    assert "Record decision" not in own.text
    assert "Timeline" not in own.text
    posted = wigan.post(_path(case_id) + "/decision", data={
        "csrf_token": csrf_of(own.text), "decision": "crime", "reason": "mine"})  # fmt: skip
    assert posted.status_code == 200  # the page again, nothing recorded
    assert "Decision:" not in posted.text


def test_without_a_session_every_page_sends_the_browser_to_sign_in(hub: TestClient) -> None:
    for path in ("/staff/search?q=x", "/staff/cases/case:1", "/staff/review"):
        response = hub.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/staff/sign-in?next=")


def _account_report(ref: str, url: str, text: str | None) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    item: dict[str, Any] = {"platform": "x", "url": url, "captured_at": "2026-05-31T22:20:00Z"}
    if text:
        item["text"] = text
    payload["content"] = [item]
    payload["suspects"] = [{"platform": "x", "handle": "jsmith88"}]
    return payload


def test_the_review_queue_shows_both_sides_and_records_an_answer(
    sign_in: SignIn, hub: TestClient
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    for payload in (
        _account_report("TV-A", "https://x.com/jsmith88/status/1796512345678900101", "first"),
        _account_report("TV-B", "https://x.com/jsmith88/status/1796512345678900202", "second"),
        _account_report("TV-Q", "https://x.com/jsmith88", None),  # either post: ambiguous
    ):
        assert client.post("/api/v1/referrals", json=payload).status_code == 201
    page = client.get("/staff/review")
    assert page.status_code == 200, page.text
    items = re.findall(r'data-review-item="([^"]+)"', page.text)
    assert len(items) == 1
    assert "The new report" in page.text
    assert "The content it may belong to" in page.text
    assert "Why the matcher asked" in page.text
    assert "ambiguous" in page.text

    action = "/staff/review/" + urllib.parse.quote(items[0], safe="")
    unanswered = _post(client, action, page.text, answer="", reason="")
    assert unanswered.status_code == 400
    assert "Choose same content, not the same, or unsure" in unanswered.text

    unsure = _post(client, action, page.text, answer="unsure", reason="the screenshot is cropped")
    assert unsure.status_code == 303
    kept = client.get(unsure.headers["location"]).text
    assert "Recorded: unsure. The item stays in the queue for a second analyst" in kept
    assert re.findall(r'data-review-item="([^"]+)"', kept) == items  # still waiting
    assert "1 analyst was unsure" in kept
    assert "dc-patel: the screenshot is cropped" in kept

    second = sign_in(Role.HUB_ANALYST, "ds-okafor")
    page = second.get("/staff/review")
    answered = _post(second, action, page.text, answer="not-same", reason="a different post")
    assert answered.status_code == 303
    after = client.get(answered.headers["location"]).text
    assert "Recorded: not the same." in after
    assert "Nothing is waiting for review." in after

    officer = sign_in(Role.FORCE_OFFICER, "pc-leeds", WEST_YORKSHIRE)
    assert officer.get("/staff/review").status_code == 403


def test_the_evidence_package_downloads_for_the_hub_and_the_cases_force_and_is_a_disclosure(
    sign_in: SignIn, hub: TestClient
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    case_id = _case_of(client, _report(client))
    package = _path(case_id) + "/evidence-package"
    unassigned = client.get(_path(case_id)).text
    assert "assign the case first" in unassigned
    assert client.get(package).status_code == 404  # no force to give it to yet
    _post(client, _path(case_id) + "/assignment", unassigned, force="rules", reason="")

    page = client.get(_path(case_id)).text
    assert f'href="{package}"' in page
    before = _last_seq(hub, case_id)
    got = client.get(package)
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/zip"
    top = "evidence-package-" + case_id.replace(":", "-")
    assert got.headers["content-disposition"] == f'attachment; filename="{top}.zip"'
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        names = set(archive.namelist())
        assert {f"{top}/package.pdf", f"{top}/package.json"} <= names
        assert archive.read(f"{top}/package.pdf").startswith(b"%PDF")
        with tempfile.TemporaryDirectory() as scratch:
            archive.extractall(scratch)
            assert verify_package(Path(scratch) / top).ok  # signed, every file as signed
    logged = hub.app.state.audit_log.search(entity_id=case_id, after_seq=before)  # type: ignore[attr-defined]
    given = [r for r in logged if r.endpoint == "web:GET /staff/cases/{id}/evidence-package"]
    assert [(r.operation, r.actor, r.role, r.recipients) for r in given] == [
        (Operation.DISCLOSURE, "dc-patel", "hub_analyst", ("Greater Manchester Police",))
    ]

    wigan = sign_in(Role.FORCE_OFFICER, "pc-wigan", WIGAN_FORCE)
    assert f'href="{package}"' in wigan.get(_path(case_id)).text
    assert wigan.get(package).status_code == 200
    leeds = sign_in(Role.FORCE_OFFICER, "pc-leeds", WEST_YORKSHIRE)
    refused = leeds.get(package)
    assert refused.status_code == 403
    assert "You cannot see this case" in refused.text
    given = [r for r in hub.app.state.audit_log.search(entity_id=case_id, after_seq=before)  # type: ignore[attr-defined]
             if r.endpoint.endswith("/evidence-package")]  # fmt: skip
    assert [(r.actor, r.force_code) for r in given] == [
        ("dc-patel", None),
        ("pc-wigan", WIGAN_FORCE),
    ]


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"


def test_the_case_page_lists_each_reports_files_with_their_virus_scan_for_hub_staff(
    sign_in: SignIn,
) -> None:
    client = sign_in(Role.HUB_ANALYST, "dc-patel")
    sent = client.post("/api/v1/referrals", json=referral()).json()
    sent_files = client.post(
        f"/api/v1/referrals/{sent['reference']}/evidence",
        files=[("files", ("letter.pdf", PDF, "application/pdf"))],
        data={"access_code": sent["access_code"]},
    )
    assert sent_files.status_code == 201, sent_files.text
    case_id = _case_of(client, sent["reference"])
    html = client.get(_path(case_id)).text
    (cell,) = re.findall(r"<td class=\"govuk-table__cell\" data-files>(.*?)</td>", html, re.S)
    assert "letter.pdf (pdf, 1 KB)" in cell
    # No scanner in the tests, and outside production the policy keeps the file unscanned.
    assert 'data-scan-state="accepted_unscanned"' in cell
    assert "not scanned (kept by policy)" in cell

    _post(client, _path(case_id) + "/assignment", html, force="rules", reason="")
    wigan = sign_in(Role.FORCE_OFFICER, "pc-wigan", WIGAN_FORCE)
    own = wigan.get(_path(case_id))
    assert own.status_code == 200
    assert "data-files" not in own.text  # the force gets the files in the evidence package
