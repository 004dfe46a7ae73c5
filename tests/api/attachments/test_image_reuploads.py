"""A removed picture sent again, re-encoded and cropped, with new content raises a re-upload
alert carrying its PDQ distance; a different picture raises none; the distance is a setting.
An older graph's mirror hashes are moved by ``upgrades/009_pdq_dihedral``, and a turned copy of
such a picture is still caught."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from fastapi.testclient import TestClient
from PIL.Image import Transpose as Turn

from graph.attachments.pdq import DIHEDRAL, MATCH_DISTANCE
from graph.audit.log import AuditLog
from graph.cypher import load_query
from graph.db import Graph
from graph.removals import store
from graph.removals.lifecycle import Status
from graph.removals.reuploads import scan
from graph.removals.sending import send_pack
from tests.api.conftest import gql
from tests.factories import referral
from tests.integration.intake.helpers import query
from tests.unit.attachments.pictures import cropped, encoded, picture

ANALYST = "dev:hub_analyst:dc-patel"
CONTENT_OF = "query($ref: String!) { report(sourceRef: $ref) { ... on Report { content { id } } } }"
ALERTS = """{ reuploadAlerts { ... on ReuploadAlertConnection {
  nodes { id contentId referralId how score accounts status } } } }"""
REMOVED_PICTURE = picture(11, "Go back where|you came from|#hate")


def _report(client: TestClient, ref: str, post: str, text: str, image: bytes | None) -> str:
    payload = referral(source_ref=ref)
    payload["content"][0]["url"] = f"https://x.com/jsmith88/status/{post}"
    payload["content"][0]["text"] = text
    sent = client.post("/api/v1/referrals", json=payload).json()
    if image is not None:
        _attach(client, sent["reference"], image)
    return str(gql(client, CONTENT_OF, token=ANALYST, ref=ref)["data"]["report"]["content"]["id"])


def _attach(client: TestClient, reference: str, image: bytes) -> None:
    answer = client.post(
        f"/api/v1/referrals/{reference}/evidence",
        files=[("files", ("shot.jpg", image, "image/jpeg"))],
        headers={"Authorization": f"Bearer {ANALYST}"},
    )
    assert answer.status_code == 201, answer.text


def _removed(client: TestClient, tmp_path: Path) -> tuple[Graph, str, str]:
    graph: Graph = client.app.state.graph  # type: ignore[attr-defined]
    first = _report(client, "IM-1", "1001", "look at this", encoded(REMOVED_PICTURE))
    now = datetime.now(UTC)
    referral_, _ = store.draft(graph, first, "dc-patel", now, "X hateful conduct policy")
    store.step(graph, referral_.id, Status.APPROVED, "ds-okoro", now)
    send_pack(graph, "x", tmp_path, "ds-okoro", now, AuditLog(tmp_path / "audit.jsonl"))
    store.step(graph, referral_.id, Status.REMOVED, "dc-patel", datetime.now(UTC), "gone")
    return graph, first, referral_.id


def _alerts(client: TestClient) -> list[dict[str, Any]]:
    result = gql(client, ALERTS, token=ANALYST)
    assert "errors" not in result, result
    return list(result["data"]["reuploadAlerts"]["nodes"])


def test_a_removed_picture_re_encoded_and_cropped_is_caught(
    client: TestClient, tmp_path: Path
) -> None:
    graph, _, referral_id = _removed(client, tmp_path)
    assert scan(graph, datetime.now(UTC)) == 0
    changed = encoded(cropped(REMOVED_PICTURE, 0.05, 0.05), "JPEG", quality=35)
    again = _report(client, "IM-2", "2002", "new words entirely, nothing like before", changed)
    _report(client, "IM-3", "3003", "and another post", encoded(picture(12, "holiday|snaps")))
    assert scan(graph, datetime.now(UTC)) == 1
    (alert,) = _alerts(client)
    assert (alert["how"], alert["contentId"], alert["referralId"]) == (
        "SAME_IMAGE", again, referral_id
    )  # fmt: skip
    assert 0 <= alert["score"] <= MATCH_DISTANCE
    assert alert["accounts"] == ["x|jsmith88"]
    evidence = graph.read_tx(
        lambda tx: tx.run("MATCH (a:ReuploadAlert) RETURN a.evidence AS e").single()["e"]  # type: ignore[index]
    )
    assert orjson.loads(evidence)["pdq_distance"] == alert["score"]


def test_a_picture_sent_after_the_report_is_looked_at_by_the_next_scan(
    client: TestClient, tmp_path: Path
) -> None:
    graph, _, _ = _removed(client, tmp_path)
    payload = referral(source_ref="IM-4")
    payload["content"][0]["url"] = "https://x.com/jsmith88/status/4004"
    reference = client.post("/api/v1/referrals", json=payload).json()["reference"]
    assert scan(graph, datetime.now(UTC)) == 0
    _attach(client, reference, encoded(REMOVED_PICTURE.resize((400, 300)), "WEBP", quality=50))
    assert scan(graph, datetime.now(UTC)) == 1
    assert [a["how"] for a in _alerts(client)] == ["SAME_IMAGE"]


def test_the_distance_is_configurable(client: TestClient, tmp_path: Path) -> None:
    graph, _, _ = _removed(client, tmp_path)
    changed = encoded(cropped(REMOVED_PICTURE, 0, 0, 0.05, 0.05), "JPEG", quality=30)
    _report(client, "IM-5", "5005", "something unrelated to say", changed)
    assert scan(graph, datetime.now(UTC), image_distance=0) == 0
    assert _alerts(client) == []
    reference = client.post("/api/v1/referrals", json=_im5()).json()["reference"]
    _attach(client, reference, changed)  # sent again: the next scan looks at it again
    assert scan(graph, datetime.now(UTC), image_distance=MATCH_DISTANCE) == 1


def _im5() -> dict[str, Any]:
    payload = referral(source_ref="IM-5")
    payload["content"][0]["url"] = "https://x.com/jsmith88/status/5005"
    payload["content"][0]["text"] = "something unrelated to say"
    return payload


HASHES = "MATCH (f:EvidenceFile) RETURN f.pdq_mirror AS mirror, f.pdq_dihedral AS dihedral"


def test_an_older_graphs_mirror_hash_is_upgraded_and_a_turned_copy_is_caught(
    client: TestClient, tmp_path: Path
) -> None:
    graph, _, referral_id = _removed(client, tmp_path)
    (stored,) = query(graph, HASHES)
    assert stored["mirror"] is None
    assert len(stored["dihedral"]) == len(DIHEDRAL)  # a file sent now keeps all seven
    mirror = stored["dihedral"][DIHEDRAL.index("flipped left-right")]
    # A graph an older hub wrote: the mirror image's hash alone, as its own property.
    query(graph, "MATCH (f:EvidenceFile) SET f.pdq_mirror = $m REMOVE f.pdq_dihedral", m=mirror)
    pending = load_query("admin/pending_upgrades")
    assert "009_pdq_dihedral" in graph.read(pending)[0]["pending"]
    upgrade = load_query("upgrades/009_pdq_dihedral").text
    graph.run_schema(upgrade)
    assert query(graph, HASHES) == [{"mirror": None, "dihedral": [mirror]}]
    assert "009_pdq_dihedral" not in graph.read(pending)[0]["pending"]
    graph.run_schema(upgrade)  # safe to repeat
    assert query(graph, HASHES) == [{"mirror": None, "dihedral": [mirror]}]
    assert scan(graph, datetime.now(UTC)) == 0
    turned = encoded(REMOVED_PICTURE.transpose(Turn.ROTATE_270), "JPEG", quality=40)
    again = _report(client, "IM-6", "6006", "a caption nothing like the first", turned)
    assert scan(graph, datetime.now(UTC)) == 1
    (alert,) = _alerts(client)
    assert (alert["how"], alert["contentId"], alert["referralId"]) == (
        "SAME_IMAGE", again, referral_id
    )  # fmt: skip
