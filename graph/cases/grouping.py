"""Merging and splitting cases: which content items move to which case, decided without I/O.

A case starts as one content item (``case:<content id>``). Analysts join content items into one
case (a course of conduct, one investigation) and split them apart again, each time with a
reason. Nothing is deleted: a case merged into another keeps its facts, decisions and
assignments, is marked ``merged`` with ``merged_into``, and concerns no content while merged.
Splitting a content item back out reopens its own dormant case when there is one, so a merge
followed by a split of the same items restores the earlier cases with their history; otherwise
the split creates a new case. Every change is recorded as a ``CaseChange`` (who, when, why, and
exactly what moved), the case's history.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.cases.creation import default_case_id
from graph.cases.models import CaseChange, CaseStatus, ChangeKind
from graph.errors import InvalidInput, InvalidValue, Problem

OPEN_STATUSES = frozenset({CaseStatus.OPEN})
MERGED = CaseStatus.MERGED


@dataclass(frozen=True, slots=True)
class CaseState:
    """A case as stored: its status and the content items it concerns now."""

    id: str
    status: str
    content_ids: tuple[str, ...]
    merged_into: str | None = None


def _require(actor: str, reason: str) -> None:
    problems = []
    if not reason.strip():
        problems.append(Problem("reason", "is required: say why, for the record"))
    if not actor.strip():
        problems.append(Problem("actor", "is empty"))
    if problems:
        raise InvalidInput(problems)


def _change_id(kind: str, case_id: str, items: Iterable[str], at: datetime) -> str:
    text = "|".join([kind, case_id, *sorted(items), at.isoformat()])
    return "casechange:" + hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def plan_merge(
    target: CaseState, others: Sequence[CaseState], actor: str, reason: str, at: datetime
) -> CaseChange:
    """Move every content item of ``others`` into ``target``; ``others`` become merged."""
    _require(actor, reason)
    if not others:
        raise InvalidValue("others", "name at least one other case to merge")
    if target.status not in OPEN_STATUSES:
        raise InvalidValue("into", f"case {target.id} is {target.status}, not open")
    problems = []
    for index, other in enumerate(others):
        if other.id == target.id:
            problems.append(Problem(f"others[{index}]", "is the case being merged into"))
        elif other.status not in OPEN_STATUSES:
            problems.append(Problem(f"others[{index}]", f"case {other.id} is {other.status}"))
        elif not other.content_ids:
            problems.append(Problem(f"others[{index}]", f"case {other.id} concerns no content"))
    if len({o.id for o in others}) != len(others):
        problems.append(Problem("others", "names a case more than once"))
    if problems:
        raise InvalidInput(problems)
    moves = tuple(sorted((cid, target.id) for other in others for cid in other.content_ids))
    closed = tuple(sorted(o.id for o in others))
    return CaseChange(
        id=_change_id("merge", target.id, closed, at), kind=ChangeKind.MERGE, case_id=target.id,
        moves=moves, closed=closed, reopened=(), created=None, actor=actor, at=at, reason=reason,
    )  # fmt: skip


def plan_split(
    case: CaseState,
    content_ids: Sequence[str],
    dormant: Mapping[str, CaseState],
    actor: str,
    reason: str,
    at: datetime,
) -> CaseChange:
    """Move ``content_ids`` out of ``case`` into one case of their own.

    ``dormant`` holds the stored state of each moved item's default case (``case:<content>``),
    where it exists. If the first item's default case is merged into this case, it is reopened
    and takes the items; otherwise a new case is created.
    """
    _require(actor, reason)
    if case.status not in OPEN_STATUSES:
        raise InvalidValue("caseId", f"case {case.id} is {case.status}, not open")
    chosen = sorted(set(content_ids))
    if not chosen:
        raise InvalidValue("contentIds", "name at least one content item to split off")
    stray = [c for c in chosen if c not in case.content_ids]
    if stray:
        raise InvalidValue("contentIds", f"not in case {case.id}: {', '.join(stray)}")
    if len(chosen) == len(case.content_ids):
        raise InvalidValue("contentIds", "would leave the case empty: keep at least one item")
    home = dormant.get(default_case_id(chosen[0]))
    reopened: tuple[str, ...]
    created: str | None
    if home is not None and home.status == MERGED and home.merged_into == case.id:
        destination, reopened, created = home.id, (home.id,), None
    else:
        destination = "case:split:" + _change_id("split", case.id, chosen, at).split(":")[1]
        reopened, created = (), destination
    return CaseChange(
        id=_change_id("split", case.id, chosen, at), kind=ChangeKind.SPLIT, case_id=case.id,
        moves=tuple((cid, destination) for cid in chosen), closed=(), reopened=reopened,
        created=created, actor=actor, at=at, reason=reason,
    )  # fmt: skip
