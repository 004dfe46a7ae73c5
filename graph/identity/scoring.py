"""Explainable, calibrated pair scores: feature weights (log2 likelihood ratios) are summed with
the prior log2 odds of a blocked candidate pair and turned into a match probability, then
compared with the policy's two thresholds::

    bits = prior_log2_odds + sum(evidence.weight)
    probability = 1 / (1 + 2 ** -bits)
    probability >= auto_link  -> LINK    (system SAME_PERSON judgement)
    probability >= review     -> REVIEW  (system UNSURE judgement: the review queue)
    otherwise                 -> NONE    (nothing recorded)

Every score carries the evidence list it was computed from, so the sum can be re-done by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from graph.identity.evidence import Evidence
from graph.identity.features import account_evidence
from graph.identity.frequency import Frequencies
from graph.identity.models import AccountRecord
from graph.identity.policy import LinkagePolicy


class Decision(StrEnum):
    LINK = "link"
    REVIEW = "review"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class PairScore:
    """The score of one pair (``left < right``) with its explanation."""

    left: str
    right: str
    bits: float
    probability: float
    decision: Decision
    evidence: tuple[Evidence, ...]

    @property
    def pair(self) -> tuple[str, str]:
        return (self.left, self.right)

    def explanation(self) -> dict[str, object]:
        """JSON-able explanation for a judgement edge."""
        return {
            "bits": round(self.bits, 3),
            "probability": round(self.probability, 6),
            "evidence": [e.as_dict() for e in self.evidence],
        }


def probability_of(bits: float) -> float:
    """Match probability from log2 odds (numerically safe at both ends)."""
    if bits >= 0:
        return 1.0 / (1.0 + math.pow(2.0, -bits))
    z = math.pow(2.0, bits)
    return z / (1.0 + z)


def decide(probability: float, policy: LinkagePolicy) -> Decision:
    if probability >= policy.auto_link:
        return Decision.LINK
    if probability >= policy.review:
        return Decision.REVIEW
    return Decision.NONE


def score_evidence(
    a: str,
    b: str,
    evidence: tuple[Evidence, ...],
    policy: LinkagePolicy,
) -> PairScore:
    """Combine evidence already computed for keys ``a`` and ``b``."""
    left, right = sorted((a, b))
    bits = policy.prior_log2_odds + sum(e.weight for e in evidence)
    p = probability_of(bits)
    ordered = tuple(sorted(evidence, key=lambda e: -abs(e.weight)))
    return PairScore(left, right, bits, p, decide(p, policy), ordered)


def score_accounts(
    a: AccountRecord,
    b: AccountRecord,
    freq: Frequencies,
    policy: LinkagePolicy,
) -> PairScore:
    """Score two accounts: every feature's evidence, summed."""
    return score_evidence(a.key, b.key, account_evidence(a, b, freq, policy), policy)
