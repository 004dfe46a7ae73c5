"""The age of criminal responsibility (``data/criminal_responsibility.toml``), per jurisdiction
and by the day of the act: below it a suspect cannot be prosecuted, whatever the evidence."""

from __future__ import annotations

from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.assessment.models import Jurisdiction
from graph.policy_files import VersionedPolicy, load_policy


class MinimumAge(BaseModel):
    """The age from a day in one jurisdiction, with its source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    jurisdiction: Jurisdiction
    valid_from: date
    minimum_age: int = Field(ge=0, le=18)
    verified: bool
    source: str = Field(min_length=1)


class ResponsibilityTable(VersionedPolicy):
    age: tuple[MinimumAge, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_jurisdiction(self) -> ResponsibilityTable:
        missing = set(Jurisdiction) - {a.jurisdiction for a in self.age}
        if missing:
            raise ValueError(f"no age for {', '.join(sorted(missing))}")
        return self

    def on(self, jurisdiction: Jurisdiction, day: date) -> MinimumAge | None:
        """The entry in force in ``jurisdiction`` on ``day``; None before the first one."""
        applying = [a for a in self.age if a.jurisdiction is jurisdiction and a.valid_from <= day]
        return max(applying, key=lambda a: a.valid_from) if applying else None


@cache
def responsibility_table() -> ResponsibilityTable:
    return load_policy("graph.assessment", "criminal_responsibility.toml", ResponsibilityTable)


def below_criminal_responsibility(
    age: int, jurisdiction: Jurisdiction, day: date, table: ResponsibilityTable | None = None
) -> MinimumAge | None:
    """The rule that bars a prosecution of a suspect who was ``age`` on ``day``, if one does."""
    rule = (table or responsibility_table()).on(jurisdiction, day)
    return rule if rule is not None and age < rule.minimum_age else None
