"""Explainable, calibrated pair scores: feature weights (log2 likelihood ratios) are summed with
the prior log2 odds of a blocked candidate pair and turned into a match probability, then
compared with the policy's two thresholds::

    bits = prior_log2_odds + sum(evidence.weight)
    probability = 1 / (1 + 2 ** -bits)
    probability >= auto_link  -> LINK    (system SAME_PERSON judgement)
    probability >= review     -> REVIEW  (system UNSURE judgement: the review queue)
    otherwise                 -> NONE    (nothing recorded)

Every score carries the evidence list it was computed from, so the sum can be re-done by hand.

Accounts are scored with the weights estimated from data (``graph/identity/weights.py``) where
the estimate covers a feature, and that estimate's prior and thresholds; the policy file's
hand-set weights elsewhere (and for people named in reports).
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
from graph.identity.weights import Weights, default_weights


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


def decide(probability: float, policy: LinkagePolicy, weights: Weights | None = None) -> Decision:
    """LINK, REVIEW or NONE by the thresholds (the estimate's, when it chose them)."""
    auto_link = weights.auto_link if weights and weights.auto_link is not None else None
    review = weights.review if weights and weights.review is not None else None
    if probability >= (policy.auto_link if auto_link is None else auto_link):
        return Decision.LINK
    if probability >= (policy.review if review is None else review):
        return Decision.REVIEW
    return Decision.NONE


def score_evidence(
    a: str,
    b: str,
    evidence: tuple[Evidence, ...],
    policy: LinkagePolicy,
    weights: Weights | None = None,
) -> PairScore:
    """Combine evidence already computed for keys ``a`` and ``b`` (with ``weights``, the
    estimated and calibrated weights, prior and thresholds replace the policy's)."""
    left, right = sorted((a, b))
    prior = policy.prior_log2_odds
    if weights is not None:
        evidence = weights.apply(evidence)
        estimated = weights.prior()
        prior = prior if estimated is None else estimated
    bits = prior + sum(e.weight for e in evidence)
    p = probability_of(bits)
    ordered = tuple(sorted(evidence, key=lambda e: -abs(e.weight)))
    return PairScore(left, right, bits, p, decide(p, policy, weights), ordered)


def score_accounts(
    a: AccountRecord,
    b: AccountRecord,
    freq: Frequencies,
    policy: LinkagePolicy,
    weights: Weights | None = None,
) -> PairScore:
    """Score two accounts: every feature's evidence, weighted by the estimate (the committed
    one by default; :data:`graph.identity.weights.HAND` for the policy's own weights)."""
    chosen = default_weights() if weights is None else weights
    evidence = account_evidence(a, b, freq, policy)
    return score_evidence(a.key, b.key, evidence, policy, chosen)
