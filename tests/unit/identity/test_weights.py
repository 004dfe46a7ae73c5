"""Weights estimated from data: EM recovers m and u from unlabelled pairs, calibration
discounts features that say the same thing, and scoring applies the estimate explainably."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import replace

import pytest

from graph.identity.estimate import (
    SCALE_BOUNDS,
    calibrate,
    run_em,
    weights_document,
)
from graph.identity.evidence import Evidence
from graph.identity.features import account_frequencies
from graph.identity.policy import default_policy
from graph.identity.scoring import score_accounts
from graph.identity.weights import (
    HAND,
    NONE,
    TOGETHER,
    Outcome,
    Weights,
    default_weights,
    parse_weights,
)
from tests.unit.identity._factory import acct, filler

POLICY = default_policy()


Sample = tuple[list[tuple[Evidence, ...]], list[bool]]


def _sample(n: int, seed: int, draw: Callable[[random.Random, bool], list[Evidence]]) -> Sample:
    """``n`` synthetic candidate pairs, 20% true, each pair's evidence drawn given its truth."""
    rng = random.Random(seed)
    truth = [rng.random() < 0.2 for _ in range(n)]
    return [tuple(draw(rng, same)) for same in truth], truth


def _independent(rng: random.Random, same: bool) -> list[Evidence]:
    """Handles agree for 90% of true and 5% of false pairs, display names for 70% and 10%, a
    victim for 50% and 5% (independently, given the truth: three features, so the two
    classes are identifiable)."""
    ev = []
    if rng.random() < (0.9 if same else 0.05):
        ev.append(Evidence("handle", "a", "b", "skeleton_exact/no_digits", 6.0))
    if rng.random() < (0.7 if same else 0.1):
        ev.append(Evidence("display_name", "A", "A", "exact", 3.0, band="rare"))
    if rng.random() < (0.5 if same else 0.05):
        ev.append(Evidence("victims_in_days", "v", "v", "within_days", 2.0, band="rare"))
    return ev


def _pairs(n: int, seed: int) -> Sample:
    return _sample(n, seed, _independent)


def test_em_recovers_m_and_u_without_labels() -> None:
    pairs, truth = _pairs(20_000, 1)
    start = [0.5 if ev else 0.1 for ev in pairs]
    weights, posterior, iterations = run_em(pairs, start)
    handle = weights.features["handle"]["skeleton_exact/no_digits"]
    name = weights.features["display_name"]["exact@rare"]
    assert handle.m == pytest.approx(0.9, abs=0.03)
    assert handle.u == pytest.approx(0.05, abs=0.02)
    assert name.weight == pytest.approx(math.log2(0.7 / 0.1), abs=0.3)
    assert weights.prior_log2_odds == pytest.approx(math.log2(0.2 / 0.8), abs=0.2)
    assert 1 < iterations < 200
    assert posterior.mean() == pytest.approx(sum(truth) / len(truth), abs=0.02)


def test_calibration_discounts_a_feature_that_repeats_another() -> None:
    rng = random.Random(2)
    pairs, truth = [], []
    for _ in range(5000):
        same = rng.random() < 0.3
        agree = rng.random() < (0.8 if same else 0.1)
        ev = [Evidence("handle", "", "", "x", 3.0 if agree else -2.0)]
        # the display name says exactly what the handle said: no new information
        ev.append(Evidence("display_name", "", "", "x", 3.0 if agree else -2.0))
        pairs.append(tuple(ev))
        truth.append(same)
    scales = calibrate(pairs, truth, interactions=False, corrections=False).scales
    assert scales["handle"] + scales["display_name"] < 1.6
    assert all(SCALE_BOUNDS[0] <= s <= SCALE_BOUNDS[1] for s in scales.values())


def _interacting(rng: random.Random, same: bool) -> list[Evidence]:
    """A handle agrees for 80% of true pairs and 30% of others (decoys copy handles); a victim
    in common for 70% and 30% (pile-ons), but a decoy never shows both."""
    handle = rng.random() < (0.8 if same else 0.3)
    victim = rng.random() < (0.7 if same else (0.0 if handle else 0.43))
    ev = []
    if handle:
        ev.append(Evidence("handle", "a", "b", "skeleton_exact/no_digits", 1.4))
    if victim:
        ev.append(Evidence("victims_in_days", "v", "v", "within_days", 1.2, band="rare"))
    return ev


def test_calibration_learns_that_two_features_together_say_more() -> None:
    pairs, truth = _sample(20_000, 4, _interacting)
    fitted = calibrate(pairs, truth, corrections=False)
    assert fitted.interactions["handle+victims_in_days"] >= 4.0
    weights = Weights(
        features={}, scales=fitted.scales, interactions=fitted.interactions, intercept=-2.0
    )
    both = weights.apply(pairs[next(i for i, ev in enumerate(pairs) if len(ev) == 2)])
    (item,) = [e for e in both if e.feature == TOGETHER]
    assert (item.left, item.right) == ("handle", "victims_in_days")
    assert item.weight == fitted.interactions["handle+victims_in_days"]
    alone = weights.apply((pairs[0][0],) if pairs[0] else ())
    assert all(e.feature != TOGETHER for e in alone)  # one feature alone: no interaction


def test_calibration_corrects_an_outcome_em_weighed_wrongly() -> None:
    """EM said a common display name is worth 4 bits and a rare one 1; the labels say the
    opposite (true pairs share rare names, strangers common ones)."""

    def names(rng: random.Random, same: bool) -> list[Evidence]:
        if rng.random() < (0.6 if same else 0.01):
            return [Evidence("display_name", "A", "A", "exact", 1.0, band="rare")]
        if rng.random() < (0.1 if same else 0.3):
            return [Evidence("display_name", "A", "A", "exact", 4.0, band="common")]
        return []

    pairs, truth = _sample(20_000, 5, names)
    fitted = calibrate(pairs, truth, interactions=False)
    weights = Weights(features={}, scales=fitted.scales, corrections=fitted.corrections)
    rare_bits = weights.apply((Evidence("display_name", "A", "A", "exact", 1.0, band="rare"),))
    common_bits = weights.apply((Evidence("display_name", "A", "A", "exact", 4.0, band="common"),))
    assert rare_bits[0].weight > common_bits[0].weight + 3
    assert "from labelled pairs" in rare_bits[0].note


def test_weights_round_trip_through_the_document() -> None:
    pairs, _ = _pairs(3000, 3)
    weights, _, _ = run_em(pairs, [0.5 if ev else 0.1 for ev in pairs])
    weights = replace(
        weights,
        interactions={"display_name+handle": -1.5},
        corrections={"handle": {"skeleton_exact/no_digits": 0.5}},
        scales={"handle": 0.5},
        intercept=-3.0,
    )
    back = parse_weights(weights_document(weights))
    assert back.features == weights.features
    assert back.interactions == weights.interactions
    assert back.corrections == weights.corrections
    assert back.scales == weights.scales
    assert back.prior_log2_odds == weights.prior_log2_odds


def test_scoring_lists_each_estimated_contribution_and_the_sum_adds_up() -> None:
    estimate = Weights(
        features={
            "handle": {"skeleton_exact/digits_agree@rare": Outcome(0.5, 0.001, 8.97, 100)},
            "display_name": {NONE: Outcome(0.2, 0.4, -1.0, 500)},
        },
        prior_log2_odds=-3.0,
        scales={"handle": 0.5, "display_name": 1.0},
        intercept=-2.0,
        auto_link=0.9,
        review=0.3,
    )
    a, b = acct("x|jsmith88"), acct("tiktok|j.smith.88")
    freq = account_frequencies([a, b, *filler(20)], POLICY)
    score = score_accounts(a, b, freq, POLICY, estimate)
    by_feature = {e.feature: e for e in score.evidence}
    assert by_feature["handle"].weight == pytest.approx(0.5 * 8.97)
    assert "estimated" in by_feature["handle"].note
    assert by_feature["display_name"].level == NONE
    assert score.bits == pytest.approx(-2.0 + sum(e.weight for e in score.evidence))
    hand = score_accounts(a, b, freq, POLICY, HAND)
    assert all(e.level != NONE for e in hand.evidence)


def test_rare_outcomes_keep_their_hand_set_weight() -> None:
    estimate = Weights(
        features={"handle": {"skeleton_exact/digits_agree@rare": Outcome(0.5, 0.001, 8.97, 3)}}
    )
    a, b = acct("x|jsmith88"), acct("tiktok|j.smith.88")
    freq = account_frequencies([a, b, *filler(20)], POLICY)
    hand = score_accounts(a, b, freq, POLICY, HAND).evidence
    assert score_accounts(a, b, freq, POLICY, estimate).evidence == hand


def test_the_committed_estimate_says_where_it_came_from() -> None:
    provenance = default_weights().provenance
    for key in ("source", "accounts", "candidate_pairs", "seed", "date", "command"):
        assert provenance[key] not in (None, "")
    assert default_weights().auto_link is not None
