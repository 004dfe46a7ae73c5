"""Removed content that comes back: the same post reported again after its removal, new
content whose text, read past evasion tricks, is a removed one's (``evasion.py``), or new
content sent with a picture whose PDQ hash is within ``image_distance`` bits of a picture sent
with removed content (``graph/attachments/pdq.py``: either whole, one a crop of the other, or
one turned or flipped).

A scan looks at content reported, or sent evidence files, since the last scan (a marker in the
graph), matches it with the platform's removed and restricted referrals, and raises one alert
per (content, earlier referral), linked to both and naming the accounts, so an analyst can
refer it again in one action. A picture's alert carries its PDQ distance as its score and the
two files' SHA-256 as its evidence. Accounts on several alerts are listed as repeat
re-uploaders.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from rapidfuzz import fuzz, process

from graph.attachments.pdq import MATCH_DISTANCE, PdqHash, closest
from graph.cypher import load_query
from graph.db import Graph, Record, native
from graph.errors import Conflict, NotFound
from graph.removals import store
from graph.removals.evasion import evasion_key
from graph.removals.models import Alert, AlertStatus, RepeatReuploader, ReuploadHow
from graph.removals.policy import removal_policy

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
REPORTED_AGAIN, SAME_TEXT = ReuploadHow.REPORTED_AGAIN, ReuploadHow.SAME_TEXT
SAME_IMAGE = ReuploadHow.SAME_IMAGE


def _alert_of(r: Record) -> Alert:
    return Alert(
        id=r["id"], content_id=r["content_id"], referral_id=r["referral_id"],
        how=ReuploadHow(r["how"]), score=r["score"], accounts=tuple(r["accounts"] or ()),
        raised_at=native(r["raised_at"]), status=AlertStatus(r["status"]), note=r["note"],
        referral_made=r["referral_made"],
    )  # fmt: skip


def _pictures(images: Sequence[dict[str, Any]] | None) -> list[tuple[str, PdqHash]]:
    """(SHA-256, hash) of each image whose hash has the detail to match on."""
    hashed = (
        (i["sha256"], PdqHash(i["pdq"], int(i["quality"] or 0), tuple(i["crops"] or ()),
                              tuple(i.get("dihedral") or ())))
        for i in images or ()
    )  # fmt: skip
    return [(sha, h) for sha, h in hashed if h.matchable]


def nearest_picture(
    mine: list[tuple[str, PdqHash]], theirs: list[tuple[str, PdqHash]]
) -> tuple[int, str, str] | None:
    """The nearest pair of pictures (distance, my file, their file), or None."""
    pairs = [(closest(a, b), sa, sb) for sa, a in mine for sb, b in theirs]
    return min(pairs) if pairs else None


def matches(
    removed: list[Record], contents: list[Record], image_distance: int = MATCH_DISTANCE
) -> list[dict[str, object]]:
    """The alerts to raise, pure: each content against its platform's removed referrals."""
    terms = removal_policy().reupload
    by_platform: dict[str, list[tuple[Record, str]]] = defaultdict(list)
    for ref in removed:
        key = evasion_key(ref["text"] or "")
        by_platform[ref["platform"]].append((ref, key))
    removed_ids = {ref["id"] for ref in removed}
    found: list[dict[str, object]] = []
    for content in contents:
        own = content["own_referral_id"]
        if own is not None and own not in removed_ids:
            continue  # referred already, and not removed: nothing to chase
        candidates = by_platform.get(content["platform"], [])
        for ref, _ in candidates:
            if ref["content_id"] == content["content_id"] and native(
                content["last_reported_at"]
            ) > native(ref["answered_at"]):
                found.append(_alert(content, ref, REPORTED_AGAIN, None))
        others = [(ref, k) for ref, k in candidates if ref["content_id"] != content["content_id"]]
        found.extend(_same_pictures(content, [ref for ref, _ in others], image_distance))
        key = evasion_key(content["text"] or "")
        if len(key) < terms.min_letters:
            continue
        for _, score, index in process.extract(
            key, [k for _, k in others], scorer=fuzz.ratio, score_cutoff=terms.text_similarity,
            limit=None,
        ):  # fmt: skip
            ref, ref_key = others[index]
            if len(ref_key) >= terms.min_letters:
                found.append(_alert(content, ref, SAME_TEXT, round(float(score), 1)))
    return found


def _same_pictures(
    content: Record, removed: list[Record], image_distance: int
) -> list[dict[str, object]]:
    mine = _pictures(content.get("images"))
    if not mine:
        return []
    found = []
    for ref in removed:
        nearest = nearest_picture(mine, _pictures(ref.get("images")))
        if nearest is not None and nearest[0] <= image_distance:
            bits, new_file, removed_file = nearest
            evidence = {"file": new_file, "removed_file": removed_file, "pdq_distance": bits}
            found.append(_alert(content, ref, SAME_IMAGE, float(bits), evidence))
    return found


def _alert(
    content: Record, ref: Record, how: ReuploadHow, score: float | None,
    evidence: dict[str, object] | None = None,
) -> dict[str, object]:  # fmt: skip
    return {
        "id": f"reupload:{uuid.uuid4()}", "content_id": content["content_id"],
        "referral_id": ref["id"], "how": how.value, "score": score,
        "accounts": list(content["accounts"] or []),
        "evidence": orjson.dumps(evidence, option=orjson.OPT_SORT_KEYS).decode()
        if evidence else None,
    }  # fmt: skip


def scan(graph: Graph, now: datetime, image_distance: int = MATCH_DISTANCE) -> int:
    """Look at content reported (or sent evidence files) since the last scan; return how many
    alert rows were raised or found raised already. ``image_distance``: the most PDQ bits a
    picture may differ by (``OHCH_REUPLOAD_IMAGE_DISTANCE``)."""
    previous = graph.write(load_query("removals/reupload_scan_mark"), until=now)
    since = native(previous[0]["previous"]) if previous and previous[0]["previous"] else EPOCH
    removed = graph.read(load_query("removals/removed_referrals"))
    if not removed:
        return 0
    contents = graph.read(load_query("removals/contents_reported_since"), since=since)
    rows = matches(removed, contents, image_distance)
    if not rows:
        return 0
    raised = graph.write(load_query("removals/raise_reupload_alerts"), rows=rows, at=now)
    return int(raised[0]["alerts"]) if raised else 0


def alerts(
    graph: Graph, statuses: list[AlertStatus], limit: int = 51, after_key: str | None = None
) -> list[tuple[str, Alert]]:
    """Alerts in ``statuses``, newest first, each with its key in that order: at most
    ``limit`` of them after the one keyed ``after_key``."""
    rows = graph.read(
        load_query("removals/reupload_alerts"),
        statuses=[s.value for s in statuses], after_key=after_key, limit=limit,
    )  # fmt: skip
    return [(r["key"], _alert_of(r)) for r in rows]


def _alert_by_id(graph: Graph, alert_id: str) -> Alert:
    rows = graph.read(load_query("removals/reupload_alert"), id=alert_id)
    if not rows:
        raise NotFound(f"re-upload alert {alert_id!r} does not exist")
    return _alert_of(rows[0])


def refer_again(graph: Graph, alert_id: str, by: str, now: datetime) -> store.Referral:
    """Refer the re-uploaded content with the earlier referral's reason, and close the alert."""
    alert = _alert_by_id(graph, alert_id)
    earlier = store.get(graph, alert.referral_id)
    reason = f"re-upload of content removed after referral {earlier.id} ({earlier.reason})"
    referral, _ = store.draft(graph, alert.content_id, by, now, reason)
    _close(graph, alert, AlertStatus.REFERRED, f"referred as {referral.id}", referral.id, by, now)
    return referral


def dismiss(graph: Graph, alert_id: str, note: str, by: str, now: datetime) -> Alert:
    alert = _alert_by_id(graph, alert_id)
    _close(graph, alert, AlertStatus.DISMISSED, note, None, by, now)
    return _alert_by_id(graph, alert_id)


def _close(
    graph: Graph,
    alert: Alert,
    status: AlertStatus,
    note: str,
    made: str | None,
    by: str,
    now: datetime,
) -> None:
    done = graph.write(
        load_query("removals/close_reupload_alert"),
        id=alert.id, status=status.value, note=note, referral_made=made, by=by, at=now,
    )  # fmt: skip
    if not done:
        raise Conflict(f"re-upload alert {alert.id} is already {alert.status.value}")


def repeat_reuploaders(
    graph: Graph, min_alerts: int = 2, limit: int = 100
) -> list[RepeatReuploader]:
    """Accounts on at least ``min_alerts`` alerts, most first (then by account): the first
    ``limit``."""
    rows = graph.read(load_query("removals/repeat_reuploaders"), min_alerts=min_alerts,
                      limit=limit)  # fmt: skip
    return [RepeatReuploader(r["account"], r["alerts"], tuple(r["contents"])) for r in rows]
