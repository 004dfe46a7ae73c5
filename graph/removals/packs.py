"""A platform's referral pack: the referrals sent together, as the platform's channel takes
them (JSON Lines and CSV, as its terms say), with a manifest of each file's SHA-256.

A pack is written from the graph after its referrals were marked sent, in a fixed order and
form, so writing it again gives the same bytes. It is built in a staging folder and renamed
into ``<out>/<platform>/<pack id>/``; a pack already there is kept if it is identical, and
refused if not.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from graph.durable_files import fsync_dir, write_synced
from graph.errors import Conflict, InvalidValue
from graph.platforms import platform as registered_platform
from graph.removals.policy import PackFormat, PlatformTerms
from graph.removals.store import Referral
from graph.times import utc_iso

SCHEMA = "ohch-removal-pack/1"
MANIFEST = "manifest.json"
CSV_COLUMNS = (
    "referral_id", "url", "reason", "offences", "text", "evidence_sha256", "accounts",
    "reports", "sent_at", "answer_due_at",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Pack:
    folder: Path
    manifest_sha256: str
    count: int
    already_existed: bool


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else utc_iso(moment)


def item(referral: Referral) -> dict[str, Any]:
    """One referral as the platform reads it: what, where, why, and the evidence's hashes."""
    return {
        "referral_id": referral.id,
        "url": referral.url,
        "reason": referral.reason,
        "offences": list(referral.offences),
        "text": referral.text,
        "evidence_sha256": list(referral.evidence),
        "accounts": list(referral.accounts),
        "reports": referral.reports,
        "sent_at": _iso(referral.sent_at),
        "answer_due_at": _iso(referral.due_at),
    }


def _jsonl(items: Sequence[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(i, option=orjson.OPT_SORT_KEYS) + b"\n" for i in items)


def _csv(items: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for i in items:
        writer.writerow(
            [" ".join(v) if isinstance(v, list) else ("" if v is None else v)
             for v in (i[c] for c in CSV_COLUMNS)]
        )  # fmt: skip
    return out.getvalue().encode("utf-8")


def pack_files(
    platform: str, pack_id: str, referrals: Sequence[Referral], terms: PlatformTerms
) -> dict[str, bytes]:
    """Every file of the pack, manifest last, by name."""
    if not referrals:
        raise ValueError("a pack holds at least one referral")
    items = [item(r) for r in sorted(referrals, key=lambda r: r.id)]
    files: dict[str, bytes] = {}
    if PackFormat.JSON in terms.formats:
        files["referrals.jsonl"] = _jsonl(items)
    if PackFormat.CSV in terms.formats:
        files["referrals.csv"] = _csv(items)
    try:
        known = registered_platform(platform)
    except InvalidValue:
        known = None
    manifest = {
        "schema": SCHEMA,
        "pack_id": pack_id,
        "platform": platform,
        "platform_name": known.name if known else platform,
        "removal_contact": known.removal_contact if known else None,
        "sent_at": _iso(min(r.sent_at for r in referrals if r.sent_at)),
        "referrals": len(items),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    files[MANIFEST] = orjson.dumps(manifest, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2)
    return files


def write_pack(
    out: Path, platform: str, pack_id: str, referrals: Sequence[Referral], terms: PlatformTerms
) -> Pack:
    files = pack_files(platform, pack_id, referrals, terms)
    digest = hashlib.sha256(files[MANIFEST]).hexdigest()
    final = out / platform / pack_id
    if final.exists():
        if (final / MANIFEST).read_bytes() != files[MANIFEST]:
            raise Conflict(f"{final} holds another pack of the same id; it is kept as it is")
        return Pack(final, digest, len(referrals), already_existed=True)
    staging = out / ".staging" / pack_id
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True, mode=0o700)
    try:
        for name, data in files.items():
            write_synced(staging / name, data)
        fsync_dir(staging)
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.replace(staging, final)
        fsync_dir(final.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Pack(final, digest, len(referrals), already_existed=False)
