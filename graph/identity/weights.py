"""Feature weights estimated from data (``data/estimated_weights.json``), applied at scoring.

The estimate (``graph/identity/estimate.py``, run by ``scripts/estimate_identity_weights.py``)
gives, for every feature and comparison outcome (``Evidence.key``: the level, and for
frequency-aware features the band of how common the shared value is, which is the
term-frequency adjustment), the share of true pairs (m) and of other candidate pairs (u) that
show it, and the weight ``log2(m / u)``. Scoring replaces the hand-set weight of each evidence
item with the estimated one when the estimate saw that outcome often enough, and adds the
weight of each estimated feature a pair shows nothing of (level ``none``): a pair whose
accounts share no victim is, a little, evidence against. Features the estimate does not cover
(IP sightings, several items a pair) keep their hand-set weights. Every weight stays listed
on the pair's explanation, so the sum can still be done by hand.

Features are not independent, so the calibration (``graph/identity/estimate.py``
``calibrate``) also learns *interactions*: a weight in bits for two features agreeing
together (a handle and the same victims within days: decoys copy a handle, strangers pile on
a victim, rarely both), listed as one more evidence item (feature ``together``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from graph.errors import InvalidValue
from graph.identity.evidence import Evidence

NONE = "none"
#: A ``none`` weight smaller than this (bits) is left off the explanation (no email in common,
#: when almost no pair has one, says nothing); an estimated weight above it is agreement.
NEGLIGIBLE = 0.05
#: The evidence item an interaction adds (``left`` and ``right`` name the two features).
TOGETHER = "together"


def interaction_key(left: str, right: str) -> str:
    """The name of the interaction of two features (``handle+victims_in_days``)."""
    return "+".join(sorted((left, right)))


def agreeing(evidence: tuple[Evidence, ...]) -> list[str]:
    """The features that speak for the pair (weight above :data:`NEGLIGIBLE`), sorted."""
    return sorted({e.feature for e in evidence if e.weight > NEGLIGIBLE and e.feature != TOGETHER})


@dataclass(frozen=True, slots=True)
class Outcome:
    """One comparison outcome of one feature, as estimated."""

    m: float
    u: float
    weight: float
    pairs: int  # candidate pairs showing it in the estimation data


@dataclass(frozen=True, slots=True)
class Weights:
    """Estimated weights by feature and outcome, the prior log2 odds of a candidate pair, the
    calibration, the decision thresholds chosen with it, and where they came from."""

    features: Mapping[str, Mapping[str, Outcome]] = field(default_factory=dict)
    prior_log2_odds: float | None = None
    # calibration: each feature's weight times its scale ("other": features not estimated),
    # and the intercept as the prior (when calibrated)
    scales: Mapping[str, float] = field(default_factory=dict)
    intercept: float | None = None
    # bits added when two features agree together (interaction_key -> bits), by calibration
    interactions: Mapping[str, float] = field(default_factory=dict)
    # bits added to one outcome of one feature (feature -> outcome key -> bits), by calibration
    corrections: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    auto_link: float | None = None
    review: float | None = None
    min_pairs: int = 20
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def prior(self) -> float | None:
        """The prior log2 odds: the calibration's intercept, else the EM's (None without an
        estimate)."""
        return self.prior_log2_odds if self.intercept is None else self.intercept

    def scale(self, feature: str) -> float:
        if not self.scales:
            return 1.0
        return self.scales.get(feature, self.scales.get("other", 1.0))

    def outcome(self, feature: str, key: str) -> Outcome | None:
        found = self.features.get(feature, {}).get(key)
        return found if found is not None and found.pairs >= self.min_pairs else None

    def estimated(self, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        """The evidence with estimated weights where the estimate saw the outcome, before the
        calibration's scales (what :meth:`apply` scales, and what interactions look at)."""
        out: list[Evidence] = []
        for e in evidence:
            est = self.outcome(e.feature, e.key)
            if est is None:
                out.append(e)
                continue
            note = f"{e.note}; estimated m={est.m:.3g} u={est.u:.3g}".lstrip("; ")
            out.append(replace(e, weight=est.weight, note=note))
        return tuple(out)

    def together(self, evidence: tuple[Evidence, ...]) -> list[Evidence]:
        """One item per learnt interaction whose two features both agree (``evidence`` with
        estimated, unscaled weights)."""
        if not self.interactions:
            return []
        found = agreeing(evidence)
        out = []
        for i, left in enumerate(found):
            for right in found[i + 1 :]:
                bits = self.interactions.get(interaction_key(left, right))
                if bits:
                    note = f"{left} and {right} agree together (learnt from labelled pairs)"
                    out.append(Evidence(TOGETHER, left, right, "both", bits, note))
        return out

    def apply(self, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        """The evidence with estimated weights times the calibration's scales, an item for
        each learnt interaction the pair shows, and a ``none`` item for each estimated
        feature the pair shows nothing of."""
        unscaled = self.estimated(evidence)
        out: list[Evidence] = []
        for e in unscaled:
            scale = self.scale(e.feature)
            fix = self.corrections.get(e.feature, {}).get(e.key, 0.0)
            if scale == 1 and not fix:
                out.append(e)
                continue
            note = e.note + (f", x{scale:.3g}" if self.outcome(e.feature, e.key) else "")
            if fix:
                note += f", {fix:+.3g} bits from labelled pairs"
            out.append(replace(e, weight=scale * e.weight + fix, note=note.lstrip(", ")))
        out += self.together(unscaled)
        shown = {e.feature for e in evidence}
        for feature in self.features:
            if feature in shown:
                continue
            est = self.outcome(feature, NONE)
            if est is not None and abs(self.scale(feature) * est.weight) >= NEGLIGIBLE:
                note = f"nothing of this kind; estimated m={est.m:.3g} u={est.u:.3g}"
                weight = self.scale(feature) * est.weight
                out.append(Evidence(feature, "", "", NONE, weight, note))
        return tuple(out)


HAND = Weights()  # no estimate: every weight as the policy file sets it


def parse_weights(data: Mapping[str, Any], name: str = "estimated_weights") -> Weights:
    try:
        features = {
            feature: {key: Outcome(**o) for key, o in outcomes.items()}
            for feature, outcomes in data["features"].items()
        }
        decision = data.get("decision", {})
        calibration = data.get("calibration", {})
        return Weights(
            features=features,
            prior_log2_odds=decision.get("prior_log2_odds"),
            scales={f: float(v) for f, v in calibration.get("scales", {}).items()},
            intercept=calibration.get("intercept"),
            interactions={k: float(v) for k, v in calibration.get("interactions", {}).items()},
            corrections={
                f: {k: float(v) for k, v in c.items()}
                for f, c in calibration.get("corrections", {}).items()
            },
            auto_link=decision.get("auto_link"),
            review=decision.get("review"),
            min_pairs=int(data.get("min_pairs", 20)),
            provenance=data.get("provenance", {}),
        )
    except (KeyError, TypeError) as e:
        raise InvalidValue(name, f"is not an estimate file: {e}") from None


@cache
def default_weights() -> Weights:
    """The committed estimate (cached; package data)."""
    text = resources.files("graph.identity").joinpath("data", "estimated_weights.json")
    if not text.is_file():
        return HAND
    return parse_weights(json.loads(text.read_text(encoding="utf-8")))
