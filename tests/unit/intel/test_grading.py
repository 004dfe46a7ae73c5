from __future__ import annotations

from typing import Any

import pytest

from graph.errors import InvalidInput
from graph.intel.grading import (
    Grade,
    HandlingCode,
    IntelligenceAssessment,
    LegacyGrade,
    SourceEvaluation,
)


def grade(source: Any = "1", assessment: Any = "A", code: Any = "P", **more: Any) -> Grade:
    data = {
        "source_evaluation": source,
        "intelligence_assessment": assessment,
        "handling_code": code,
        **more,
    }
    return Grade.parse(data)


@pytest.mark.parametrize("source", ["1", "2", "3"])
@pytest.mark.parametrize("assessment", ["A", "B", "C", "D", "E"])
def test_every_3x5x2_combination_with_p_is_valid(source: str, assessment: str) -> None:
    g = grade(source, assessment, "P")
    assert g.code == f"{source}{assessment}P"
    assert g.handling_conditions == ()


# (input overrides, field named in the error, words in the message)
BAD = [
    ({"source": "4"}, "grade.source_evaluation", "'1', '2' or '3'"),
    ({"source": "A"}, "grade.source_evaluation", "'1', '2' or '3'"),
    ({"assessment": "F"}, "grade.intelligence_assessment", "'A'"),
    ({"code": "X"}, "grade.handling_code", "'P' or 'C'"),
    ({"code": "C"}, "grade.handling_conditions", "requires at least one handling condition"),
    ({"code": "C", "handling_conditions": []}, "grade.handling_conditions", "requires"),
    ({"code": "C", "handling_conditions": ["  "]}, "grade.handling_conditions", "blank"),
    ({"handling_conditions": ["only police"]}, "grade.handling_conditions", "P takes no"),
    (
        {
            "legacy": {
                "source_evaluation": "F",
                "intelligence_evaluation": "2",
                "handling_code": "1",
            }
        },
        "grade.legacy.source_evaluation",
        "pattern",
    ),
    ({"colour": "red"}, "grade.colour", "not permitted"),
]


@pytest.mark.parametrize(("overrides", "field", "words"), BAD)
def test_bad_grades_name_the_field(overrides: dict[str, Any], field: str, words: str) -> None:
    args = {k: overrides.pop(k) for k in ("source", "assessment", "code") if k in overrides}
    with pytest.raises(InvalidInput) as caught:
        grade(**args, **overrides)
    assert [p.field for p in caught.value.problems] == [field]
    assert words in caught.value.problems[0].message


def test_all_problems_are_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        grade("9", "Z", "C")
    assert {p.field for p in caught.value.problems} == {
        "grade.source_evaluation",
        "grade.intelligence_assessment",
        "grade.handling_conditions",
    }


def test_c_keeps_its_conditions_stripped_and_in_order() -> None:
    g = grade("3", "E", "C", handling_conditions=[" No onward sharing ", "Ask OIC"])
    assert g.handling_code is HandlingCode.C
    assert g.handling_conditions == ("No onward sharing", "Ask OIC")


def test_labels_follow_the_3x5x2_wording() -> None:
    assert SourceEvaluation("2").label == "Untested"
    assert IntelligenceAssessment("B").label == "Known indirectly to the source but corroborated"
    assert HandlingCode("C").label == "Lawful sharing permitted subject to conditions"


def test_from_code_reads_the_compact_form() -> None:
    assert Grade.from_code("2 b c", conditions=("Ask OIC",)).code == "2BC"
    with pytest.raises(InvalidInput) as caught:
        Grade.from_code("1A")
    assert caught.value.problems[0].field == "grade.code"


def test_legacy_5x5x5_is_kept_verbatim_beside_the_3x5x2_grade() -> None:
    legacy = {"source_evaluation": "B", "intelligence_evaluation": "2", "handling_code": "4"}
    g = grade("2", "C", "P", legacy=legacy)
    assert g.legacy == LegacyGrade(**legacy)
    assert g.legacy is not None
    assert g.legacy.code == "B24"


def test_grades_are_frozen() -> None:
    g = grade()
    with pytest.raises(ValueError, match="frozen"):
        g.handling_code = HandlingCode.C  # type: ignore[misc]
