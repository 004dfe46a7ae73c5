"""What withdrawing a platform disclosure means for identity judgements (the policy; pure).

A disclosure is withdrawn when its legal basis is withdrawn or it was disclosed in error. Its
values must then stop counting, and so must every conclusion drawn from them:

- the values *only* that disclosure supplied to its account (an email, phone, IP or registered
  name no other disclosure of the account gave) are detached from the account;
- every active **system** judgement on a pair including that account whose evidence used one
  of those values is retracted (superseded by :func:`withdrawal_marker`), and the linker runs
  again on what remains, so a link that other evidence still supports is made again with that
  evidence, and one that rested on the withdrawn values is gone;
- **analysts'** judgements are never retracted by the system: those on a pair where any
  judgement, active or earlier, used a withdrawn value are kept and flagged for review, so an
  analyst confirms or changes them (``judgeIdentity``).

Superseded judgements keep their evidence: the record of why a link was once made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph.identity.judgements import Judgement


def withdrawal_marker(disclosure_id: str) -> str:
    """What a retracted judgement's ``superseded_by`` says: the withdrawn disclosure."""
    return f"withdrawal:{disclosure_id}"


@dataclass(frozen=True, slots=True)
class WithdrawnValues:
    """The values one withdrawn disclosure alone supplied to one account."""

    account: str
    emails: frozenset[str] = field(default_factory=frozenset)
    phones: frozenset[str] = field(default_factory=frozenset)
    ips: frozenset[str] = field(default_factory=frozenset)
    names: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.emails or self.phones or self.ips or self.names)


def _items(judgement: Judgement) -> list[Mapping[str, object]]:
    items = judgement.evidence.get("evidence")
    if not isinstance(items, list):
        return []
    return [i for i in items if isinstance(i, Mapping)]


def used_withdrawn(judgement: Judgement, values: WithdrawnValues) -> bool:
    """The judgement's evidence compared a value that ``values`` withdraws from its account."""
    if values.account not in judgement.pair:
        return False
    side = "left" if judgement.left == values.account else "right"
    # Evidence features whose compared values can come from a disclosure.
    pools = {
        "email": values.emails,
        "phone": values.phones,
        "ip": values.ips,
        "registered_name": values.names,
    }
    for item in _items(judgement):
        pool = pools.get(str(item.get("feature")))
        if pool and item.get(side) in pool:
            return True
    return False


@dataclass(frozen=True, slots=True)
class RetractionPlan:
    """Active system judgements to retract, and active analysts' judgements to review."""

    retract: tuple[Judgement, ...]
    review: tuple[Judgement, ...]


def plan_retraction(
    judgements: Iterable[Judgement], withdrawn: Iterable[WithdrawnValues]
) -> RetractionPlan:
    """Which judgements a withdrawal touches (see the module docstring)."""
    every = list(judgements)
    values = [v for v in withdrawn if v]
    used = [j for j in every if any(used_withdrawn(j, v) for v in values)]
    pairs = {j.pair for j in used}
    used_ids = {j.id for j in used}
    retract = tuple(j for j in every if j.active and not j.by_analyst and j.id in used_ids)
    review = tuple(j for j in every if j.active and j.by_analyst and j.pair in pairs)
    return RetractionPlan(retract, review)
