"""Evidence files through the API: a sender sends them with the report's access code (or as
hub staff), each checked from its bytes; hub staff list them on the report and download them
as attachments only, every sending and download in the audit trail."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db import Graph
from graph.settings import Settings
from services.attempts import LIMIT
from tests.api.conftest import gql
from tests.factories import referral
from tests.unit.attachments.pictures import encoded, picture

ANALYST = "dev:hub_analyst:ann"
OFFICER = "dev:force_officer:fred:E23000010"
PNG = encoded(picture(7, "you are not|welcome here"))
JPEG = encoded(picture(8, "another|screenshot"), "JPEG", quality=70)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n"
EVIDENCE_OF = """query($r: String!) { report(sourceRef: $r) { __typename
  ... on Report { evidenceFiles { sha256 mediaType size kind pdq pdqQuality declaredName
    declaredType receivedAt senderRole senderId timesSent } } } }"""


@dataclass
class Hub:
    client: TestClient
    audit: Path
    evidence: Path

    def audited(self) -> list[dict[str, Any]]:
        return [orjson.loads(line) for line in self.audit.read_text().splitlines()]

    def kept(self) -> list[Path]:
        """Every file in the evidence store, kept or half-received."""
        return [p for p in self.evidence.rglob("*") if p.is_file()]


@pytest.fixture
def hub(neo4j_settings: Settings, reference_graph: Graph, tmp_path: Path) -> Iterator[Hub]:
    settings = neo4j_settings.model_copy(
        update={
            "audit_log": tmp_path / "audit.jsonl",
            "evidence_dir": tmp_path / "evidence",
            "evidence_max_image_bytes": 200_000,
            "evidence_max_pdf_bytes": 100_000,
        }
    )
    with TestClient(create_app(settings)) as client:
        yield Hub(client, tmp_path / "audit.jsonl", tmp_path / "evidence")


def _submitted(client: TestClient, source_ref: str = "EV-1") -> tuple[str, str]:
    body = client.post("/api/v1/referrals", json=referral(source_ref=source_ref)).json()
    return body["reference"], body["access_code"]


def _send(
    client: TestClient, reference: str, files: list[tuple[str, bytes, str]],
    code: str | None = None, token: str | None = None,
) -> Any:  # fmt: skip
    return client.post(
        f"/api/v1/referrals/{reference}/evidence",
        files=[("files", f) for f in files],
        data={"access_code": code} if code is not None else {},
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )


def test_the_sender_sends_files_with_the_code_and_gets_each_hash_and_true_type(hub: Hub) -> None:
    reference, code = _submitted(hub.client)
    answer = _send(
        hub.client, reference,
        [("screenshot.jpg", PNG, "image/jpeg"), ("letter.png", PDF, "image/png")], code,
    )  # fmt: skip
    assert answer.status_code == 201, answer.text
    assert answer.json() == {
        "reference": reference,
        "files": [
            {"sha256": hashlib.sha256(PNG).hexdigest(), "media_type": "image/png",
             "bytes": len(PNG), "new_file": True},
            {"sha256": hashlib.sha256(PDF).hexdigest(), "media_type": "application/pdf",
             "bytes": len(PDF), "new_file": True},
        ],
    }  # fmt: skip
    key = hashlib.sha256(PNG).hexdigest()
    assert (hub.evidence / key[:2] / key[2:4] / key).read_bytes() == PNG
    (sent,) = [e for e in hub.audited() if e["endpoint"].endswith("/evidence")]
    assert sent["operation"] == "collection"
    assert sent["actor"].startswith("complainant@")
    assert sent["accessed"][0] == {"kind": "Report", "ids": [reference], "fields": []}
    assert sorted(sent["accessed"][1]["ids"]) == sorted(f["sha256"] for f in answer.json()["files"])


def test_staff_see_the_metadata_on_the_report_declared_values_kept_as_typed(hub: Hub) -> None:
    reference, code = _submitted(hub.client)
    assert _send(hub.client, reference, [("shot.jpg", PNG, "image/jpeg")], code).status_code == 201
    files = gql(hub.client, EVIDENCE_OF, token=ANALYST, r="EV-1")["data"]["report"]
    (found,) = files["evidenceFiles"]
    assert found["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert (found["mediaType"], found["kind"], found["size"]) == ("image/png", "image", len(PNG))
    assert (found["declaredName"], found["declaredType"]) == ("shot.jpg", "image/jpeg")
    assert (found["senderRole"], found["senderId"], found["timesSent"]) == (
        "complainant", reference, 1
    )  # fmt: skip
    assert len(found["pdq"]) == 64
    assert found["pdqQuality"] >= 50
    assert found["receivedAt"].endswith("Z")


def test_a_file_sent_twice_is_one_file_attached_again_and_two_reports_share_it(
    hub: Hub, graph: Graph
) -> None:
    first, code = _submitted(hub.client, "EV-1")
    second, other_code = _submitted(hub.client, "EV-2")
    assert _send(hub.client, first, [("a.png", PNG, "image/png")], code).json()["files"][0][
        "new_file"
    ]
    again = _send(hub.client, first, [("again.png", PNG, "image/png")], code)
    assert again.json()["files"][0]["new_file"] is False
    elsewhere = _send(hub.client, second, [("b.png", PNG, "image/png")], other_code)
    assert elsewhere.status_code == 201
    shape = graph.read_tx(
        lambda tx: tx.run(
            "MATCH (f:EvidenceFile)-[a:ATTACHED_TO]->(r:Report) "
            "RETURN f.sha256 AS f, r.reference AS r, a.declared_name AS name"
        ).data()
    )
    key = hashlib.sha256(PNG).hexdigest()
    assert sorted((row["f"], row["r"], row["name"]) for row in shape) == sorted(
        [(key, first, "a.png"), (key, first, "again.png"), (key, second, "b.png")]
    )
    listed = gql(hub.client, EVIDENCE_OF, token=ANALYST, r="EV-1")["data"]["report"]
    assert [(f["declaredName"], f["timesSent"]) for f in listed["evidenceFiles"]] == [("a.png", 2)]
    assert sum(1 for p in hub.evidence.rglob("*") if p.is_file()) == 1


def test_hub_staff_send_without_a_code_and_are_recorded_as_the_sender(hub: Hub) -> None:
    reference, _ = _submitted(hub.client)
    answer = _send(hub.client, reference, [("s.jpg", JPEG, "image/jpeg")], token=ANALYST)
    assert answer.status_code == 201
    listed = gql(hub.client, EVIDENCE_OF, token=ANALYST, r="EV-1")["data"]["report"]
    assert [(f["senderRole"], f["senderId"]) for f in listed["evidenceFiles"]] == [
        ("hub_analyst", "ann")
    ]
    missing = _send(hub.client, "OHCH-2026-999999", [("s.jpg", JPEG, "image/jpeg")], token=ANALYST)
    assert missing.status_code == 404


def test_a_wrong_code_and_a_made_up_reference_get_the_same_404_and_guessing_stops(
    hub: Hub,
) -> None:
    reference, code = _submitted(hub.client)
    wrong = _send(hub.client, reference, [("a.png", PNG, "image/png")], "AAAA-AAAA-AAAA")
    made_up = _send(hub.client, "OHCH-2026-999999", [("a.png", PNG, "image/png")], "AAAA")
    assert wrong.status_code == made_up.status_code == 404
    assert wrong.json() == made_up.json()
    for _ in range(LIMIT - 1):
        _send(hub.client, reference, [("a.png", PNG, "image/png")], "BBBB")
    refused = _send(hub.client, reference, [("a.png", PNG, "image/png")], code)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) > 0
    assert hub.kept() == []  # nothing kept for a sender not proved
    refusals = [e["details"]["refused"] for e in hub.audited() if "refused" in e["details"]]
    assert refusals == ["not_matched"] * (LIMIT + 1) + ["too_many"]


def test_a_missing_code_is_named_for_a_public_sender(hub: Hub) -> None:
    reference, _ = _submitted(hub.client)
    answer = _send(hub.client, reference, [("a.png", PNG, "image/png")])
    assert answer.status_code == 422
    assert [p["field"] for p in answer.json()["problems"]] == ["access_code"]


def test_too_large_is_413_and_a_type_not_taken_is_415_naming_each_file(hub: Hub) -> None:
    reference, code = _submitted(hub.client)
    big = PNG[:64] + b"\x00" * 200_000
    too_large = _send(hub.client, reference, [("ok.png", PNG, "image/png"),
                                              ("huge.png", big, "image/png")], code)  # fmt: skip
    assert too_large.status_code == 413
    assert too_large.json()["problems"] == [
        {"field": "files[1]",
         "message": f"'huge.png' is {len(big):,} bytes: an image may be at most 200,000 bytes"}
    ]  # fmt: skip
    wrong = [("cv.docx", b"PK\x03\x04rest", "image/png"), ("x.svg", b"<svg/>", "image/svg+xml")]
    not_taken = _send(hub.client, reference, wrong, code)
    assert not_taken.status_code == 415
    problems = not_taken.json()["problems"]
    assert [p["field"] for p in problems] == ["files[0]", "files[1]"]
    assert "'cv.docx' is a ZIP archive" in problems[0]["message"]
    assert hub.kept() == []  # a sending with a bad file keeps none, nor any part of one


def test_no_files_and_a_body_that_is_not_multipart_are_refused(hub: Hub) -> None:
    reference, code = _submitted(hub.client)
    empty = hub.client.post(
        f"/api/v1/referrals/{reference}/evidence",
        data={"access_code": code}, files=[("other", ("a.txt", b"x", "text/plain"))],
    )  # fmt: skip
    assert empty.status_code == 422
    assert [p["field"] for p in empty.json()["problems"]] == ["files"]
    as_json = hub.client.post(f"/api/v1/referrals/{reference}/evidence", json={"files": []})
    assert as_json.status_code == 415


def test_staff_download_as_an_attachment_only_and_every_download_is_audited(hub: Hub) -> None:
    reference, code = _submitted(hub.client)
    _send(hub.client, reference, [("<script>.html", PNG, "text/html")], code)
    key = hashlib.sha256(PNG).hexdigest()
    got = hub.client.get(f"/api/v1/evidence/{key}", headers={"Authorization": f"Bearer {ANALYST}"})
    assert got.status_code == 200
    assert got.content == PNG
    assert got.headers["content-type"] == "image/png"
    assert got.headers["content-disposition"] == f'attachment; filename="{key}.png"'
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in got.headers["content-security-policy"]
    assert "sandbox" in got.headers["content-security-policy"]
    (consulted,) = [e for e in hub.audited() if e["operation"] == "consultation"
                    and e["endpoint"].startswith("rest:GET /api/v1/evidence")]  # fmt: skip
    assert consulted["actor"] == "ann"
    assert consulted["accessed"] == [
        {"kind": "EvidenceFile", "ids": [key], "fields": []},
        {"kind": "Report", "ids": [reference], "fields": []},
    ]


@pytest.mark.parametrize("token", [None, OFFICER])
def test_the_public_and_forces_may_not_download_or_list(hub: Hub, token: str | None) -> None:
    reference, code = _submitted(hub.client)
    _send(hub.client, reference, [("a.png", PNG, "image/png")], code)
    key = hashlib.sha256(PNG).hexdigest()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    assert hub.client.get(f"/api/v1/evidence/{key}", headers=headers).status_code == 403
    assert not [e for e in hub.audited() if e["operation"] == "consultation"]


def test_an_unknown_or_malformed_hash_is_404_or_422(hub: Hub) -> None:
    auth = {"Authorization": f"Bearer {ANALYST}"}
    assert hub.client.get(f"/api/v1/evidence/{'a' * 64}", headers=auth).status_code == 404
    bad = hub.client.get("/api/v1/evidence/not-a-hash", headers=auth)
    assert bad.status_code == 422
    assert [p["field"] for p in bad.json()["problems"]] == ["sha256"]
