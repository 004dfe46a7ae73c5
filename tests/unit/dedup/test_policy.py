"""The shipped policy loads, and a broken one is refused naming the setting."""

from __future__ import annotations

from importlib import resources

import pytest

from graph.dedup.policy import default_policy, parse_policy
from graph.errors import InvalidValue


def _shipped() -> str:
    return resources.files("graph.dedup").joinpath("data/dedup_policy.toml").read_text("utf-8")


def test_shipped_policy_is_consistent() -> None:
    policy = default_policy()
    assert 0 < policy.review < policy.auto_merge <= 1
    assert policy.course_min_occasions == 2
    assert policy.course_source.startswith("https://www.legislation.gov.uk/")


def test_missing_setting_is_named() -> None:
    broken = _shipped().replace("auto_merge = 0.85", "")
    with pytest.raises(InvalidValue) as caught:
        parse_policy(broken)
    assert caught.value.field == "dedup_policy.thresholds.auto_merge"


def test_review_above_auto_merge_is_refused() -> None:
    broken = _shipped().replace("review = 0.60", "review = 0.95")
    with pytest.raises(InvalidValue, match="review <= auto_merge"):
        parse_policy(broken)
