"""The assessment policy (``data/assessment_policy.toml``), versioned by decision date."""

from __future__ import annotations

import enum
import tomllib
from datetime import date
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from graph.errors import InvalidInput, InvalidValue, Problem


class NchiMode(enum.StrEnum):
    RECORD = "record"
    RECORD_WITHOUT_PERSONAL_DATA = "record_without_personal_data"
    INTELLIGENCE_ONLY = "intelligence_only"


class AssessmentPolicy(BaseModel):
    """One version of the policy; the TOML file documents each setting and its source."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    valid_from: date
    source: str
    nchi_mode: NchiMode
    nchi_personal_data_threshold: bool
    accept_unconnected_bystander_perception: bool
    crime_recording_hours: int = Field(gt=0)
    victims_code_working_days: int = Field(gt=0)
    victims_code_working_days_enhanced: int = Field(gt=0)
    enhanced_rights_for_hate_crime: bool
    course_of_conduct_min_occasions: int = Field(ge=2)


class AssessmentPolicies(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    versions: tuple[AssessmentPolicy, ...] = Field(min_length=1)

    def on(self, day: date) -> AssessmentPolicy:
        """The version in force on ``day`` (latest ``valid_from`` on or before it)."""
        valid = [p for p in self.versions if p.valid_from <= day]
        if not valid:
            raise InvalidValue("policy.valid_from", f"no assessment policy is in force on {day}")
        return max(valid, key=lambda p: p.valid_from)


def parse_policies(text: str) -> AssessmentPolicies:
    """Parse the policy TOML; :class:`InvalidInput` names each bad version and setting."""
    data = tomllib.loads(text)
    problems: list[Problem] = []
    versions: list[AssessmentPolicy] = []
    for index, raw in enumerate(data.get("policy", [])):
        try:
            versions.append(AssessmentPolicy.model_validate(raw))
        except ValidationError as error:
            for item in error.errors():
                field = ".".join(str(part) for part in item["loc"])
                problems.append(Problem(f"assessment_policy[{index}].{field}", item["msg"]))
    if not versions and not problems:
        problems.append(Problem("assessment_policy", "has no [[policy]] version"))
    starts = [v.valid_from for v in versions]
    if len(set(starts)) != len(starts):
        problems.append(Problem("assessment_policy.valid_from", "two versions start on one day"))
    if problems:
        raise InvalidInput(problems)
    return AssessmentPolicies(versions=tuple(versions))


@cache
def shipped_policies() -> AssessmentPolicies:
    text = resources.files("graph.assessment").joinpath("data/assessment_policy.toml")
    return parse_policies(text.read_text("utf-8"))


def policy_on(day: date) -> AssessmentPolicy:
    """The shipped policy in force on ``day``."""
    return shipped_policies().on(day)
