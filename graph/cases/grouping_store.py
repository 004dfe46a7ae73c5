"""Case merges, splits and join suggestions against the graph (rules in ``grouping.py``).

Merges and splits lock the cases they read (``cases/lock_case_groups``), plan with the pure
rules and write the plan in the same transaction. Suggestions (never applied automatically)
come from :func:`graph.cases.suggestions.suggest_cases` over the case's own content and the content
found under the same account's blocking keys, so the cost does not grow with the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from neo4j import ManagedTransaction

from graph.cases.creation import default_case_id
from graph.cases.grouping import CaseState, plan_merge, plan_split
from graph.cases.models import CaseChange, ChangeKind, JoinSuggestion
from graph.cases.suggestions import CaseSuggestion, suggest_cases
from graph.cypher import load_query
from graph.db import Graph, Record, native, run, wire_time
from graph.dedup.blocking import handle_keys
from graph.dedup.policy import default_policy
from graph.dedup.store import summary_from_record
from graph.errors import NotFound
from graph.viewer import Viewer

Clock = Callable[[], datetime]


def _now() -> datetime:
    return datetime.now(UTC)


def _lock(tx: ManagedTransaction, ids: Sequence[str]) -> dict[str, CaseState]:
    rows = run(tx, load_query("cases/lock_case_groups"), ids=sorted(set(ids)))
    return {
        r["id"]: CaseState(r["id"], r["status"], tuple(r["content_ids"]), r["merged_into"])
        for r in rows
    }


def _found(states: dict[str, CaseState], case_id: str, field: str) -> CaseState:
    state = states.get(case_id)
    if state is None:
        raise NotFound(f"{field}: no case {case_id!r}")
    return state


def _write(tx: ManagedTransaction, change: CaseChange) -> None:
    run(
        tx,
        load_query("cases/apply_case_change"),
        change={
            "id": change.id, "kind": change.kind, "case_id": change.case_id,
            "actor": change.actor, "at": wire_time(change.at), "reason": change.reason,
        },
        moves=[{"content_id": c, "case_id": k} for c, k in change.moves],
        closed=list(change.closed),
        reopened=list(change.reopened),
        created=change.created,
        cases=list(change.cases),
    )  # fmt: skip


def merge_cases(
    graph: Graph,
    into: str,
    others: Sequence[str],
    actor: str,
    reason: str,
    now: Clock = _now,
) -> CaseChange:
    """Join the content of ``others`` into case ``into``; the others become ``merged``."""

    def work(tx: ManagedTransaction) -> CaseChange:
        states = _lock(tx, [into, *others])
        target = _found(states, into, "into")
        rest = [_found(states, o, f"others[{i}]") for i, o in enumerate(others)]
        change = plan_merge(target, rest, actor, reason, now())
        _write(tx, change)
        return change

    return graph.write_tx(work)


def split_case(
    graph: Graph,
    case_id: str,
    content_ids: Sequence[str],
    actor: str,
    reason: str,
    now: Clock = _now,
) -> CaseChange:
    """Move ``content_ids`` out of ``case_id`` (into their own dormant case, or a new one)."""

    def work(tx: ManagedTransaction) -> CaseChange:
        homes = [default_case_id(c) for c in content_ids]
        states = _lock(tx, [case_id, *homes])
        case = _found(states, case_id, "caseId")
        dormant = {k: v for k, v in states.items() if k != case_id}
        change = plan_split(case, content_ids, dormant, actor, reason, now())
        _write(tx, change)
        return change

    return graph.write_tx(work)


def _change(item: Record) -> CaseChange:
    return CaseChange(
        id=item["id"], kind=ChangeKind(item["kind"]), case_id=item["subject_case"],
        moves=tuple(zip(item["moved_contents"], item["moved_to"], strict=True)),
        closed=tuple(item["closed"]), reopened=tuple(item["reopened"]), created=item["created"],
        actor=item["actor"], at=native(item["at"]), reason=item["reason"],
    )  # fmt: skip


def histories(graph: Graph, case_ids: list[str], viewer: Viewer) -> dict[str, list[CaseChange]]:
    """The merges and splits that touched each case, newest first (hub staff only: the query
    returns nothing to anyone else)."""
    rows = graph.read(
        load_query("cases/case_history"), ids=case_ids, viewer_sees_all=viewer.sees_all_forces
    )
    return {r["case_id"]: [_change(item) for item in r["items"]] for r in rows}


@dataclass(frozen=True, slots=True)
class Occasions:
    """What the join suggestions see around one case: every group of content in which one
    account targeted one victim on enough occasions (the case's own and its neighbours'), the
    open case each neighbouring content item is in, and the case's own content items."""

    groups: tuple[CaseSuggestion, ...]
    cases_of: dict[str, str]
    mine: frozenset[str]


def occasions_around(tx: ManagedTransaction, case_id: str) -> Occasions:
    """The course-of-conduct groups touching ``case_id``: the count ``suggestedJoins`` makes,
    over the case's own content (merged cases included) and content found under the same
    account's blocking keys in other open cases."""
    policy = default_policy()
    own = run(tx, load_query("cases/case_clusters"), case_id=case_id)
    if not own:
        return Occasions((), {}, frozenset())
    summaries = {r["id"]: summary_from_record(r) for r in own}
    keys = sorted(
        {
            handle_keys(s.platform, h, policy.handle_affix_chars)[0]
            for s in summaries.values()
            for h in s.handles
            if handle_keys(s.platform, h, policy.handle_affix_chars)
        }
    )
    (found,) = run(
        tx, load_query("dedup/find_clusters_by_keys"), keys=keys, per_key=policy.max_per_block
    )
    others = sorted({cid for ids in found["lists"] for cid in ids} - set(summaries))
    cases_of: dict[str, str] = {}
    if others:
        for r in run(tx, load_query("cases/open_cases_of_clusters"), ids=others):
            cases_of[r["cluster_id"]] = r["case_id"]
            summaries[r["cluster_id"]] = summary_from_record(r)
    mine = frozenset(r["id"] for r in own)
    groups = tuple(
        s for s in suggest_cases(summaries.values(), policy) if mine & set(s.content_ids)
    )
    return Occasions(groups, cases_of, mine)


def joins_from(around: Occasions, case_id: str) -> list[JoinSuggestion]:
    """The join suggestions the occasions around ``case_id`` make: each group holding content
    of another open case."""
    out = []
    for s in around.groups:
        theirs = [c for c in s.content_ids if around.cases_of.get(c, case_id) != case_id]
        if not theirs:
            continue
        out.append(
            JoinSuggestion(
                id=s.suggestion_id,
                case_ids=tuple(sorted({around.cases_of[c] for c in theirs})),
                content_ids=s.content_ids,
                platform=s.platform,
                account=s.account,
                occasions=s.occasions,
                reason=s.reason,
            )
        )
    return out


def suggested_joins(graph: Graph, case_id: str) -> list[JoinSuggestion]:
    """Suggestions to join ``case_id`` with other open cases (same account, same victim)."""
    return graph.read_tx(lambda tx: joins_from(occasions_around(tx, case_id), case_id))
