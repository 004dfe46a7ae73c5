"""The public site's file upload: the confirmation page of a report offers GOV.UK's file
upload (a plain multipart form, no JavaScript), and the files go through the same use case as
the API's, with the reference and access code."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from pages.render import page
from tests.factories import referral
from tests.unit.attachments.pictures import encoded, picture

PNG = encoded(picture(41, "screenshot|of the post"))


@pytest.fixture
def site(neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    settings = neo4j_settings.model_copy(
        update={"audit_log": tmp_path / "audit.jsonl", "evidence_dir": tmp_path / "evidence"}
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/report").text)
    assert found is not None
    return found[1]


def _post(client: TestClient, fields: dict[str, str], files: list[tuple[str, bytes, str]]):  # type: ignore[no-untyped-def]
    return client.post("/report/evidence", data=fields, files=[("files", f) for f in files] or None)


def test_the_confirmation_page_offers_a_file_upload_that_needs_no_script() -> None:
    html = page(
        "confirmation.html", reference="OHCH-2026-000001", access_code="ABCD-EFGH-JKMN",
        already=False, journalled=False, warnings=[], csrf_token="t", image_mb=10, video_mb=200,
    ).body.decode()  # fmt: skip
    form = html[html.index('<form method="post" action="/report/evidence"') :]
    form = form[: form.index("</form>")]
    assert 'enctype="multipart/form-data"' in form
    (upload,) = [i for i in re.findall(r"<input[^>]*>", form) if 'type="hidden"' not in i]
    assert 'type="file"' in upload
    assert 'name="files"' in upload
    assert "multiple" in upload
    assert 'name="reference" value="OHCH-2026-000001"' in form
    assert 'name="access_code" value="ABCD-EFGH-JKMN"' in form
    assert "<script" not in form


def test_files_sent_from_the_page_are_kept_and_named_back(site: TestClient) -> None:
    sent = site.post("/api/v1/referrals", json=referral(source_ref="PG-1")).json()
    fields = {"csrf_token": _csrf(site), "reference": sent["reference"].lower(),
              "access_code": sent["access_code"]}  # fmt: skip
    answer = _post(site, fields, [("my screenshot.png", PNG, "image/png")])
    assert answer.status_code == 200, answer.text
    assert "Files sent" in answer.text
    assert "my screenshot.png" in answer.text
    assert answer.headers["content-security-policy"]
    assert hashlib.sha256(PNG).hexdigest() in {p.name for p in Path(
        site.app.state.settings.evidence_dir  # type: ignore[attr-defined]
    ).rglob("*")}  # fmt: skip


def test_a_refused_file_is_named_beside_the_upload_and_the_form_comes_back(
    site: TestClient,
) -> None:
    sent = site.post("/api/v1/referrals", json=referral(source_ref="PG-2")).json()
    fields = {"csrf_token": _csrf(site), "reference": sent["reference"],
              "access_code": sent["access_code"]}  # fmt: skip
    answer = _post(site, fields, [("setup.exe", b"MZ\x90\x00rest", "image/png")])
    assert answer.status_code == 400
    assert "There is a problem" in answer.text
    assert "setup.exe is a Windows program" in answer.text
    assert 'action="/report/evidence"' in answer.text
    nothing = _post(site, fields, [])
    assert nothing.status_code == 400
    assert "Choose a file to send" in nothing.text


def test_a_wrong_code_or_a_missing_csrf_token_sends_nothing(site: TestClient) -> None:
    sent = site.post("/api/v1/referrals", json=referral(source_ref="PG-3")).json()
    wrong = {"csrf_token": _csrf(site), "reference": sent["reference"], "access_code": "AAAA"}
    assert _post(site, wrong, [("a.png", PNG, "image/png")]).status_code == 404
    forged = {"reference": sent["reference"], "access_code": sent["access_code"]}
    expired = _post(site, forged, [("a.png", PNG, "image/png")])
    assert expired.status_code == 400
    assert "expired" in expired.text
    assert not Path(site.app.state.settings.evidence_dir).exists()  # type: ignore[attr-defined]
