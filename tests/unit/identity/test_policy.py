"""The shipped policy loads, and a broken one fails at load time naming the setting."""

from __future__ import annotations

from importlib import resources

import pytest

from graph.errors import InvalidInput
from graph.identity.policy import REQUIRED, LinkagePolicy, default_policy
from graph.policy_files import parse_policy

TEXT = resources.files("graph.identity").joinpath("data/linkage_policy.toml").read_text("utf-8")


def test_shipped_policy_has_every_feature_and_sane_thresholds() -> None:
    policy = default_policy()
    assert set(policy.features) == set(REQUIRED)
    assert 0 < policy.review < policy.auto_link < 1
    assert policy.valid_from.year >= 2026
    assert policy.source


def test_ip_total_cannot_reach_auto_link_alone() -> None:
    policy = default_policy()
    needed = -policy.prior_log2_odds
    from math import log2

    needed += log2(policy.auto_link / (1 - policy.auto_link))
    assert policy.feature("accounts.ip")["max_total"] < needed


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("auto_link = 0.99", "", "linkage_policy.decision.auto_link"),
        (
            "skeleton_typo = 4.0",
            "skeleton_typo = 'four'",
            "linkage_policy.accounts.handle.skeleton_typo",
        ),
        ("review = 0.70", "review = 0.995", "linkage_policy.decision"),
        ("max_block_size = 50", "max_block_size = 1", "linkage_policy.blocking.max_block_size"),
        ("person_veto = 0.01", "", "linkage_policy.decision.person_veto"),
        ("person_veto = 0.01", "person_veto = 0.9", "linkage_policy.decision.person_veto"),
    ],
)
def test_broken_policy_names_the_setting(old: str, new: str, field: str) -> None:
    assert old in TEXT
    with pytest.raises(InvalidInput) as info:
        parse_policy(TEXT.replace(old, new, 1), "linkage_policy.toml", LinkagePolicy)
    assert [p.field for p in info.value.problems] == [field]
