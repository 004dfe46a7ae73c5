"""Duplicate linking against the graph: the matcher's lookups and decisions as Cypher.

:func:`link_in_tx` runs inside the transaction that writes new reports (``ingest/load.py``),
under a lock node, so a report is linked exactly once and two concurrent intakes cannot found
two clusters for one post. Candidates come from blocking keys (at most ``max_per_block`` per key,
the most recently listed), so the cost per report does not grow with the graph. A batch is
matched against its keys' lists as the graph holds them, and the lists it changes are written
as the matcher left them: a batch of any size links as its reports would one at a time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from neo4j import ManagedTransaction, Result

from graph.cases.creation import open_default_cases
from graph.cypher import load_query
from graph.db import from_wire_time, run, send, wire_time
from graph.dedup.blocking import report_keys
from graph.dedup.judgements import Judgement
from graph.dedup.matcher import Action, BatchMatcher, MatchDecision, match_report
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import DedupPolicy, default_policy
from graph.dedup.summary_cache import SUMMARIES, SummaryCache, new_version
from graph.judgements import store as kernel_store
from graph.judgements.kinds import CONTENT


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
        other_post_keys=tuple(record["other_post_keys"] or ()),
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
        "other_post_keys": list(summary.other_post_keys),
    }


def judgement_row(judgement: Judgement) -> dict[str, Any]:
    """One row of a content judgement create query (bulk writers batch them)."""
    return kernel_store.edge_row(judgement)


@dataclass
class LinkResult:
    """The batch's decisions and what they write (:meth:`Linking.write`)."""

    decisions: list[MatchDecision] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)  # report id -> cluster id
    touched: dict[str, ContentSummary] = field(default_factory=dict)  # by cluster id
    lists: dict[str, list[str]] = field(default_factory=dict)  # key -> its new list, if changed
    judgements: list[Judgement] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)


def lock_linker(tx: ManagedTransaction) -> int:
    """Take the linker lock for the rest of ``tx``; returns the hold's sequence number."""
    (record,) = run(tx, load_query("dedup/lock_linker"))
    return int(record["seq"])


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


class Linking:
    """One batch's linking, in steps so the caller can overlap them with its own writes.

    :meth:`start` is :meth:`look_up` (take the linker lock, read the blocking keys' lists and
    the listed clusters' versions) then :meth:`load` (their summaries: those this process holds
    at the graph's version from ``graph/dedup/summary_cache.py``, the rest from the graph);
    :meth:`finish` is :meth:`match` (pure Python) then :meth:`write`. Between the two, intake
    sends its ``create_reports`` (``graph.db.send``): Neo4j creates the reports while Python
    matches. Bulk intake runs load and match of the next batch in a thread of its own.
    """

    def __init__(
        self,
        reports: Sequence[tuple[ReportEvidence, datetime]],
        policy: DedupPolicy | None = None,
        keys_of: Mapping[str, Sequence[str]] | None = None,
        cache: SummaryCache = SUMMARIES,
    ) -> None:
        """``keys_of``: blocking keys already computed by the caller, by report key, under
        the same policy (intake computes them while it validates); the rest are computed here.
        ``cache``: summaries kept from earlier batches, used only at the graph's version."""
        self.reports = reports
        self.cache = cache
        self.policy = policy or default_policy()
        known = keys_of or {}
        self.keys_of: dict[str, Sequence[str]] = {
            evidence.report_key: known[evidence.report_key]
            if evidence.report_key in known
            else report_keys(evidence, self.policy)
            for evidence, _ in reports
        }
        self.seq = 0  # the linker lock's sequence number the lookups were made under
        # key -> its clusters in the graph that still exist, most recently indexed first
        self.ids_of_key: dict[str, list[str]] = {}
        self.version_of: dict[str, str | None] = {}  # cluster id -> its summary's version
        self.candidates: list[ContentSummary] = []  # every cluster the keys list, by id
        self.loaded = False

    def start(self, tx: ManagedTransaction) -> None:
        """Lock the linker and load every candidate the batch's reports can be offered."""
        self.look_up(tx)
        self.load(tx)

    def look_up(self, tx: ManagedTransaction) -> None:
        """Lock the linker and read the clusters listed under the batch's blocking keys, with
        their summary versions."""
        if not self.reports:
            return
        policy = self.policy
        self.seq = lock_linker(tx)
        all_keys = sorted({key for keys in self.keys_of.values() for key in keys})
        # Every key's list is now known (the lookup reads up to the cap lists are kept at), so
        # write can write each changed list whole.
        (found,) = run(
            tx,
            load_query("dedup/find_clusters_by_keys"),
            keys=all_keys,
            per_key=policy.max_per_block,
        )
        listed = dict(zip(found["keys"], found["lists"], strict=True))
        distinct = sorted({cid for ids in listed.values() for cid in ids})
        version_of: dict[str, str | None] = {}
        if distinct:
            (existing,) = run(tx, load_query("dedup/cluster_versions"), ids=distinct)
            version_of = {cid: version or None for cid, version in existing["found"]}
        self.version_of = version_of
        # A listed cluster an analyst's merge or split has since removed is left out here, and
        # dropped from its key's list when that list is next written.
        self.ids_of_key = {
            key: [cid for cid in ids if cid in version_of] for key, ids in listed.items()
        }

    def load(self, tx: ManagedTransaction | None) -> bool:
        """Gather the summaries of every cluster the batch's keys list: the kept ones, and the
        rest from the graph through ``tx``. Without a transaction (bulk intake's matcher
        thread) it answers False if any is not kept at the graph's version.

        Every listed cluster, not only those each report would be offered at the start: as the
        batch's reports found and join clusters, a key's list changes, and a cluster further
        down can become a later report's candidate, as it would had the reports come one at a
        time. The batch's reports list about as many clusters as they would be offered."""
        if self.loaded:
            return True
        wanted = {cid for ids in self.ids_of_key.values() for cid in ids}
        summaries = self.cache.get({cid: self.version_of[cid] for cid in wanted})
        missing = sorted(wanted - summaries.keys())
        if missing:
            if tx is None:
                return False
            fetched = [
                summary_from_record(record)
                for record in run(tx, load_query("dedup/clusters_by_ids"), ids=missing)
            ]
            self.cache.put((self.version_of[s.content_id], s) for s in fetched)
            summaries.update((s.content_id, s) for s in fetched)
        self.candidates = [summaries[cid] for cid in sorted(summaries)]
        self.loaded = True
        return True

    def finish(self, tx: ManagedTransaction) -> LinkResult:
        """Match, then write (see :meth:`match` and :meth:`write`)."""
        result = self.match()
        self.write(tx, result)
        return result

    def match(self) -> LinkResult:
        """Decide each report in arrival order against the candidates and the reports before
        it. Pure Python: bulk intake runs it for the next batch while this one commits."""
        if not self.loaded:
            raise RuntimeError("Linking.match before its candidates are loaded")
        result = LinkResult()
        policy = self.policy
        matcher = BatchMatcher(policy)  # afresh each time: a retried transaction matches again
        for summary in self.candidates:
            matcher.index.upsert(summary, ())
        for key, ids in self.ids_of_key.items():
            matcher.index.list_under(key, ids)
        for evidence, received_at in self.reports:
            keys = self.keys_of[evidence.report_key]
            decision = match_report(
                evidence, matcher.index.lookup, policy, now=received_at, keys=keys
            )
            summary = matcher.apply(decision, evidence, keys)
            result.touched[summary.content_id] = summary
            result.decisions.append(decision)
            result.clusters[evidence.report_key] = summary.content_id
            if decision.judgement is not None:
                result.judgements.append(decision.judgement)
            if decision.action is Action.REVIEW:
                result.reviews.append(_review_row(decision, received_at))
        # Each changed list is written as the index holds it: the same lists whatever the
        # batch's size (``BlockIndex.upsert``).
        for key in matcher.index.changed_keys():
            now_listed = matcher.index.listed(key)
            if now_listed != self.ids_of_key.get(key, []):
                result.lists[key] = now_listed
        return result

    def write(self, tx: ManagedTransaction, result: LinkResult) -> None:
        """Write clusters (opening the case of each new one), judgements, block keys and review
        items (sent together, run in turn). Safe to repeat in a retried transaction: it changes
        nothing it was given."""
        if not result.clusters:
            return
        version = new_version()
        moved = [{"report_id": r, "cluster_id": c} for r, c in result.clusters.items()]
        # Kept before the commit: if it fails, no cluster in the graph carries this version.
        self.cache.put((version, s) for s in result.touched.values())
        sent = [
            send(
                tx,
                load_query("dedup/upsert_clusters"),
                rows=[summary_row(s) for s in result.touched.values()],
                version=version,
            ),
            open_default_cases(tx, result.touched),
            # The content's counts move first: they read the cluster each report leaves.
            send(tx, load_query("dedup/count_content_reports"), rows=moved),
            send(tx, load_query("intel/move_victim_contents"), rows=moved),  # before, too
            send(tx, load_query("dedup/assign_reports"), rows=moved),
            *send_judgements(tx, result.judgements),
        ]
        if result.lists:
            rows = [{"key": key, "clusters": ids} for key, ids in result.lists.items()]
            sent.append(send(tx, load_query("dedup/set_block_keys"), rows=rows))
        if result.reviews:
            sent.append(send(tx, load_query("dedup/create_review_items"), rows=result.reviews))
        for pending in sent:
            pending.consume()


def link_in_tx(
    tx: ManagedTransaction,
    reports: Sequence[tuple[ReportEvidence, datetime]],
    policy: DedupPolicy | None = None,
) -> LinkResult:
    """Match new reports (in arrival order) against the graph's clusters and each other."""
    linking = Linking(reports, policy)
    linking.start(tx)
    return linking.finish(tx)


def send_judgements(tx: ManagedTransaction, judgements: Sequence[Judgement]) -> list[Result]:
    """Send the judgements' writes without waiting for them (see ``graph.db.send``)."""
    return kernel_store.send_judgements(tx, CONTENT, judgements)


def write_judgements(tx: ManagedTransaction, judgements: Sequence[Judgement]) -> None:
    """Create the judgements' edges and mark what each supersedes."""
    kernel_store.write_judgements(tx, CONTENT, judgements)
