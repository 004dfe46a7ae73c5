"""When an intelligence item falls due for MoPI review, per ``data/retention_policy.toml``.

The groups and periods are UNVERIFIED (see the policy file); the function therefore returns
the rule it applied with the policy's status, so the decision can be recorded and revisited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.errors import InvalidValue
from graph.policy_files import PolicyVersion, load_policy


class RetentionGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    review_after_years: int = Field(ge=1)


class RetentionPolicy(PolicyVersion):
    """The file's ``[[group]]``s by id, the group of an item with none, and the policy's
    status and sources (the periods are UNVERIFIED)."""

    file_schema: int = Field(alias="schema", ge=1)
    status: str = Field(min_length=1)
    sources: tuple[str, ...] = Field(min_length=1)
    default_group: str
    groups: dict[str, RetentionGroup] = Field(alias="group", min_length=1)

    @field_validator("groups", mode="before")
    @classmethod
    def _by_id(cls, groups: Any) -> Any:
        """``[[group]]`` entries keyed by their id, so a problem names the group."""
        if not isinstance(groups, list):
            return groups
        return {
            str(g.get("id", i)) if isinstance(g, dict) else str(i): g for i, g in enumerate(groups)
        }

    @model_validator(mode="after")
    def _default_is_a_group(self) -> RetentionPolicy:
        if self.default_group not in self.groups:
            raise ValueError("default_group: is not a group")
        return self


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
    return load_policy("graph.intel", "retention_policy.toml", RetentionPolicy)


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
