"""The public site's file upload: the confirmation page of a report offers GOV.UK's file
upload (a plain multipart form, no JavaScript), and the files go through the same use case as
the API's, with the reference and access code. They are streamed into the evidence store's
folder as they arrive, as the API's are: a large one is never whole in memory, one past its
kind's limit is refused at once with nothing left behind, and a refusal is worded in the
page's language (Welsh on ``?lang=cy``)."""

from __future__ import annotations

import hashlib
import random
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image

from api.app import create_app
from graph.attachments.spool import INCOMING
from graph.db import Graph
from graph.settings import Settings
from pages.csrf import COOKIE
from pages.render import page
from tests.factories import referral
from tests.unit.attachments.pictures import encoded, picture
from tests.unit.attachments.test_streamed_uploads import video

PNG = encoded(picture(41, "screenshot|of the post"))
MB = 1024 * 1024
BOUNDARY = "ohch-test-boundary-7f3a9c"


def _client(settings: Settings, tmp_path: Path, **limits: int) -> TestClient:
    return TestClient(create_app(settings.model_copy(update={
        "audit_log": tmp_path / "audit.jsonl", "evidence_dir": tmp_path / "evidence", **limits,
    })))  # fmt: skip


@pytest.fixture
def site(neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path) -> Iterator[TestClient]:
    with _client(neo4j_settings, tmp_path) as client:
        yield client


@pytest.fixture
def small_site(
    neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path
) -> Iterator[TestClient]:
    """Videos up to 3 MB, pictures up to 100 KB."""
    limits = {"evidence_max_video_bytes": 3 * MB, "evidence_max_image_bytes": 100 * 1024}
    with _client(neo4j_settings, tmp_path, **limits) as client:
        yield client


def _files_in(client: TestClient) -> list[Path]:
    """Every file in the evidence store, kept or half-received."""
    root = Path(client.app.state.settings.evidence_dir)  # type: ignore[attr-defined]
    return [p for p in root.rglob("*") if p.is_file()]


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
    empty_input = _post(site, fields, [("", b"", "application/octet-stream")])  # none chosen
    assert empty_input.status_code == 400
    assert "Choose a file to send" in empty_input.text
    assert _files_in(site) == []


def test_a_wrong_code_or_a_missing_csrf_token_sends_nothing(site: TestClient) -> None:
    sent = site.post("/api/v1/referrals", json=referral(source_ref="PG-3")).json()
    wrong = {"csrf_token": _csrf(site), "reference": sent["reference"], "access_code": "AAAA"}
    assert _post(site, wrong, [("a.png", PNG, "image/png")]).status_code == 404
    forged = {"reference": sent["reference"], "access_code": sent["access_code"]}
    expired = _post(site, forged, [("a.png", PNG, "image/png")])
    assert expired.status_code == 400
    assert "expired" in expired.text
    assert _files_in(site) == []  # spooled as they came, deleted when refused


def _sent(client: TestClient, source_ref: str) -> dict[str, str]:
    sent = client.post("/api/v1/referrals", json=referral(source_ref=source_ref)).json()
    return {"csrf_token": _csrf(client), "reference": sent["reference"],
            "access_code": sent["access_code"]}  # fmt: skip


def test_a_refused_file_is_worded_in_welsh_on_the_welsh_page(small_site: TestClient) -> None:
    fields = _sent(small_site, "PG-4")
    big = encoded(Image.frombytes("RGB", (300, 300), random.Random(4).randbytes(270_000)))
    assert len(big) > 200 * 1024
    answer = small_site.post(
        "/report/evidence?lang=cy", data=fields,
        files=[("files", ("setup.exe", b"MZ\x90\x00rest", "image/png")),
               ("files", ("llun.png", big, "image/png"))],
    )  # fmt: skip
    assert answer.status_code == 400
    text = answer.text
    assert "Mae problem" in text
    assert "Ni allwn dderbyn setup.exe (rhaglen Windows): dim ond delweddau PNG" in text
    assert f"Mae llun.png yn {len(big) / MB:.1f} MB: gall llun fod hyd at 0.1 MB" in text
    assert "Windows program" not in text
    assert "can be up to" not in text
    english = small_site.post("/report/evidence?lang=en", data=fields,
                              files=[("files", ("setup.exe", b"MZ\x90", "image/png"))])  # fmt: skip
    assert "setup.exe is a Windows program: you can send only PNG" in english.text
    nothing = small_site.post("/report/evidence?lang=cy", data=fields,
                              files=[("files", ("", b"", "application/octet-stream"))])  # fmt: skip
    assert "Dewiswch ffeil i&#39;w hanfon" in nothing.text
    assert _files_in(small_site) == []


def _body(fields: dict[str, str], name: str, data: Iterator[bytes]) -> Iterator[bytes]:
    """A multipart body made a piece at a time, as a browser sends the form: its fields, then
    the file."""
    for key, value in fields.items():
        yield (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
               f"{value}\r\n").encode()  # fmt: skip
    yield (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; '
           f'filename="{name}"\r\nContent-Type: video/mp4\r\n\r\n').encode()  # fmt: skip
    yield from data
    yield f"\r\n--{BOUNDARY}--\r\n".encode()


def _stream(client: TestClient, body: Iterator[bytes]) -> tuple[int, str, int]:
    """POST ``body`` to the form a chunk at a time through the app itself (the test client
    would gather it whole first): the status, the page, and how many bytes the app took."""
    app: FastAPI = client.app  # type: ignore[assignment]
    taken = 0
    status = 0
    page_parts: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal taken
        chunk = next(body, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        taken += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            page_parts.append(message.get("body", b""))

    headers = {
        "content-type": f"multipart/form-data; boundary={BOUNDARY}",
        "cookie": f"{COOKIE}={client.cookies.get(COOKIE)}",
    }
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/report/evidence", "raw_path": b"/report/evidence",
        "query_string": b"", "root_path": "", "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80), "state": {},
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }  # fmt: skip
    assert client.portal is not None
    client.portal.call(app, scope, receive, send)
    return status, b"".join(page_parts).decode(), taken


def test_a_large_upload_through_the_form_is_streamed_not_held_in_memory(
    site: TestClient,
) -> None:
    fields = _sent(site, "PG-5")
    expected = hashlib.sha256()
    for chunk in video(50 * MB):
        expected.update(chunk)
    tracemalloc.start()
    try:
        status, html, taken = _stream(site, _body(fields, "clip.mp4", video(50 * MB)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 200, html
    assert "Files sent" in html
    assert "clip.mp4" in html
    assert taken > 50 * MB
    assert peak < 8 * MB  # the file is 50 MB
    kept = _files_in(site)
    assert [(p.name, p.stat().st_size) for p in kept] == [(expected.hexdigest(), 50 * MB)]
    assert INCOMING not in {p.parent.name for p in kept}


def test_a_file_past_its_limit_is_refused_at_once_and_nothing_is_left(
    small_site: TestClient,
) -> None:
    fields = _sent(small_site, "PG-6")
    status, html, taken = _stream(small_site, _body(fields, "long.mp4", video(50 * MB)))
    assert status == 400
    assert "long.mp4 is" in html
    assert "a video can be up to 3 MB" in html
    assert 'name="reference" value="' + fields["reference"] in html  # the form comes back
    assert taken < 6 * MB + 256 * 1024  # given up at twice the limit, not read to 50 MB
    assert _files_in(small_site) == []
