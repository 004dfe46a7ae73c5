"""Estimate feature weights from unlabelled pairs of accounts: Fellegi-Sunter's m and u
probabilities by expectation-maximisation (Winkler's EM; the hub has no labels, the pairs' own
evidence does), then a two-number calibration of the summed weights.

Each pair is a vector of comparison outcomes, one per estimated feature (``Evidence.key``:
level and frequency band, which is the term-frequency adjustment, or ``none`` when the pair
shows nothing of it). Features outside :data:`ESTIMATED` (IP sightings: several items a pair)
add their hand-set weights as a fixed offset.

EM runs on the candidate pairs that share an *identity* key (handle, name, email, phone,
profile link): the pairs found only through shared text or victim days are mostly strangers in
a pile-on, and with them EM splits the pairs by how they were found instead of by person.
Starting from the hand-set posterior it alternates

- M: lambda = mean posterior; ``m[f][k]`` = posterior-weighted share of pairs with outcome k of
  feature f, ``u[f][k]`` the same with (1 - posterior); a pseudo-count of ``smoothing`` per
  outcome keeps an unseen outcome finite;
- E: posterior = 1 / (1 + 2^-(log2 odds(lambda) + sum log2(m/u) + offset)),

until no posterior moves by more than ``tolerance``.

Features are not independent (a handle spelling a name and the display name agree together;
pile-on partners share victims, days and mentions), so summed weights are overconfident for
some pairs of features and underconfident for others (a decoy copies a handle, strangers pile
on a victim, but rarely does one pair do both). :func:`calibrate` fits a scale per feature,
a weight per *interaction* (two features agreeing together) and an intercept (logistic
regression of the outcome on each feature's estimated weight and on each interaction's
indicator) on labelled pairs: in the hub, the analysts' judgements; in a rehearsal, a
labelled generator seed other than the one measured. Runtime multiplies each feature's weight
by its scale, adds an evidence item per interaction the pair shows, and uses the intercept as
the prior, so the explanation still adds up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from graph.identity.evidence import Evidence
from graph.identity.weights import (
    NEGLIGIBLE,
    NONE,
    TOGETHER,
    Outcome,
    Weights,
    agreeing,
    interaction_key,
)

ESTIMATED = (
    "email",
    "phone",
    "profile_link",
    "handle",
    "display_name",
    "registered_name",
    "victims_in_days",
    "same_incidents",
    "same_text",
    "mentions",
    "posting_hours",
)

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Settings:
    max_iterations: int = 200
    tolerance: float = 1e-6
    smoothing: float = 1.0
    min_pairs: int = 20


def _vectors(
    pairs: Sequence[tuple[Evidence, ...]],
) -> tuple[dict[str, list[str]], dict[str, npt.NDArray[np.int64]], Floats]:
    outcomes: dict[str, dict[str, int]] = {f: {NONE: 0} for f in ESTIMATED}
    codes = {f: np.zeros(len(pairs), dtype=np.int64) for f in ESTIMATED}
    offset = np.zeros(len(pairs))
    for i, evidence in enumerate(pairs):
        for e in evidence:
            if e.feature in outcomes:
                seen = outcomes[e.feature]
                codes[e.feature][i] = seen.setdefault(e.key, len(seen))
            else:
                offset[i] += e.weight
    names = {f: list(seen) for f, seen in outcomes.items()}
    return names, codes, offset


def _posterior(log2_odds: Floats) -> Floats:
    return 1.0 / (1.0 + np.exp2(-np.clip(log2_odds, -60, 60)))


def run_em(
    pairs: Sequence[tuple[Evidence, ...]],
    start: Sequence[float],
    settings: Settings = Settings(),
) -> tuple[Weights, Floats, int]:
    """m, u and lambda from the pairs' evidence (hand-weighted) and their hand-set posterior
    ``start``; returns the weights (uncalibrated), the final posteriors and the iterations."""
    if not pairs:
        raise ValueError("estimate: no candidate pairs")
    names, codes, offset = _vectors(pairs)
    post = np.asarray(start, dtype=np.float64)
    m: dict[str, Floats] = {}
    u: dict[str, Floats] = {}
    iterations = 0
    while iterations < settings.max_iterations:
        iterations += 1
        lam = float(np.clip(post.mean(), 1e-9, 1 - 1e-9))
        log2_odds = np.full(len(pairs), math.log2(lam / (1 - lam))) + offset
        for f in ESTIMATED:
            k = len(names[f])
            mm = np.bincount(codes[f], weights=post, minlength=k) + settings.smoothing
            uu = np.bincount(codes[f], weights=1 - post, minlength=k) + settings.smoothing
            m[f], u[f] = mm / mm.sum(), uu / uu.sum()
            log2_odds += np.log2(m[f] / u[f])[codes[f]]
        new = _posterior(log2_odds)
        moved = float(np.abs(new - post).max())
        post = new
        if moved < settings.tolerance:
            break
    lam = float(np.clip(post.mean(), 1e-9, 1 - 1e-9))
    features: dict[str, dict[str, Outcome]] = {}
    for f in ESTIMATED:
        counts = np.bincount(codes[f], minlength=len(names[f]))
        features[f] = {
            key: Outcome(
                m=round(float(m[f][i]), 8),
                u=round(float(u[f][i]), 8),
                weight=round(math.log2(float(m[f][i] / u[f][i])), 4),
                pairs=int(counts[i]),
            )
            for i, key in enumerate(names[f])
        }
    weights = Weights(
        features=features,
        prior_log2_odds=round(math.log2(lam / (1 - lam)), 4),
        min_pairs=settings.min_pairs,
    )
    return weights, post, iterations


def _fit_logistic(
    design: Floats, y: Floats, offset: Floats, penalty: Floats | None = None
) -> Floats:
    """Logistic regression by damped Newton steps, with a ridge per column (natural-log
    units; ``penalty``, a small one by default)."""
    theta = np.zeros(design.shape[1])
    ridge = np.diag(np.full(design.shape[1], 1e-3) if penalty is None else penalty)
    for _ in range(200):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ theta + offset, -500, 500)))
        grad = design.T @ (y - p) - ridge @ theta
        hess = design.T @ (design * (p * (1 - p))[:, None]) + ridge
        step = np.linalg.solve(hess, grad)
        step *= min(1.0, 1.0 / float(np.abs(step).max()))  # damped: no overshoot
        theta = theta + step
        if float(np.abs(step).max()) < 1e-9:
            break
    return theta


OTHER = "other"  # the features the estimate does not cover, scaled together
# Calibration only discounts a feature for what other features already said (and never turns
# evidence for into evidence against): a scale outside these bounds is clipped to them, so a
# shared IP stays below what links on its own, whatever a sample says.
SCALE_BOUNDS = (0.1, 1.0)


#: An interaction's weight (bits) is clipped to these bounds: a pair of agreeing features can
#: say less than their sum, or more, but never decide a pair by itself.
INTERACTION_BOUNDS = (-8.0, 8.0)


#: The ridge penalty (natural-log units) on each outcome's correction: with few labels the
#: EM weight stands, with many the labels decide. Only agreements (outcomes EM weighs for the
#: pair) are corrected: a labelled sample can say how much a shared handle is worth, but a
#: sample in which one person's accounts always share a handle stem (the generators) would
#: teach that unrelated handles outweigh a shared disclosed email, which casework refutes.
CORRECTION_RIDGE = 2.0


@dataclass(frozen=True, slots=True)
class Calibration:
    """What :func:`calibrate` fits: a scale per feature, a correction (bits) per feature
    outcome, bits per interaction, the prior."""

    scales: dict[str, float]
    interactions: dict[str, float]
    intercept: float
    corrections: dict[str, dict[str, float]] = field(default_factory=dict)


def _indicators(
    pairs: Sequence[tuple[Evidence, ...]], interactions: bool, outcomes: bool
) -> tuple[list[tuple[str, str]], Floats]:
    """Indicator columns: each interaction of two agreeing estimated features some pair shows
    (``("together", "handle+victims_in_days")``) and each outcome of an estimated feature
    (``("handle", "skeleton_exact/digits_agree@rare")``), one row per pair."""
    shown: list[list[tuple[str, str]]] = []
    names: dict[tuple[str, str], int] = {}
    for evidence in pairs:
        keys: list[tuple[str, str]] = []
        if interactions:
            found = [f for f in agreeing(evidence) if f in ESTIMATED]
            keys += [
                (TOGETHER, interaction_key(x, y))
                for i, x in enumerate(found)
                for y in found[i + 1 :]
            ]
        if outcomes:  # agreements only (see CORRECTION_RIDGE)
            keys += [
                (e.feature, e.key)
                for e in evidence
                if e.feature in ESTIMATED and e.level != NONE and e.weight > NEGLIGIBLE
            ]
        for k in keys:
            names.setdefault(k, len(names))
        shown.append(keys)
    columns = np.zeros((len(pairs), len(names)))
    for row, keys in enumerate(shown):
        for k in keys:
            columns[row, names[k]] = 1.0
    return list(names), columns


def calibrate(
    pairs: Sequence[tuple[Evidence, ...]],
    truth: Sequence[bool],
    min_pairs: int = 50,
    interactions: bool = True,
    corrections: bool = True,
) -> Calibration:
    """A scale per feature (and one for the features not estimated), a correction per
    feature outcome, a weight per interaction and an intercept such that
    1 / (1 + 2^-(intercept + sum (scale[f] * weight + correction[f, outcome]) +
    sum together[f, g])) fits the labels best: logistic regression on each feature's weight,
    so features that say the same thing (a handle spelling a name, and the name) are not
    counted twice, on each agreement outcome shown (ridge :data:`CORRECTION_RIDGE`: where
    EM's weight for one outcome is off, the labels correct it) and on each pair of agreeing
    features; each scale clipped to :data:`SCALE_BOUNDS`, each interaction and correction to
    :data:`INTERACTION_BOUNDS`. A feature, outcome or interaction fewer than ``min_pairs``
    labelled pairs show (disclosed phones, where disclosures are rare) keeps scale 1 and gets
    no correction or interaction weight: too few to learn from. ``pairs`` carry the estimated
    weights, unscaled."""
    y = np.asarray(truth, dtype=np.float64)
    if y.min() == y.max():
        raise ValueError("calibrate: need labelled pairs of both kinds")
    columns = [*ESTIMATED, OTHER]
    index = {f: i for i, f in enumerate(columns)}
    extra, indicators = _indicators(pairs, interactions, corrections)
    base = np.zeros((len(pairs), len(columns)))
    for row, evidence in enumerate(pairs):
        for e in evidence:
            base[row, index.get(e.feature, index[OTHER])] += e.weight
    base = np.clip(base, -60.0, 60.0) * math.log(2)
    design = np.hstack([base, indicators, np.ones((len(pairs), 1))])
    shown = np.count_nonzero(np.abs(design[:, :-1]) > 0.05, axis=0)
    width = len(columns) + len(extra)
    learnt = [i for i in range(width) if shown[i] >= min_pairs] + [width]
    fixed = [i for i in range(len(columns)) if shown[i] < min_pairs]
    offset = design[:, fixed].sum(axis=1)
    penalty = np.array(
        [CORRECTION_RIDGE if len(columns) <= i < width and extra[i - len(columns)][0] != TOGETHER
         else 1e-3 for i in learnt]
    )  # fmt: skip
    theta = _fit_logistic(design[:, learnt], y, offset, penalty)
    found = dict(zip(learnt, theta, strict=True))
    scales = {
        f: round(float(np.clip(found[i], *SCALE_BOUNDS)), 6) if i in found else 1.0
        for f, i in index.items()
    }
    together: dict[str, float] = {}
    corrected: dict[str, dict[str, float]] = {}
    for (feature, key), i in zip(extra, range(len(columns), width), strict=True):
        if i not in found:
            continue
        bits = round(float(np.clip(found[i] / math.log(2), *INTERACTION_BOUNDS)), 4)
        if feature == TOGETHER:
            together[key] = bits
        else:
            corrected.setdefault(feature, {})[key] = bits
    return Calibration(scales, together, round(float(theta[-1]) / math.log(2), 6), corrected)


def weights_document(weights: Weights) -> dict[str, Any]:
    """The JSON document :func:`graph.identity.weights.parse_weights` reads."""
    return {
        "provenance": dict(weights.provenance),
        "min_pairs": weights.min_pairs,
        "calibration": {
            "scales": dict(weights.scales),
            "interactions": dict(sorted(weights.interactions.items())),
            "corrections": {f: dict(sorted(c.items())) for f, c in weights.corrections.items()},
            "intercept": weights.intercept,
        },
        "decision": {
            "prior_log2_odds": weights.prior_log2_odds,
            "auto_link": weights.auto_link,
            "review": weights.review,
        },
        "features": {
            f: {
                k: {"m": o.m, "u": o.u, "weight": o.weight, "pairs": o.pairs}
                for k, o in sorted(outcomes.items())
            }
            for f, outcomes in weights.features.items()
        },
    }
