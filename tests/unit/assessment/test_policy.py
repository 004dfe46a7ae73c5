"""The assessment policy file: versions by date, the documented default, named errors."""

from __future__ import annotations

from datetime import date

import pytest

from graph.assessment.policy import AssessmentPolicy, NchiMode, policy_on, shipped_policies
from graph.errors import InvalidInput, InvalidValue
from graph.policy_files import parse_history


@pytest.mark.parametrize(
    ("day", "policy_id", "threshold"),
    [
        (date(2023, 6, 2), "assessment-2014", False),
        (date(2023, 6, 3), "assessment-nchi-code-2023", True),  # NCHI Code in force
        (date(2026, 11, 29), "assessment-nchi-code-2023", True),
    ],
)
def test_policy_in_force_on_the_decision_date(day: date, policy_id: str, threshold: bool) -> None:
    policy = policy_on(day)
    assert policy.id == policy_id
    assert policy.nchi_personal_data_threshold is threshold


def test_shipped_default() -> None:
    current = shipped_policies().on(date(2026, 11, 29))
    assert current.nchi_mode is NchiMode.RECORD
    assert current.accept_unconnected_bystander_perception is False
    assert current.crime_recording_hours == 24
    assert (current.victims_code_working_days, current.victims_code_working_days_enhanced) == (
        5,
        1,
    )


def test_no_policy_before_the_first_version() -> None:
    with pytest.raises(InvalidValue):
        policy_on(date(2013, 12, 31))


def test_bad_settings_are_named() -> None:
    text = """
[[policy]]
id = "p"
valid_from = "2030-01-01"
source = "test"
nchi_mode = "ignore"
nchi_personal_data_threshold = true
accept_unconnected_bystander_perception = false
crime_recording_hours = 0
victims_code_working_days = 5
victims_code_working_days_enhanced = 1
enhanced_rights_for_hate_crime = true
"""
    with pytest.raises(InvalidInput) as caught:
        parse_history(text, "assessment_policy.toml", AssessmentPolicy)
    fields = {p.field for p in caught.value.problems}
    assert fields == {
        "assessment_policy[0].nchi_mode",
        "assessment_policy[0].crime_recording_hours",
    }


def test_empty_policy_file_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no \\[\\[policy\\]\\]"):
        parse_history("", "assessment_policy.toml", AssessmentPolicy)
