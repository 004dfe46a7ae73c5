"""The assessment policy (``data/assessment_policy.toml``), versioned by decision date."""

from __future__ import annotations

import enum
from datetime import date
from functools import cache

from pydantic import Field

from graph.policy_files import PolicyHistory, PolicyVersion, load_history


class NchiMode(enum.StrEnum):
    RECORD = "record"
    RECORD_WITHOUT_PERSONAL_DATA = "record_without_personal_data"
    INTELLIGENCE_ONLY = "intelligence_only"


class AssessmentPolicy(PolicyVersion):
    """One version of the policy; the TOML file documents each setting and its source."""

    id: str = Field(min_length=1)
    source: str
    nchi_mode: NchiMode
    nchi_personal_data_threshold: bool
    accept_unconnected_bystander_perception: bool
    crime_recording_hours: int = Field(gt=0)
    victims_code_working_days: int = Field(gt=0)
    victims_code_working_days_enhanced: int = Field(gt=0)
    enhanced_rights_for_hate_crime: bool


@cache
def shipped_policies() -> PolicyHistory[AssessmentPolicy]:
    return load_history("graph.assessment", "assessment_policy.toml", AssessmentPolicy)


def policy_on(day: date) -> AssessmentPolicy:
    """The shipped policy in force on ``day``."""
    return shipped_policies().on(day)
