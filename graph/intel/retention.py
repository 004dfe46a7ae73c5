"""When an intelligence item falls due for MoPI review, per ``data/retention_policy.toml``.

The groups and periods are UNVERIFIED (see the policy file); the function therefore returns
the rule it applied with the policy's status, so the decision can be recorded and revisited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from graph.errors import InvalidValue
from graph.intel._data import load_toml


@dataclass(frozen=True, slots=True)
class RetentionGroup:
    id: str
    name: str
    review_after_years: int


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    groups: dict[str, RetentionGroup]
    default_group: str
    valid_from: date
    status: str
    sources: tuple[str, ...]

    @classmethod
    def from_toml(cls, raw: dict[str, Any]) -> RetentionPolicy:
        groups = {
            g["id"]: RetentionGroup(g["id"], g["name"], int(g["review_after_years"]))
            for g in raw["group"]
        }
        for group in groups.values():
            if group.review_after_years < 1:
                raise ValueError(f"retention policy: group {group.id} reviews after < 1 year")
        if raw["default_group"] not in groups:
            raise ValueError("retention policy: default_group is not a group")
        return cls(
            groups=groups,
            default_group=raw["default_group"],
            valid_from=date.fromisoformat(raw["valid_from"]),
            status=raw["status"],
            sources=tuple(raw["sources"]),
        )


@dataclass(frozen=True, slots=True)
class ReviewDecision:
    """When the review is due and why: the group, its period, the basis date."""

    due_on: date
    group: RetentionGroup
    basis: date
    policy_status: str

    @property
    def explanation(self) -> str:
        return (
            f"{self.group.name} ({self.group.id}): review {self.group.review_after_years} years "
            f"after {self.basis.isoformat()} [{self.policy_status}]"
        )


@cache
def default_policy() -> RetentionPolicy:
    return RetentionPolicy.from_toml(load_toml("retention_policy.toml"))


def add_years(day: date, years: int) -> date:
    """Same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due(
    created_at: datetime,
    group_id: str | None = None,
    last_reviewed_at: datetime | None = None,
    policy: RetentionPolicy | None = None,
) -> ReviewDecision:
    """The review date of an item created (and perhaps last reviewed) at the given times."""
    policy = policy or default_policy()
    group = policy.groups.get(group_id or policy.default_group)
    if group is None:
        known = ", ".join(sorted(policy.groups))
        raise InvalidValue("retention_group", f"unknown group {group_id!r} (known: {known})")
    basis = max(created_at, last_reviewed_at) if last_reviewed_at else created_at
    return ReviewDecision(
        due_on=add_years(basis.date(), group.review_after_years),
        group=group,
        basis=basis.date(),
        policy_status=policy.status,
    )
