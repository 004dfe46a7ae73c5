"""The matching policy, read from ``data/dedup_policy.toml`` (policy is data, not code).

The file groups its settings in sections (``[thresholds] auto_merge``); the policy reads them
as flat attributes (``policy.auto_merge``), each naming its place in the file, which is also
the name a problem is reported under (``dedup_policy.thresholds.auto_merge: Field required``).
"""

from __future__ import annotations

from functools import cache

from pydantic import model_validator
from pydantic.dataclasses import dataclass

from graph.law.offences import offence_table
from graph.policy_files import SECTIONED, SectionedPolicy, load_policy, setting


@dataclass(frozen=True, slots=True, config=SECTIONED)
class DedupPolicy(SectionedPolicy):
    """Thresholds, weights and caps; see the TOML file for what each one means."""

    auto_merge: float = setting("thresholds", "auto_merge")
    review: float = setting("thresholds", "review")
    ambiguity_margin: float = setting("thresholds", "ambiguity_margin")
    popular_min_reports: int = setting("thresholds", "popular_min_reports")
    popular_ratio: float = setting("thresholds", "popular_ratio")
    weight_text: float = setting("weights", "text")
    weight_account: float = setting("weights", "account")
    weight_time: float = setting("weights", "time")
    missing_text: float = setting("missing", "text")
    missing_account: float = setting("missing", "account")
    missing_time: float = setting("missing", "time")
    same_victim_bonus: float = setting("victim", "same_victim_bonus")
    min_chars_for_partial: int = setting("text", "min_chars_for_partial")
    contradicting_text_below: float = setting("text", "contradicting_below")
    mentions_differ_below: float = setting("text", "mentions_differ_below")
    account_contradicts_below: float = setting("account", "contradicts_below")
    strong_text_score: float = setting("text", "strong_score")
    strong_text_min_chars: int = setting("text", "strong_min_chars")
    strong_text_hours: float = setting("text", "strong_within_hours")
    account_only_score: float = setting("account", "only_score")
    account_only_hours: float = setting("account", "only_within_hours")
    half_life_hours: float = setting("time", "half_life_hours")
    max_gap_hours: float = setting("time", "max_gap_hours")
    max_per_block: int = setting("blocking", "max_per_block")
    max_candidates: int = setting("blocking", "max_candidates")
    minhash_bands: int = setting("blocking", "minhash_bands")
    minhash_rows: int = setting("blocking", "minhash_rows")
    prefix_tokens: int = setting("blocking", "prefix_tokens")
    handle_affix_chars: int = setting("blocking", "handle_affix_chars")
    max_texts: int = setting("summary", "max_texts")
    max_handles: int = setting("summary", "max_handles")

    @model_validator(mode="after")
    def _consistent(self) -> DedupPolicy:
        if not 0.0 < self.review <= self.auto_merge <= 1.0:
            raise ValueError("thresholds: need 0 < review <= auto_merge <= 1")
        if abs(self.weight_text + self.weight_account + self.weight_time - 1.0) > 1e-9:
            raise ValueError("weights: must add up to 1")
        if self.max_per_block < 1 or self.max_candidates < 1:
            raise ValueError("blocking: caps must be at least 1")
        return self

    @property
    def course_min_occasions(self) -> int:
        """The occasions a suggested course of conduct needs: the law's (the offence table's
        ``[course_of_conduct]``), the one threshold the assessment reads too."""
        return offence_table().course_of_conduct.min_occasions

    @property
    def course_source(self) -> str:
        return offence_table().course_of_conduct.source


@cache
def default_policy() -> DedupPolicy:
    """The shipped policy (cached; the file is package data)."""
    return load_policy("graph.dedup", "dedup_policy.toml", DedupPolicy)
