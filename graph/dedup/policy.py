"""The matching policy, read from ``data/dedup_policy.toml`` (policy is data, not code)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from graph.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class DedupPolicy:
    """Thresholds, weights and caps; see the TOML file for what each one means."""

    version: int
    valid_from: date
    auto_merge: float
    review: float
    ambiguity_margin: float
    popular_min_reports: int
    popular_ratio: float
    weight_text: float
    weight_account: float
    weight_time: float
    missing_text: float
    missing_account: float
    missing_time: float
    same_victim_bonus: float
    min_chars_for_partial: int
    contradicting_text_below: float
    mentions_differ_below: float
    account_contradicts_below: float
    strong_text_score: float
    strong_text_min_chars: int
    strong_text_hours: float
    account_only_score: float
    account_only_hours: float
    half_life_hours: float
    max_gap_hours: float
    max_per_block: int
    max_candidates: int
    minhash_bands: int
    minhash_rows: int
    prefix_tokens: int
    handle_affix_chars: int
    max_texts: int
    max_handles: int
    course_min_occasions: int
    course_source: str


def _get(table: dict[str, Any], section: str, key: str) -> Any:
    try:
        return table[section][key]
    except KeyError:
        raise InvalidValue(f"dedup_policy.{section}.{key}", "is missing") from None


def parse_policy(text: str) -> DedupPolicy:
    """Parse policy TOML text; raise :class:`InvalidValue` naming a missing or bad setting."""
    t = tomllib.loads(text)
    policy = DedupPolicy(
        version=int(_get(t, "policy", "version")),
        valid_from=date.fromisoformat(str(_get(t, "policy", "valid_from"))),
        auto_merge=float(_get(t, "thresholds", "auto_merge")),
        review=float(_get(t, "thresholds", "review")),
        ambiguity_margin=float(_get(t, "thresholds", "ambiguity_margin")),
        popular_min_reports=int(_get(t, "thresholds", "popular_min_reports")),
        popular_ratio=float(_get(t, "thresholds", "popular_ratio")),
        weight_text=float(_get(t, "weights", "text")),
        weight_account=float(_get(t, "weights", "account")),
        weight_time=float(_get(t, "weights", "time")),
        missing_text=float(_get(t, "missing", "text")),
        missing_account=float(_get(t, "missing", "account")),
        missing_time=float(_get(t, "missing", "time")),
        same_victim_bonus=float(_get(t, "victim", "same_victim_bonus")),
        min_chars_for_partial=int(_get(t, "text", "min_chars_for_partial")),
        contradicting_text_below=float(_get(t, "text", "contradicting_below")),
        mentions_differ_below=float(_get(t, "text", "mentions_differ_below")),
        account_contradicts_below=float(_get(t, "account", "contradicts_below")),
        strong_text_score=float(_get(t, "text", "strong_score")),
        strong_text_min_chars=int(_get(t, "text", "strong_min_chars")),
        strong_text_hours=float(_get(t, "text", "strong_within_hours")),
        account_only_score=float(_get(t, "account", "only_score")),
        account_only_hours=float(_get(t, "account", "only_within_hours")),
        half_life_hours=float(_get(t, "time", "half_life_hours")),
        max_gap_hours=float(_get(t, "time", "max_gap_hours")),
        max_per_block=int(_get(t, "blocking", "max_per_block")),
        max_candidates=int(_get(t, "blocking", "max_candidates")),
        minhash_bands=int(_get(t, "blocking", "minhash_bands")),
        minhash_rows=int(_get(t, "blocking", "minhash_rows")),
        prefix_tokens=int(_get(t, "blocking", "prefix_tokens")),
        handle_affix_chars=int(_get(t, "blocking", "handle_affix_chars")),
        max_texts=int(_get(t, "summary", "max_texts")),
        max_handles=int(_get(t, "summary", "max_handles")),
        course_min_occasions=int(_get(t, "course_of_conduct", "min_occasions")),
        course_source=str(_get(t, "course_of_conduct", "source")),
    )
    if not 0.0 < policy.review <= policy.auto_merge <= 1.0:
        raise InvalidValue("dedup_policy.thresholds", "need 0 < review <= auto_merge <= 1")
    if abs(policy.weight_text + policy.weight_account + policy.weight_time - 1.0) > 1e-9:
        raise InvalidValue("dedup_policy.weights", "must add up to 1")
    if policy.max_per_block < 1 or policy.max_candidates < 1:
        raise InvalidValue("dedup_policy.blocking", "caps must be at least 1")
    return policy


@cache
def default_policy() -> DedupPolicy:
    """The shipped policy (cached; the file is package data)."""
    text = resources.files("graph.dedup").joinpath("data/dedup_policy.toml").read_text("utf-8")
    return parse_policy(text)
