"""Removal referrals in the graph: draft one per content item, take its steps, list queues,
count answers, and send a platform's approved referrals as one pack."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import orjson
from neo4j import ManagedTransaction

from graph.cases import store as cases_store
from graph.cypher import Query, load_query
from graph.db import Graph, Record, native, send
from graph.errors import Conflict, InvalidValue, NotFound
from graph.removals import lifecycle, stats
from graph.removals.lifecycle import Status
from graph.removals.models import Referral as Referral
from graph.removals.models import Step
from graph.removals.policy import removal_policy


def _referral(r: Record) -> Referral:
    steps = tuple(
        Step(Status(s["status"]), native(s["at"]), s["by"], s.get("note"), s.get("evidence"))
        for s in r["steps"]
    )
    return Referral(
        id=r["id"], content_id=r["content_id"], platform=r["platform"],
        status=Status(r["status"]), url=r["url"], text=r["text"],
        evidence=tuple(r["evidence"] or ()), accounts=tuple(r["accounts"] or ()),
        case_id=r["case_id"], offences=tuple(r["offences"] or ()), reason=r["reason"],
        reports=r["reports"], drafted_at=native(r["drafted_at"]), drafted_by=r["drafted_by"],
        approved_by=r["approved_by"], sent_at=native(r["sent_at"]),
        due_at=native(r["due_at"]), pack_id=r["pack_id"],
        answered_at=native(r["answered_at"]), answer_note=r["answer_note"],
        steps=steps,
    )  # fmt: skip


def _evidence_hashes(attachments: Sequence[str]) -> list[str]:
    hashes: set[str] = set()
    for listed in attachments:
        for attachment in orjson.loads(listed):
            if isinstance(attachment, dict) and isinstance(attachment.get("sha256"), str):
                hashes.add(attachment["sha256"])
    return sorted(hashes)


def _grounds(graph: Graph, case_id: str | None, now: datetime) -> tuple[list[str], list[str]]:
    """The recordable offences of the content's case: (ids, "title (citation)" lines)."""
    if case_id is None:
        return [], []
    recordable = [c for c in cases_store.view(graph, case_id, now).assessment.candidates
                  if c.recordable]  # fmt: skip
    return [c.offence_id for c in recordable], [f"{c.title} ({c.citation})" for c in recordable]


def draft(
    graph: Graph, content_id: str, by: str, now: datetime, policy_breached: str | None = None
) -> tuple[Referral, bool]:
    """The content's referral, drafted now if it has none; ``(referral, created)``. Its reason
    is the case's recordable offences, with ``policy_breached`` (the platform's own rule) if
    given; with neither there is nothing to refer."""
    rows = graph.read(load_query("removals/content_for_referral"), content_id=content_id)
    if not rows:
        raise NotFound(f"content {content_id!r} does not exist")
    content = rows[0]
    if content["referral_id"] is not None:
        return get(graph, content["referral_id"]), False
    offences, lines = _grounds(graph, content["case_id"], now)
    if policy_breached is not None and policy_breached.strip():
        lines.append(f"Breaches the platform's own policy: {policy_breached.strip()}")
    if not lines:
        raise InvalidValue(
            "policyBreached",
            "no offence in the case's assessment is recordable yet: record the facts, or name "
            "the platform policy the content breaches",
        )
    created = graph.write(
        load_query("removals/draft_referral"),
        id=f"removal:{uuid.uuid4()}", content_id=content_id, platform=content["platform"],
        url=content["url"], text=content["text"],
        evidence=_evidence_hashes(content["attachments"]), accounts=content["accounts"],
        case_id=content["case_id"], offences=offences, reason="; ".join(lines),
        reports=content["reports"], by=by, at=now,
    )  # fmt: skip
    return get(graph, created[0]["id"]), bool(created[0]["created"])


def get(graph: Graph, referral_id: str) -> Referral:
    found = many(graph, [referral_id])
    if not found:
        raise NotFound(f"removal referral {referral_id!r} does not exist")
    return found[0]


def many(graph: Graph, ids: Sequence[str]) -> list[Referral]:
    """The referrals in the order of ``ids`` (missing ones left out)."""
    records = {r["id"]: r for r in graph.read(load_query("removals/referrals"), ids=list(ids))}
    return [_referral(records[i]) for i in ids if i in records]


def step(
    graph: Graph,
    referral_id: str,
    to: Status,
    by: str,
    now: datetime,
    note: str | None = None,
    evidence: str | None = None,
) -> Referral:
    """Take one step (not ``sent``: a referral is sent in a pack, :func:`send_pack`)."""
    if to is Status.SENT:
        raise InvalidValue("status", "a referral is sent in its platform's pack")
    current = get(graph, referral_id)
    lifecycle.check_step(current.status, to, note)
    _write_step(graph.write, current, to, by, now, note, evidence)
    return get(graph, referral_id)


def _write_step(
    write: Callable[..., list[Any]],
    current: Referral,
    to: Status,
    by: str,
    now: datetime,
    note: str | None,
    evidence: str | None,
    due_at: datetime | None = None,
    pack_id: str | None = None,
) -> None:
    done = write(
        load_query("removals/record_step"),
        id=current.id, to=to.value, by=by, at=now, note=note, evidence=evidence,
        due_at=due_at, pack_id=pack_id, step=len(current.steps) + 1,
        **{"from": current.status.value},
    )  # fmt: skip
    if not done:
        raise Conflict(f"removal referral {current.id} changed meanwhile; read it again")


def send_pack(graph: Graph, platform: str, by: str, now: datetime) -> tuple[str, list[Referral]]:
    """Mark the platform's approved referrals sent in one new pack, in one transaction, with
    the time the platform is given to answer; returns the pack id and its referrals (none:
    nothing was waiting). The pack's files are written from the graph afterwards
    (``packs.py``), so a pack can be written again, identically, whatever happens between."""
    due_hours = removal_policy().terms(platform).due_hours
    pack_id = f"{platform}-{now.strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:8]}"
    waiting = [r["id"] for r in graph.read(load_query("removals/approved_for_platform"),
                                           platform=platform)]  # fmt: skip
    referrals = many(graph, waiting)
    if not referrals:
        return pack_id, []

    def work(tx: ManagedTransaction) -> None:
        def write(query: Query, **params: Any) -> list[Any]:
            return list(send(tx, query, **params))

        for referral in referrals:
            lifecycle.check_step(referral.status, Status.SENT, None)
            _write_step(write, referral, Status.SENT, by, now, f"pack {pack_id}", None,
                        lifecycle.due_at(now, due_hours), pack_id)  # fmt: skip

    graph.write_tx(work)
    return pack_id, pack_members(graph, pack_id)


def pack_members(graph: Graph, pack_id: str) -> list[Referral]:
    ids = [r["id"] for r in graph.read(load_query("removals/pack_members"), pack_id=pack_id)]
    return many(graph, ids)


def queue(
    graph: Graph,
    statuses: Sequence[Status],
    now: datetime,
    platform: str | None = None,
    overdue_only: bool = False,
    limit: int = 51,
    after_key: str | None = None,
) -> list[tuple[str, Referral]]:
    """Referrals in ``statuses``, soonest due (or oldest drafted) first, each with its key in
    that order: at most ``limit`` of them after the one keyed ``after_key``."""
    rows = graph.read(
        load_query("removals/queue"),
        statuses=[s.value for s in statuses], platform=platform,
        due_before=now if overdue_only else None, after_key=after_key, limit=limit,
    )  # fmt: skip
    found = {r.id: r for r in many(graph, [row["id"] for row in rows])}
    return [(row["key"], found[row["id"]]) for row in rows if row["id"] in found]


def answered(graph: Graph, platform: str | None = None) -> list[stats.Answered]:
    rows = graph.read(load_query("removals/sent_referrals"), platform=platform, since=None,
                      until=None)  # fmt: skip
    return [
        stats.Answered(
            platform=r["platform"],
            offences=tuple(r["offences"] or ()),
            status=Status(r["status"]),
            sent_at=native(r["sent_at"]),
            answered_at=native(r["answered_at"]),
        )
        for r in rows
    ]
