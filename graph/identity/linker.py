"""Running linkage: block, score, turn decisions into system judgements, derive persons.

:func:`system_judgements` is what makes a re-run idempotent: for each scored pair it returns a
new system judgement only when the pair's active judgements do not already say the same thing.
It never touches a pair an analyst has judged (the analyst outranks the system), so a later
strong match cannot override an analyst's NOT_SAME_PERSON.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from graph.identity.blocking import Blocking, block_accounts
from graph.identity.features import account_frequencies
from graph.identity.judgements import SYSTEM, Judgement, JudgementLog, Verdict, judge
from graph.identity.models import AccountRecord
from graph.identity.person_check import check_links, hold
from graph.identity.persons import Persons, derive_persons
from graph.identity.policy import LinkagePolicy, default_policy
from graph.identity.scoring import Decision, PairScore, score_accounts
from graph.identity.weights import Weights

_VERDICT = {Decision.LINK: Verdict.SAME_PERSON, Decision.REVIEW: Verdict.UNSURE}

T = TypeVar("T")

#: Told (pairs scored so far, pairs to score) as a linking run goes, for a progress bar.
Progress = Callable[[int, int], object]
_EVERY = 2_000


def counted(pairs: Sequence[T], on_progress: Progress | None) -> Iterator[T]:
    """``pairs`` one by one, telling ``on_progress`` every few thousand and at the end."""
    total = len(pairs)
    for done, pair in enumerate(pairs, 1):
        yield pair
        if on_progress is not None and (done % _EVERY == 0 or done == total):
            on_progress(done, total)


def system_judgements(
    scores: Iterable[PairScore], log: JudgementLog, *, at: datetime
) -> list[Judgement]:
    """New system judgements for pairs scored LINK or REVIEW (NONE records nothing).

    A pair is skipped when any active judgement on it is an analyst's, or when the active
    system judgement already has the same verdict and score. Otherwise the new judgement
    supersedes the pair's active system judgements (the evidence changed)."""
    active: dict[tuple[str, str], list[Judgement]] = {}
    for j in log.active():
        active.setdefault(j.pair, []).append(j)
    out: list[Judgement] = []
    for s in scores:
        verdict = _VERDICT.get(s.decision)
        if verdict is None:
            continue
        current = active.get(s.pair, [])
        if any(j.by_analyst for j in current):
            continue
        score = round(s.probability, 6)
        if any(j.verdict is verdict and j.score == score for j in current):
            continue
        out.append(
            judge(
                s.left,
                s.right,
                verdict,
                score=score,
                evidence=s.explanation(),
                actor=SYSTEM,
                at=at,
                reason=f"system {s.decision.value} (p={score})",
                supersedes=[j.id for j in current],
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class LinkRun:
    """One linkage run: candidates, scores (LINK and REVIEW only), the judgements added, the
    log after them, and the persons derived."""

    blocking: Blocking
    scores: tuple[PairScore, ...]
    added: tuple[Judgement, ...]
    log: JudgementLog
    persons: Persons

    @property
    def review_queue(self) -> tuple[PairScore, ...]:
        return tuple(s for s in self.scores if s.decision is Decision.REVIEW)


def conclude(
    blocking: Blocking,
    scored: Iterable[PairScore],
    log: JudgementLog,
    keys: Iterable[str],
    *,
    at: datetime,
) -> LinkRun:
    """The end of every linking run (accounts or named people): the LINK and REVIEW scores
    become system judgements (:func:`system_judgements`), added to the log, and the persons
    over ``keys`` are derived from it."""
    kept = tuple(s for s in scored if s.decision is not Decision.NONE)
    added = system_judgements(kept, log, at=at)
    new_log = log.add(*added)
    return LinkRun(blocking, kept, tuple(added), new_log, derive_persons(keys, new_log))


def link_accounts(
    records: Sequence[AccountRecord],
    log: JudgementLog | None = None,
    *,
    at: datetime,
    policy: LinkagePolicy | None = None,
    touching: Collection[str] | None = None,
    on_progress: Progress | None = None,
    weights: Weights | None = None,
) -> LinkRun:
    """Link accounts into persons, adding system judgements to ``log`` (an empty log by
    default). Running again with the returned log and the same records adds nothing.

    With ``touching`` (account keys whose evidence just changed), only candidate pairs with
    one of them are scored: every account still counts for the frequencies and the blocks, so
    each pair scores as the whole run would score it. ``weights``: the estimated weights to
    score with (the committed estimate by default). A link that another scored pair across
    the two persons it would join speaks against is held for review
    (``graph/identity/person_check.py``), and a review pair the links already make one person
    leaves the queue."""
    policy = policy or default_policy()
    log = log or JudgementLog()
    by_key = {r.key: r for r in records}
    freq = account_frequencies(records, policy)
    blocking = block_accounts(records, policy)
    wanted = blocking.pairs
    if touching is not None:
        touched = frozenset(touching)
        wanted = tuple(p for p in wanted if p[0] in touched or p[1] in touched)
    scored = [
        score_accounts(by_key[x], by_key[y], freq, policy, weights)
        for x, y in counted(wanted, on_progress)
    ]
    analysts = [j.pair for j in log.active() if j.by_analyst and j.verdict is Verdict.SAME_PERSON]
    scored = hold(scored, check_links(scored, policy.person_veto, analysts))
    return conclude(blocking, scored, log, by_key, at=at)
