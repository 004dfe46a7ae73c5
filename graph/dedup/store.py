"""Duplicate linking against the graph: the matcher's lookups and decisions as Cypher.

:func:`link_in_tx` runs inside the transaction that writes new reports (``ingest/load.py``),
under a lock node, so a report is linked exactly once and two concurrent intakes cannot found
two clusters for one post. Candidates come from blocking keys (at most ``max_per_block`` per key,
the most recently touched), so the cost per report does not grow with the graph.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import from_wire_time, run, wire_time
from graph.dedup.blocking import candidates_in_graph, report_keys
from graph.dedup.judgements import Judgement, Verdict
from graph.dedup.matcher import Action, BatchMatcher, MatchDecision, match_report
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import DedupPolicy, default_policy

JUDGEMENT_QUERY = {
    Verdict.SAME_CONTENT: "dedup/create_same_content_judgements",
    Verdict.NOT_SAME: "dedup/create_not_same_judgements",
    Verdict.UNSURE: "dedup/create_unsure_judgements",
}


def summary_from_record(record: dict[str, Any]) -> ContentSummary:
    return ContentSummary(
        content_id=record["id"],
        anchor_report_key=record["anchor"],
        platform=record["platform"],
        post_key=record["post_key"],
        handles=tuple(record["handles"] or ()),
        texts=tuple(record["texts"] or ()),
        first_at=from_wire_time(record["first_at"]),
        last_at=from_wire_time(record["last_at"]),
        victim_keys=frozenset(record["victim_keys"] or ()),
        report_count=int(record["report_count"]),
    )


def summary_row(summary: ContentSummary) -> dict[str, Any]:
    return {
        "id": summary.content_id,
        "anchor": summary.anchor_report_key,
        "platform": summary.platform,
        "post_key": summary.post_key,
        "handles": list(summary.handles),
        "texts": list(summary.texts),
        "first_at": wire_time(summary.first_at),
        "last_at": wire_time(summary.last_at),
        "victim_keys": sorted(summary.victim_keys),
        "report_count": summary.report_count,
    }


def judgement_row(judgement: Judgement) -> dict[str, Any]:
    return {"left": judgement.left, "right": judgement.right, "props": judgement.edge_properties()}


@dataclass
class LinkResult:
    decisions: list[MatchDecision] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)  # report id -> cluster id


def _review_row(decision: MatchDecision, at: datetime) -> dict[str, Any]:
    best = decision.candidates[0] if decision.candidates else None
    ident = hashlib.blake2b(decision.report_key.encode(), digest_size=10).hexdigest()
    return {
        "id": f"review:{ident}",
        "report_id": decision.report_key,
        "candidate_cluster_id": best.content_id if best else None,
        "score": decision.score if best is None else best.score,
        "reason": decision.reason,
        "explanation": json.dumps(decision.explanation, sort_keys=True, default=str),
        "candidates": [c.content_id for c in decision.candidates],
        "at": wire_time(at),
    }


def link_in_tx(
    tx: ManagedTransaction,
    reports: Sequence[tuple[ReportEvidence, datetime]],
    policy: DedupPolicy | None = None,
) -> LinkResult:
    """Match new reports (in arrival order) against the graph's clusters and each other."""
    result = LinkResult()
    if not reports:
        return result
    policy = policy or default_policy()
    run(tx, load_query("dedup/lock_linker"))
    keys_of = {evidence.report_key: report_keys(evidence, policy) for evidence, _ in reports}
    all_keys = sorted({key for keys in keys_of.values() for key in keys})
    matcher = BatchMatcher(policy)
    ids_of_key = {
        record["key"]: record["ids"]
        for record in run(
            tx,
            load_query("dedup/find_clusters_by_keys"),
            keys=all_keys,
            per_key=policy.max_per_block,
        )
    }
    # Every existing (key, cluster) edge of these keys is now known: the lookup fetches up to
    # the cap that pruning keeps. Only edges not among them need writing.
    indexed = {(key, cid) for key, ids in ids_of_key.items() for cid in ids}
    wanted = candidates_in_graph(keys_of.values(), ids_of_key, policy.max_candidates)
    if wanted:
        keys_of_cluster: dict[str, list[str]] = {}
        for key, ids in ids_of_key.items():
            for cid in ids:
                if cid in wanted:
                    keys_of_cluster.setdefault(cid, []).append(key)
        for record in run(tx, load_query("dedup/clusters_by_ids"), ids=sorted(wanted)):
            matcher.index.upsert(summary_from_record(record), keys_of_cluster[record["id"]])

    touched: dict[str, ContentSummary] = {}
    blocks: dict[tuple[str, str], datetime] = {}
    judgements: list[Judgement] = []
    reviews: list[dict[str, Any]] = []
    for evidence, received_at in reports:
        keys = keys_of[evidence.report_key]
        decision = match_report(evidence, matcher.index.lookup, policy, now=received_at, keys=keys)
        summary = matcher.apply(decision, evidence, keys)
        touched[summary.content_id] = summary
        result.decisions.append(decision)
        result.clusters[evidence.report_key] = summary.content_id
        if decision.action is not Action.REVIEW:
            block_keys = keys
        else:  # pending review: findable only by its exact post until an analyst decides
            block_keys = [f"post|{evidence.post_key}"] if evidence.post_key else []
        for key in block_keys:
            if (key, summary.content_id) not in indexed:
                blocks[(key, summary.content_id)] = received_at
        if decision.judgement is not None:
            judgements.append(decision.judgement)
        if decision.action is Action.REVIEW:
            reviews.append(_review_row(decision, received_at))

    run(tx, load_query("dedup/upsert_clusters"), rows=[summary_row(s) for s in touched.values()])
    run(
        tx,
        load_query("dedup/assign_reports"),
        rows=[{"report_id": r, "cluster_id": c} for r, c in result.clusters.items()],
    )
    write_judgements(tx, judgements)
    if blocks:
        rows = [{"key": k, "cluster_id": c, "at": wire_time(at)} for (k, c), at in blocks.items()]
        run(tx, load_query("dedup/add_block_keys"), rows=rows)
        run(
            tx,
            load_query("dedup/prune_block_keys"),
            keys=sorted({k for k, _ in blocks}),
            cap=policy.max_per_block,
        )
    if reviews:
        run(tx, load_query("dedup/create_review_items"), rows=reviews)
    return result


def write_judgements(tx: ManagedTransaction, judgements: Sequence[Judgement]) -> None:
    for verdict, query in JUDGEMENT_QUERY.items():
        rows = [judgement_row(j) for j in judgements if j.verdict is verdict]
        if rows:
            run(tx, load_query(query), rows=rows)
