"""Analysts' decisions on duplicates, applied to the graph: confirm, reject, merge, split, undo.

Each decision adds judgements (superseding, never deleting, older ones) and re-derives the
clusters of the reports it touches (:func:`graph.dedup.clusters.derive_clusters`), in one
transaction under the linker lock. Because clusters are derived, a split after a merge restores
the previous clusters exactly, and an analyst's NOT_SAME is respected by every later automatic
match (the matcher's join becomes a system judgement that derivation refuses to apply).

Derivation names a cluster after its first-ranked member (:mod:`graph.dedup.clusters`), and the
linker names a cluster after the report that founds it: the first it links, which need not be
the first the hub received (a live referral can commit while a bulk batch read before it is
still being written; a journalled referral is written when Neo4j is back). So the reports are
ranked founders first (:func:`derivation_order`), by when each founded its cluster (its
default case opened, ``dedup/founded_clusters``): the cluster an analyst names is the one
derived, and its id is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.cases.creation import default_case_id, open_default_cases
from graph.cypher import load_query
from graph.db import Graph, from_wire_time, run
from graph.dedup import clusters as cluster_ops
from graph.dedup import judgements as judgement_ops
from graph.dedup.blocking import report_keys
from graph.dedup.clusters import Clusters, derive_clusters
from graph.dedup.evidence_props import evidence_from_record
from graph.dedup.judgements import Judgement, JudgementLog, Verdict, judge
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import default_policy
from graph.dedup.store import lock_linker, summary_row, write_judgements
from graph.dedup.summary_cache import new_version
from graph.errors import Conflict, InvalidValue, NotFound
from graph.judgements.kinds import CONTENT
from graph.judgements.store import load_log

Decide = Callable[[JudgementLog, Clusters], list[Judgement]]
_DAWN = datetime.min.replace(tzinfo=UTC)  # sorts a founder the graph gives no time for


def derivation_order(
    reports: Sequence[tuple[str, str | None]], founded: Mapping[str, datetime | None]
) -> list[str]:
    """The order clusters are derived in, from each report (in arrival order) with its cluster
    now, and ``founded``: when each report that ever founded a cluster founded it (None when
    the graph does not say). Derivation names a cluster after its first-ranked member, so:

    1. the founders of the clusters the graph holds come first, the oldest cluster's first: a
       cluster a decision leaves whole keeps its id, merged clusters keep the oldest one's,
       and undoing a split gives each part the id it had;
    2. then the reports whose clusters were merged away, oldest first: splitting one back out
       gives it its id again;
    3. then the rest, in arrival order: a part with no founder is named after its first.
    """
    position = {report: i for i, (report, _) in enumerate(reports)}

    def rank(item: tuple[str, str | None]) -> tuple[int, bool, datetime, int]:
        report, cluster_id = item
        if cluster_id == cluster_ops.content_id_for(report):
            tier = 0
        else:
            tier = 1 if report in founded else 2
        at = founded.get(report)
        return (tier, at is None, at or _DAWN, position[report])

    return [report for report, _ in sorted(reports, key=rank)]


def _load(
    tx: ManagedTransaction, cluster_ids: Iterable[str]
) -> tuple[list[str], dict[str, ReportEvidence], JudgementLog]:
    records = run(tx, load_query("dedup/reports_of_clusters"), cluster_ids=sorted(set(cluster_ids)))
    if not records:
        raise NotFound("no such content")
    arrivals = [(r["id"], r["cluster_id"]) for r in records]
    cases = [
        {"report_id": r, "case_id": default_case_id(cluster_ops.content_id_for(r))}
        for r, _ in arrivals
    ]
    founded = {
        f["report_id"]: from_wire_time(f["founded_at"])
        for f in run(tx, load_query("dedup/founded_clusters"), rows=cases)
    }
    order = derivation_order(arrivals, founded)
    evidence = {r["id"]: evidence_from_record(r["id"], r) for r in records}
    return order, evidence, load_log(tx, CONTENT, report_ids=order)


def _rewrite(
    tx: ManagedTransaction,
    order: Sequence[str],
    evidence: dict[str, ReportEvidence],
    derived: Clusters,
    previous_ids: Iterable[str],
) -> None:
    policy = default_policy()
    summaries = []
    blocks: dict[str, dict[str, None]] = {}  # key -> the clusters to list first under it
    for content_id, members in derived.members.items():
        summary = ContentSummary.found(content_id, evidence[members[0]])
        for member in members[1:]:
            summary = summary.absorb(evidence[member], policy.max_texts, policy.max_handles)
        summaries.append(summary_row(summary))
        for member in members:
            for key in report_keys(evidence[member], policy):
                blocks.setdefault(key, {})[content_id] = None
    run(tx, load_query("dedup/upsert_clusters"), rows=summaries, version=new_version())
    open_default_cases(tx, derived.members).consume()
    moved = [{"report_id": r, "cluster_id": derived.content_of[r]} for r in order]
    run(tx, load_query("dedup/count_content_reports"), rows=moved)  # before they move
    run(tx, load_query("intel/move_victim_contents"), rows=moved)  # before they move, too
    run(tx, load_query("dedup/assign_reports"), rows=moved)
    gone = sorted(set(previous_ids) - set(derived.members))
    run(
        tx,
        load_query("dedup/touch_block_keys"),
        rows=[{"key": key, "clusters": list(ids)} for key, ids in blocks.items()],
        gone=gone,
        cap=policy.max_per_block,
    )
    if gone:
        run(tx, load_query("dedup/delete_clusters"), ids=gone)


def _decide(
    graph: Graph, cluster_ids: Iterable[str], decide: Decide, actor: str, resolves: Sequence[str]
) -> Clusters:
    if not actor.strip():
        raise InvalidValue("actor", "is required")
    at = datetime.now(UTC)
    cluster_ids = sorted(set(cluster_ids))

    def work(tx: ManagedTransaction) -> Clusters:
        lock_linker(tx)
        order, evidence, log = _load(tx, cluster_ids)
        before = derive_clusters(order, log)
        new = decide(log, before)
        updated = log.add(*new)  # checks that what is superseded is active
        write_judgements(tx, new)
        derived = derive_clusters(order, updated)
        _rewrite(tx, order, evidence, derived, cluster_ids)
        if resolves:
            run(
                tx,
                load_query("dedup/resolve_review_items"),
                report_ids=list(resolves),
                status="decided",
                actor=actor,
                at=at,
            )
        return derived

    return graph.write_tx(work)


def _endpoints(graph: Graph, judgement_id: str) -> dict[str, Any]:
    rows = graph.read(load_query("dedup/judgement_endpoints"), id=judgement_id)
    if not rows:
        raise NotFound(f"judgement {judgement_id!r} does not exist")
    return rows[0]


def confirm_judgement(graph: Graph, judgement_id: str, actor: str) -> Clusters:
    ends = _endpoints(graph, judgement_id)
    return _decide(
        graph,
        [ends["a_cluster"], ends["b_cluster"]],
        lambda log, _c: [judgement_ops.confirm(log, judgement_id, actor, datetime.now(UTC))],
        actor,
        [ends["a"], ends["b"]],
    )


def reject_judgement(graph: Graph, judgement_id: str, actor: str, reason: str) -> Clusters:
    _require_reason(reason)
    ends = _endpoints(graph, judgement_id)
    return _decide(
        graph,
        [ends["a_cluster"], ends["b_cluster"]],
        lambda log, _c: [judgement_ops.reject(log, judgement_id, actor, datetime.now(UTC), reason)],
        actor,
        [ends["a"], ends["b"]],
    )


def undo_judgement(graph: Graph, judgement_id: str, actor: str) -> Clusters:
    ends = _endpoints(graph, judgement_id)
    return _decide(
        graph,
        [ends["a_cluster"], ends["b_cluster"]],
        lambda log, _c: judgement_ops.undo(log, judgement_id, actor, datetime.now(UTC)),
        actor,
        [],
    )


def merge_contents(
    graph: Graph, content_a: str, content_b: str, actor: str, reason: str
) -> Clusters:
    _require_reason(reason)
    return _decide(
        graph,
        [content_a, content_b],
        lambda log, c: [
            cluster_ops.merge(
                log, c, content_a, content_b, actor=actor, at=datetime.now(UTC), reason=reason
            )
        ],
        actor,
        [],
    )


def split_content(
    graph: Graph, content_id: str, report_ids: Sequence[str], actor: str, reason: str
) -> Clusters:
    _require_reason(reason)
    return _decide(
        graph,
        [content_id],
        lambda log, c: [
            cluster_ops.split(
                log, c, content_id, report_ids, actor=actor, at=datetime.now(UTC), reason=reason
            )
        ],
        actor,
        list(report_ids),
    )


def pending_review_item(rows: list[dict[str, Any]], review_id: str) -> dict[str, Any]:
    """The review item read by ``dedup/review_item``, while an analyst may still answer it."""
    if not rows:
        raise NotFound(f"review item {review_id!r} does not exist")
    item = rows[0]
    if item["status"] != "pending":
        raise Conflict(f"review item {review_id} was already {item['status']}")
    if item["candidate_anchor"] is None:
        raise Conflict(f"the candidate content of {review_id} no longer exists; merge instead")
    return item


def decide_review(graph: Graph, review_id: str, same: bool, actor: str, reason: str) -> Clusters:
    """An analyst's answer to a review item: the report is (or is not) the candidate content."""
    _require_reason(reason)
    item = pending_review_item(graph.read(load_query("dedup/review_item"), id=review_id), review_id)
    verdict = Verdict.SAME_CONTENT if same else Verdict.NOT_SAME

    def decide(_log: JudgementLog, _c: Clusters) -> list[Judgement]:
        return [
            judge(
                item["report_id"], item["candidate_anchor"], verdict, score=1.0,
                features={"review": review_id, "system_score": item["score"]},
                actor=actor, at=datetime.now(UTC), reason=reason,
            )
        ]  # fmt: skip

    return _decide(
        graph,
        [item["report_cluster"], item["candidate_cluster_id"]],
        decide,
        actor,
        [item["report_id"]],
    )


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise InvalidValue("reason", "is required: say why, for the record")
