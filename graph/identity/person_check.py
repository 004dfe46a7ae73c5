"""Person-level evidence against an automatic link: the two persons' other account pairs.

An automatic link between accounts ``a`` and ``b`` joins their whole persons (every account
already linked to either), so it is judged on more than its own pair: when any other scored
pair across the two persons scores below ``veto`` (evidence against: handles that differ and
disagree in their digits, posting at other hours), the link is held for review instead, with
that pair named on its explanation. Links are taken as the judgement kernel takes system
links (highest probability first), starting from the persons analysts' links already make; a
held link joins nothing, so a later link is checked against the persons as they really are.
Analysts' verdicts still win: an analyst confirming the held item links the persons. A review
pair whose two accounts the links kept already make one person leaves the queue (confirming
it would add nothing; its decision becomes NONE).

The check sees the pairs scored in this run (a run over the accounts a new disclosure touches
checks the pairs it scored). The floor is ``decision.person_veto`` in the linkage policy.
Pure: no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from graph.identity.evidence import Evidence
from graph.identity.scoring import Decision, PairScore
from graph.judgements.clustering import ConstrainedUnionFind

#: The evidence item a held link carries (weight 0: the score's sum is unchanged).
PERSON_CHECK = "person_check"


@dataclass(frozen=True, slots=True)
class Checked:
    """The links held for review, and the review pairs the links kept already make one
    person (confirming them would add nothing: they leave the queue)."""

    held: tuple[Held, ...]
    joined: frozenset[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Held:
    """A link held for review, and the pair across the two persons that speaks against it."""

    link: tuple[str, str]
    against: tuple[str, str]
    probability: float


class _Persons:
    """The judgement kernel's union-find over account keys, keeping each person's members."""

    def __init__(self, keys: Iterable[str]) -> None:
        ordered = sorted(set(keys))
        self.found = ConstrainedUnionFind({k: i for i, k in enumerate(ordered)})
        self.members: dict[str, list[str]] = {k: [k] for k in ordered}

    def root(self, key: str) -> str:
        return self.found.find(key)

    def join(self, a: str, b: str) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb and self.found.union(ra, rb):
            root = self.root(ra)
            self.members[root] += self.members.pop(rb if root == ra else ra)


def check_links(
    scores: Sequence[PairScore],
    veto: float,
    joined: Iterable[tuple[str, str]] = (),
) -> Checked:
    """The LINK scores the persons' other pairs speak against (module docstring), and the
    REVIEW scores already inside one person; ``joined``: pairs already one person (analysts'
    links)."""
    if not 0.0 <= veto < 1.0:
        raise ValueError(f"person_veto: {veto} is not in [0, 1)")
    against: dict[str, dict[str, float]] = {}
    for s in scores:
        against.setdefault(s.left, {})[s.right] = s.probability
        against.setdefault(s.right, {})[s.left] = s.probability
    joined = list(joined)
    persons = _Persons([*against, *(k for pair in joined for k in pair)])
    for a, b in joined:
        persons.join(a, b)
    links = sorted(
        (s for s in scores if s.decision is Decision.LINK), key=lambda s: (-s.probability, s.pair)
    )
    held: list[Held] = []
    for s in links:
        ra, rb = persons.root(s.left), persons.root(s.right)
        if ra == rb:
            continue
        worst = _worst_pair(persons.members[ra], persons.members[rb], against)
        if worst is not None and worst[1] < veto:
            held.append(Held(s.pair, worst[0], worst[1]))
            continue
        persons.join(ra, rb)
    inside = frozenset(
        s.pair
        for s in scores
        if s.decision is Decision.REVIEW and persons.root(s.left) == persons.root(s.right)
    )
    return Checked(tuple(held), inside)


def _worst_pair(
    left: Sequence[str], right: Sequence[str], against: Mapping[str, Mapping[str, float]]
) -> tuple[tuple[str, str], float] | None:
    """The scored pair across two persons with the lowest probability (None when none is)."""
    if len(left) > len(right):
        left, right = right, left
    other = set(right)
    worst: tuple[tuple[str, str], float] | None = None
    for x in left:
        for y, p in against.get(x, {}).items():
            if y in other and (worst is None or p < worst[1]):
                worst = ((min(x, y), max(x, y)), p)
    return worst


def hold(scores: Sequence[PairScore], checked: Checked) -> list[PairScore]:
    """``scores`` with each held link turned into a review item whose explanation names the
    pair against it (an evidence item of weight 0), and the review pairs already inside one
    person recorded as nothing (decision NONE)."""
    by_pair = {h.link: h for h in checked.held}
    out = []
    for s in scores:
        h = by_pair.get(s.pair)
        if s.pair in checked.joined:
            out.append(replace(s, decision=Decision.NONE))
            continue
        if h is None:
            out.append(s)
            continue
        note = (
            f"held for review: joining the two persons would also join {h.against[0]} and "
            f"{h.against[1]}, which score p={h.probability:.4f}"
        )
        item = Evidence(PERSON_CHECK, h.against[0], h.against[1], "against", 0.0, note)
        out.append(replace(s, decision=Decision.REVIEW, evidence=(*s.evidence, item)))
    return out
