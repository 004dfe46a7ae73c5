"""The linkage policy, read from ``data/linkage_policy.toml`` (weights and thresholds are data).

Feature weights are kept as one table per feature (``policy.feature("accounts.handle")``), and
every key the code reads (``REQUIRED``) is checked at load time, so a missing setting fails when
the policy is loaded, naming the setting (``linkage_policy.accounts.handle.typo_ratio``), never
in the middle of a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from functools import cache
from typing import Annotated

from pydantic import Field, Strict, model_validator
from pydantic.dataclasses import dataclass

from graph.errors import InvalidValue
from graph.policy_files import SECTIONED, SectionedPolicy, load_policy, setting

_FREQ = ("weight", "typical", "slope", "floor")
_LEVELS = ("exact", "close", "different")
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "accounts.email": _FREQ,
    "accounts.phone": _FREQ,
    "accounts.ip": (*_FREQ, "max_total", "window_hours", "stale_factor"),
    "accounts.profile_link": ("one_way", "both_ways"),
    "accounts.handle": (
        "skeleton_exact",
        "skeleton_abbreviated",
        "skeleton_typo",
        "skeleton_close",
        "skeleton_different",
        "typo_ratio",
        "close_ratio",
        "different_ratio",
        "digits_agree",
        "digits_disagree",
        "digits_one_missing",
        "name_derived_factor",
        "typical",
        "slope",
        "floor",
    ),
    "accounts.display_name": (
        *_LEVELS,
        "close_ratio",
        "different_ratio",
        "typical",
        "slope",
        "floor",
    ),
    "accounts.registered_name": (
        *_LEVELS,
        "close_jaro",
        "different_jaro",
        "typical",
        "slope",
        "floor",
    ),
    "accounts.victims": (*_FREQ, "max_total", "window_days", "apart_factor"),
    "accounts.text": (*_FREQ, "same", "near", "same_weight", "near_weight", "overlap_weight"),
    "accounts.mentions": ("one_way", "both_ways"),
    "accounts.posting_hours": ("high", "low", "high_weight", "low_weight"),
    "accounts.incidents": (*_FREQ, "max_total"),
    "people.given_name": (*_LEVELS, "close_jaro", "different_jaro", "typical", "slope", "floor"),
    "people.surname": (*_LEVELS, "close_jaro", "different_jaro", "typical", "slope", "floor"),
    "people.date_of_birth": (*_LEVELS, "same_year"),
    "people.postcode": _LEVELS,
    "people.address": (*_LEVELS, "close_ratio", "different_ratio"),
    "people.locality": (*_LEVELS, "close_jaro", "different_jaro"),
    "people.email": _FREQ,
    "people.phone": _FREQ,
    "people.id_number": _LEVELS,
}


Number = Annotated[float, Strict()]  # a TOML integer or float, never a string or a boolean
Features = dict[str, dict[str, Number]]


@dataclass(frozen=True, slots=True, config=SECTIONED)
class LinkagePolicy(SectionedPolicy):
    """Thresholds, blocking caps and per-feature weights; the TOML file documents each."""

    prior_log2_odds: float = setting("decision", "prior_log2_odds")
    auto_link: float = setting("decision", "auto_link")
    review: float = setting("decision", "review")
    person_veto: float = setting("decision", "person_veto")
    max_block_size: int = setting("blocking", "max_block_size")
    handle_affix_chars: int = setting("blocking", "handle_affix_chars")
    handle_prefixes: tuple[str, ...] = setting("handles", "prefixes")
    handle_suffixes: tuple[str, ...] = setting("handles", "suffixes")
    accounts: Features = Field(default_factory=dict)
    people: Features = Field(default_factory=dict)
    # every feature's table by its dotted name (accounts.handle), filled from the two above
    features: dict[str, Mapping[str, float]] = field(
        init=False, default_factory=dict, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for group, tables in (("accounts", self.accounts), ("people", self.people)):
            self.features.update((f"{group}.{name}", table) for name, table in tables.items())

    @model_validator(mode="after")
    def _consistent(self) -> LinkagePolicy:
        for name, keys in REQUIRED.items():
            found = self.features.get(name, {})
            for key in keys:
                if key not in found:
                    raise ValueError(f"{name}.{key}: is missing")
        if not 0.0 < self.review <= self.auto_link < 1.0:
            raise ValueError("decision: need 0 < review <= auto_link < 1")
        if not 0.0 <= self.person_veto < self.review:
            raise ValueError("decision.person_veto: need 0 <= person_veto < review")
        if self.max_block_size < 2:
            raise ValueError("blocking.max_block_size: must be at least 2")
        return self

    def feature(self, name: str) -> Mapping[str, float]:
        try:
            return self.features[name]
        except KeyError:
            raise InvalidValue(f"linkage_policy.{name}", "is missing") from None


@cache
def default_policy() -> LinkagePolicy:
    """The shipped policy (cached; the file is package data)."""
    return load_policy("graph.identity", "linkage_policy.toml", LinkagePolicy)
