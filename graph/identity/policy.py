"""The linkage policy, read from ``data/linkage_policy.toml`` (weights and thresholds are data).

Feature weights are kept as one table per feature (``policy.feature("accounts.handle")``), and
every key the code reads is checked at load time, so a missing setting fails when the policy is
loaded, naming the setting, never in the middle of a run.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from graph.errors import InvalidValue

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
    "accounts.victims": (*_FREQ, "max_total"),
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


@dataclass(frozen=True, slots=True)
class LinkagePolicy:
    """Thresholds, blocking caps and per-feature weights; the TOML file documents each."""

    name: str
    version: int
    valid_from: date
    source: str
    prior_log2_odds: float
    auto_link: float
    review: float
    max_block_size: int
    handle_affix_chars: int
    handle_prefixes: tuple[str, ...]
    handle_suffixes: tuple[str, ...]
    features: Mapping[str, Mapping[str, float]]

    def feature(self, name: str) -> Mapping[str, float]:
        try:
            return self.features[name]
        except KeyError:
            raise InvalidValue(f"linkage_policy.{name}", "is missing") from None


def _get(table: Mapping[str, Any], dotted: str) -> Any:
    node: Any = table
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            raise InvalidValue(f"linkage_policy.{dotted}", "is missing")
        node = node[part]
    return node


def parse_policy(text: str) -> LinkagePolicy:
    """Parse policy TOML text; raise :class:`InvalidValue` naming a missing or bad setting."""
    t = tomllib.loads(text)
    features: dict[str, dict[str, float]] = {}
    for name, keys in REQUIRED.items():
        features[name] = {}
        for key in keys:
            value = _get(t, f"{name}.{key}")
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise InvalidValue(f"linkage_policy.{name}.{key}", f"{value!r} is not a number")
            features[name][key] = float(value)
    policy = LinkagePolicy(
        name=str(_get(t, "policy.name")),
        version=int(_get(t, "policy.version")),
        valid_from=date.fromisoformat(str(_get(t, "policy.valid_from"))),
        source=str(_get(t, "policy.source")),
        prior_log2_odds=float(_get(t, "decision.prior_log2_odds")),
        auto_link=float(_get(t, "decision.auto_link")),
        review=float(_get(t, "decision.review")),
        max_block_size=int(_get(t, "blocking.max_block_size")),
        handle_affix_chars=int(_get(t, "blocking.handle_affix_chars")),
        handle_prefixes=tuple(str(p) for p in _get(t, "handles.prefixes")),
        handle_suffixes=tuple(str(s) for s in _get(t, "handles.suffixes")),
        features=features,
    )
    if not 0.0 < policy.review <= policy.auto_link < 1.0:
        raise InvalidValue("linkage_policy.decision", "need 0 < review <= auto_link < 1")
    if policy.max_block_size < 2:
        raise InvalidValue("linkage_policy.blocking.max_block_size", "must be at least 2")
    return policy


@cache
def default_policy() -> LinkagePolicy:
    """The shipped policy (cached; the file is package data)."""
    path = resources.files("graph.identity").joinpath("data/linkage_policy.toml")
    return parse_policy(path.read_text("utf-8"))
