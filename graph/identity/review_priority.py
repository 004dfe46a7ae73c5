"""How much an analyst's decision on a review item is worth, so the queue shows the best first.

An item is a pair the system was unsure of (an ``IDENTITY_UNSURE`` judgement). Confirming it
joins the two accounts' persons, of sizes ``s1`` and ``s2``: ``s1 * s2`` pairwise links, each
correct with the pair's probability ``p``. The priority is the expected number of correct links
the decision gains, ``p * s1 * s2``: a likely pair between two large groups first, an unlikely
pair between two lone accounts last. (A rejection gains nothing the system had, but stops the
pair coming back; the queue orders by what confirming would add.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph.identity.judgements import Judgement, Verdict
from graph.identity.persons import Persons


@dataclass(frozen=True, slots=True)
class Priority:
    id: str
    left: str
    right: str
    priority: float

    def row(self) -> dict[str, object]:
        return {"id": self.id, "left": self.left, "right": self.right, "priority": self.priority}


def priority(probability: float, left_size: int, right_size: int) -> float:
    """Expected correct pairwise links gained by confirming the pair (rounded for storage)."""
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"probability: {probability} is not in [0, 1]")
    return round(probability * max(1, left_size) * max(1, right_size), 6)


def review_priorities(added: Iterable[Judgement], persons: Persons) -> list[Priority]:
    """The priority of every new system UNSURE judgement, by the persons after the run."""

    def size(key: str) -> int:
        person = persons.person_of.get(key)
        return len(persons.members.get(person, ())) if person else 1

    return [
        Priority(j.id, j.left, j.right, priority(j.score, size(j.left), size(j.right)))
        for j in added
        if j.verdict is Verdict.UNSURE and not j.by_analyst
    ]
