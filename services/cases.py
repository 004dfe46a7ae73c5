"""Cases: reading one (its assessment, assignment, history and suggested joins), the queue of
cases awaiting a recording decision, the analyst's facts, decisions and (re)assignments, a
force's outcome, and merging and splitting cases.

Everything here is hub casework except the outcome, which hub staff and force officers record;
a force officer only for a case assigned to their force (the force scope, applied below).
A force's own view of cases is ``services/force_view.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import copy_context
from datetime import date
from typing import Any, TypeVar

from graph.access import Capability
from graph.assessment.models import Assessment, Recommendation
from graph.assignment.models import ForceAssignment
from graph.cases import grouping_store, outcome_store
from graph.cases import store as cases_store
from graph.cases.models import (
    AssessedCase,
    CaseChange,
    CaseSummary,
    CaseToAssess,
    DeadlineName,
    JoinSuggestion,
    OutcomeType,
)
from graph.cases.outcome_rules import RecordedOutcome
from graph.cases.store import CaseView
from graph.db import Graph
from graph.errors import Forbidden, NotFound
from graph.viewer import Viewer
from services import advice
from services.paging import Page, PageRequest, ranked_page
from services.use_case import Caller, use_case

C = Capability

RULES: Mapping[str, Capability] = {
    "read_case": C.HUB_CASEWORK,
    "cases_by_ids": C.HUB_CASEWORK,
    "assessed_cases": C.HUB_CASEWORK,
    "case_histories": C.HUB_CASEWORK,
    "suggested_joins": C.HUB_CASEWORK,
    "cases_to_assess": C.HUB_CASEWORK,
    "record_case_facts": C.HUB_CASEWORK,
    "decide_assessment": C.HUB_CASEWORK,
    "assign_case": C.HUB_CASEWORK,
    "reassign_case": C.HUB_CASEWORK,
    "report_outcome": C.RECORD_OUTCOME,  # then only hub staff or the force it is assigned to
    "merge_cases": C.HUB_CASEWORK,
    "split_case": C.HUB_CASEWORK,
}

K = TypeVar("K")
V = TypeVar("V")


# Reading cases


@use_case
def read_case(caller: Caller, case_id: str) -> CaseSummary:
    found = cases_store.cases_by_ids(caller.graph, [case_id], caller.viewer).get(case_id)
    if found is None:
        raise NotFound(f"case {case_id!r} does not exist")
    return found


@use_case
def cases_by_ids(caller: Caller, case_ids: list[str]) -> list[CaseSummary | None]:
    """Each case asked for, or ``None`` where there is none (a batch, for a DataLoader)."""
    found = cases_store.cases_by_ids(caller.graph, case_ids, caller.viewer)
    return [found.get(case_id) for case_id in case_ids]


@use_case
def assessed_cases(caller: Caller, case_ids: list[str]) -> list[AssessedCase | Exception]:
    """Each case's live assessment and assignment, or the error that stopped it (a batch, for a
    DataLoader: a case's ``assessment`` and ``assignment`` read the same evidence, which for a
    viral case means every report's people, so a request works each case out once), with the
    join suggestions read with them."""

    def assessed(case_id: str) -> AssessedCase:
        view = cases_store.view(caller.graph, case_id)
        return AssessedCase(view.assessment, view.assignment, view.joins)

    return _each(assessed, case_ids)


@use_case
def case_histories(caller: Caller, case_ids: list[str]) -> list[list[CaseChange]]:
    """The merges and splits that touched each case, newest first (a batch)."""
    found = grouping_store.histories(caller.graph, case_ids, caller.viewer)
    return [found.get(case_id, []) for case_id in case_ids]


@use_case
def suggested_joins(caller: Caller, case_id: str) -> list[JoinSuggestion]:
    return grouping_store.suggested_joins(caller.graph, case_id)


@use_case
def cases_to_assess(caller: Caller, page: PageRequest) -> Page[CaseToAssess]:
    """Open cases awaiting a recording decision, oldest first, with the 24-hour deadline."""
    read = cases_store.awaiting_decision(caller.graph, page.offset + page.first + 1)
    ids = ranked_page(read[page.offset :], page)
    views = _each(lambda case_id: cases_store.view(caller.graph, case_id), ids.values)
    found = {view.evidence.case_id: view for view in map(_raised, views)}
    return ids.map(lambda case_id: _to_assess(case_id, found[case_id]))


def _to_assess(case_id: str, view: CaseView) -> CaseToAssess:
    deadline = next(
        d for d in view.assessment.deadlines if d.name == DeadlineName.CRIME_RECORDING_DECISION
    )
    return CaseToAssess(case_id, view.evidence.received_at, deadline.due_at, deadline.status)


# The analyst's work


@use_case
def record_case_facts(caller: Caller, case_id: str, facts: Mapping[str, Any]) -> Assessment:
    """Record facts an analyst established (a new version; earlier ones are kept)."""
    return cases_store.record_facts(caller.graph, case_id, dict(facts), _who(caller)).assessment


@use_case
def decide_assessment(
    caller: Caller,
    case_id: str,
    accept: bool,
    reason: str,
    recommendation: Recommendation | None = None,
) -> Assessment:
    """Accept the recommendation, or override it with ``recommendation``, with a reason."""
    return cases_store.decide(caller.graph, case_id, accept, _who(caller), reason, recommendation)


@use_case
def assign_case(caller: Caller, case_id: str) -> ForceAssignment:
    """Record the assignment the rules give, with their reasons, and the guidance it carries
    to the force (``services/advice.py``)."""
    assignment = cases_store.assign_case(caller.graph, case_id, _who(caller))
    advice.attach_guidance(caller, case_id)
    return assignment


@use_case
def reassign_case(caller: Caller, case_id: str, to_force: str, reason: str) -> ForceAssignment:
    assignment = cases_store.assign_case(caller.graph, case_id, _who(caller), to_force, reason)
    advice.attach_guidance(caller, case_id)
    return assignment


@use_case
def report_outcome(
    caller: Caller,
    case_id: str,
    code: OutcomeType,
    named_suspect: bool,
    supervisor_justification: str | None = None,
    outcome_on: date | None = None,
    note: str | None = None,
) -> RecordedOutcome:
    """A force reports the case's outcome, reached on ``outcome_on`` (today when not given;
    never in the future nor before the case was opened), with an optional note; only hub
    staff or the force it is assigned to may."""
    if not _may_report(caller.viewer, caller.graph, case_id):
        raise Forbidden("only the force the case is assigned to reports its outcome")
    return outcome_store.record_outcome(
        caller.graph, case_id, code.value, named_suspect, caller.viewer,
        supervisor_justification, outcome_on, note,
    )  # fmt: skip


def _may_report(viewer: Viewer, graph: Graph, case_id: str) -> bool:
    if viewer.is_hub_staff:
        return True
    return viewer.force_code is not None and (
        cases_store.assigned_force(graph, case_id) == viewer.force_code
    )


@use_case
def merge_cases(caller: Caller, into: str, others: list[str], reason: str) -> CaseChange:
    """Join other cases' content into ``into``; the others become merged."""
    return grouping_store.merge_cases(caller.graph, into, others, _who(caller), reason)


@use_case
def split_case(caller: Caller, case_id: str, content_ids: list[str], reason: str) -> CaseChange:
    """Split content items off a case into a case of their own."""
    return grouping_store.split_case(caller.graph, case_id, content_ids, _who(caller), reason)


def _who(caller: Caller) -> str:
    return caller.viewer.user_id


def _each(work: Callable[[K], V], keys: Sequence[K]) -> list[V | Exception]:
    """``work`` for each key, side by side (the driver blocks on each round trip), each in the
    calling use case's context; a key's error is returned in its place."""

    def attempt(key: K) -> V | Exception:
        try:
            return work(key)
        except Exception as error:  # handed back: the caller raises it where it is asked for
            return error

    if len(keys) <= 1:
        return [attempt(key) for key in keys]
    with ThreadPoolExecutor(max_workers=min(len(keys), 8)) as pool:
        return list(pool.map(lambda f: f(), [_in_context(attempt, key) for key in keys]))


def _in_context(fn: Callable[[K], V], key: K) -> Callable[[], V]:
    context = copy_context()  # taken here, in the use case's thread
    return lambda: context.run(fn, key)


def _raised(value: V | Exception) -> V:
    if isinstance(value, Exception):
        raise value
    return value
