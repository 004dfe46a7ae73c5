"""The shipped policy loads, and a broken one is refused naming the setting."""

from __future__ import annotations

from importlib import resources

import pytest

from graph.dedup.policy import DedupPolicy, default_policy
from graph.errors import InvalidInput
from graph.law.offences import offence_table
from graph.policy_files import parse_policy


def _shipped() -> str:
    return resources.files("graph.dedup").joinpath("data/dedup_policy.toml").read_text("utf-8")


def test_shipped_policy_is_consistent() -> None:
    policy = default_policy()
    assert 0 < policy.review < policy.auto_merge <= 1
    course = offence_table().course_of_conduct  # the law's, not this policy's
    assert (policy.course_min_occasions, policy.course_source) == (2, course.source)


def test_missing_setting_is_named() -> None:
    broken = _shipped().replace("auto_merge = 0.85", "")
    with pytest.raises(InvalidInput) as caught:
        parse_policy(broken, "dedup_policy.toml", DedupPolicy)
    assert [p.field for p in caught.value.problems] == ["dedup_policy.thresholds.auto_merge"]


def test_review_above_auto_merge_is_refused() -> None:
    broken = _shipped().replace("review = 0.60", "review = 0.95")
    with pytest.raises(InvalidInput) as caught:
        parse_policy(broken, "dedup_policy.toml", DedupPolicy)
    assert [str(p) for p in caught.value.problems] == [
        "dedup_policy.thresholds: need 0 < review <= auto_merge <= 1"
    ]
