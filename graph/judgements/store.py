"""A kind's judgement edges in the graph, inside a caller's transaction: read them back as a
log, create new ones (one query file per verdict) and mark what they supersede. Times are
Neo4j ``DATETIME`` values (``queries/upgrades/006_judgement_times`` converts older text)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction, Result

from graph.cypher import load_query
from graph.db import native, run, send
from graph.judgements.kinds import Kind
from graph.judgements.records import Judgement, JudgementLog, V, Verdicts


def judgement_of(verdicts: Verdicts[V], a: str, b: str, props: dict[str, Any]) -> Judgement[V]:
    """A judgement edge's properties (as ``Judgement.edge_properties`` wrote them) read back."""
    at = native(props["at"])
    if not isinstance(at, datetime):
        raise TypeError(f"judgement {props['id']}: 'at' is {at!r}, not a datetime")
    left, right = sorted((a, b))
    verdict = type(verdicts.same)(props["verdict"])
    return Judgement(
        id=props["id"], left=left, right=right, verdict=verdict, score=float(props["score"]),
        evidence=json.loads(props[verdicts.evidence_property]), actor=props["actor"], at=at,
        reason=props["reason"], supersedes=tuple(props.get("supersedes") or ()),
        superseded_by=props.get("superseded_by"), verdicts=verdicts,
    )  # fmt: skip


def load_log(tx: ManagedTransaction, kind: Kind[V], **params: Any) -> JudgementLog[V]:
    """The kind's judgements (rows ``a``, ``b``, ``props``), in the order made."""
    rows = run(tx, load_query(kind.judgements), **params)
    found = (judgement_of(kind.verdicts, r["a"], r["b"], r["props"]) for r in rows)
    return JudgementLog(tuple(found)).ordered()


def edge_row(judgement: Judgement[V]) -> dict[str, Any]:
    """One row of a create query: the two records and the edge's properties."""
    return {"left": judgement.left, "right": judgement.right, "props": judgement.edge_properties()}


def send_judgements(
    tx: ManagedTransaction, kind: Kind[V], judgements: Sequence[Judgement[V]]
) -> list[Result]:
    """Send the new judgements' edges without waiting for them (see ``graph.db.send``)."""
    sent = []
    for verdict, name in kind.create.items():
        rows = [edge_row(j) for j in judgements if j.verdict is verdict]
        if rows:
            sent.append(send(tx, load_query(name), rows=rows))
    return sent


def write_judgements(
    tx: ManagedTransaction, kind: Kind[V], judgements: Sequence[Judgement[V]]
) -> None:
    """Create the new judgements' edges and mark what each supersedes."""
    for pending in send_judgements(tx, kind, judgements):
        pending.consume()
    for judgement in judgements:
        if judgement.supersedes:
            run(tx, load_query(kind.supersede), ids=list(judgement.supersedes), by=judgement.id)


def assign(tx: ManagedTransaction, kind: Kind[V], cluster_of: dict[str, str]) -> None:
    """Record each record's derived cluster (``person_id``) where the kind keeps one."""
    if kind.assign is None:
        raise ValueError(f"{kind.name} judgements record no cluster on their records")
    if cluster_of:
        rows = [{"key": k, "person_id": p} for k, p in cluster_of.items()]
        run(tx, load_query(kind.assign), rows=rows)
