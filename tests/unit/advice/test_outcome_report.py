"""The outcome report: cases counted by outcome group per offence, strand, force or note."""

from __future__ import annotations

import pytest

from graph.advice.outcomes import (
    CaseOutcome,
    Dimension,
    OutcomeGroups,
    outcome_groups,
    outcome_report,
)
from graph.errors import InvalidInput
from graph.policy_files import parse_policy


def _case(
    case_id: str,
    code: str,
    force: str | None = "E23000010",
    offences: tuple[str, ...] = ("osa2023_s181",),
    strands: tuple[str, ...] = ("race",),
    guidance: tuple[str, ...] = (),
) -> CaseOutcome:
    return CaseOutcome(case_id, code, force, offences, strands, guidance)


def test_the_shipped_groups_put_each_verified_code_in_one_group() -> None:
    groups = outcome_groups()
    assert groups.of("1") == "charged"
    assert groups.of("1a") == "charged"
    assert groups.of("21") == "not_in_public_interest"
    assert groups.of("18") == "no_suspect"
    assert groups.of("99") == "other"


def test_rows_by_offence_count_each_case_once_per_offence() -> None:
    outcomes = [
        _case("case:1", "1", offences=("osa2023_s181", "oapa1861_s16")),
        _case("case:2", "18"),
        _case("case:3", "1A"),
        _case("case:4", "16", offences=()),
    ]
    rows = {r.key: r for r in outcome_report(outcomes, Dimension.OFFENCE)}
    assert rows["osa2023_s181"].cases == 3
    assert rows["osa2023_s181"].by_group == {"charged": 2, "no_suspect": 1}
    assert rows["osa2023_s181"].charged_share == pytest.approx(2 / 3)
    assert rows["oapa1861_s16"].cases == 1
    assert rows["(none recorded)"].by_group == {"evidential_victim_withdraws": 1}


def test_rows_by_force_and_by_guidance() -> None:
    outcomes = [
        _case("case:1", "1", force="E23000010", guidance=("course-of-conduct",)),
        _case("case:2", "14", force="E23000005", guidance=("course-of-conduct", "x")),
        _case("case:3", "8", force=None),
    ]
    by_force = [(r.key, r.cases) for r in outcome_report(outcomes, Dimension.FORCE)]
    assert by_force == [("(unassigned)", 1), ("E23000005", 1), ("E23000010", 1)]
    by_note = {r.key: r.by_group for r in outcome_report(outcomes, Dimension.GUIDANCE)}
    assert by_note["course-of-conduct"] == {"charged": 1, "evidential_no_suspect": 1}
    assert by_note["(no guidance)"] == {"out_of_court": 1}


def test_a_code_in_two_groups_is_refused() -> None:
    text = """version = 1
valid_from = 2014-04-01
source = "test"
[[group]]
id = "a"
label = "A"
codes = ["1"]
[[group]]
id = "b"
label = "B"
codes = ["1"]
"""
    with pytest.raises(InvalidInput, match="code 1 is in a and b"):
        parse_policy(text, "outcome_groups.toml", OutcomeGroups)
