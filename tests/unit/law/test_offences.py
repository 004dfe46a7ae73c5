"""The offence table: shape, sources, strands and the 31 January 2024 split."""

from __future__ import annotations

import re
from datetime import date
from importlib import resources

import pytest

from graph.errors import InvalidInput, NotFound
from graph.law.offences import (
    MONITORED_STRANDS,
    ModeOfTrial,
    Strand,
    TimeLimitKind,
    offence_table,
    parse_offences,
)

SPLIT = date(2024, 1, 31)
DAY_BEFORE = date(2024, 1, 30)

REQUIRED_IDS = {
    "mca1988_s1_offensive", "mca1988_s1_threat", "mca1988_s1_false",
    "ca2003_s127_1", "ca2003_s127_2_ab", "ca2003_s127_2_c",
    "osa2023_s179", "osa2023_s181",
    "poa1986_s18", "poa1986_s19", "poa1986_s20", "poa1986_s21", "poa1986_s22", "poa1986_s23",
    "poa1986_s29b", "poa1986_s29c", "poa1986_s29d", "poa1986_s29e", "poa1986_s29f",
    "poa1986_s29g",
    "pha1997_s2", "pha1997_s2a", "pha1997_s4", "pha1997_s4a",
    "cda1998_s31_poa_s4", "cda1998_s31_poa_s4a", "cda1998_s31_poa_s5",
    "cda1998_s32_pha_s2", "cda1998_s32_pha_s2a", "cda1998_s32_pha_s4", "cda1998_s32_pha_s4a",
    "oapa1861_s16",
}  # fmt: skip

# offence id -> (in force on 30 Jan 2024, in force on 31 Jan 2024)
BOUNDARY = [
    ("mca1988_s1_threat", True, False),
    ("mca1988_s1_false", True, False),
    ("ca2003_s127_2_ab", True, False),
    ("osa2023_s179", False, True),
    ("osa2023_s181", False, True),
    ("mca1988_s1_offensive", True, True),
    ("ca2003_s127_1", True, True),
    ("ca2003_s127_2_c", True, True),
]

# offence id -> time limit kind, months, long-stop years
TIME_LIMITS = [
    ("ca2003_s127_1", TimeLimitKind.EVIDENCE_WITH_LONGSTOP, 6, 3),
    ("ca2003_s127_2_c", TimeLimitKind.EVIDENCE_WITH_LONGSTOP, 6, 3),
    ("osa2023_s179", TimeLimitKind.EVIDENCE_WITH_LONGSTOP, 6, 3),
    ("pha1997_s2", TimeLimitKind.SUMMARY_SIX_MONTHS, None, None),
    ("pha1997_s2a", TimeLimitKind.SUMMARY_SIX_MONTHS, None, None),
    ("osa2023_s181", TimeLimitKind.NONE, None, None),
    ("mca1988_s1_offensive", TimeLimitKind.NONE, None, None),
    ("oapa1861_s16", TimeLimitKind.NONE, None, None),
]


def test_table_holds_every_offence_in_the_issue() -> None:
    assert {o.id for o in offence_table().offences} == REQUIRED_IDS


@pytest.mark.parametrize(("offence_id", "before", "on_split"), BOUNDARY)
def test_communications_split_on_31_january_2024(
    offence_id: str, before: bool, on_split: bool
) -> None:
    offence = offence_table().get(offence_id)
    assert offence.in_force_on(DAY_BEFORE) is before
    assert offence.in_force_on(SPLIT) is on_split


@pytest.mark.parametrize(("offence_id", "kind", "months", "longstop"), TIME_LIMITS)
def test_time_limit_rules(
    offence_id: str, kind: TimeLimitKind, months: int | None, longstop: int | None
) -> None:
    rule = offence_table().get(offence_id).time_limit
    assert (rule.kind, rule.months, rule.longstop_years) == (kind, months, longstop)


def test_summary_offences_have_a_time_limit_and_others_none() -> None:
    for offence in offence_table().offences:
        if offence.mode_of_trial is ModeOfTrial.SUMMARY:
            assert offence.time_limit.kind is not TimeLimitKind.NONE, offence.id
        else:
            assert offence.time_limit.kind is TimeLimitKind.NONE, offence.id


def test_strands_each_offence_covers() -> None:
    table = offence_table()
    for offence in table.offences:
        if offence.aggravated_form_of is not None:
            assert set(offence.strands) == {Strand.RACE, Strand.RELIGION}, offence.id
        elif offence.id in {f"poa1986_s{n}" for n in range(18, 24)}:
            assert offence.strands == (Strand.RACE,)
            assert offence.ag_consent
        elif offence.id.startswith("poa1986_s29"):
            assert set(offence.strands) == {Strand.RELIGION, Strand.SEXUAL_ORIENTATION}
            assert offence.ag_consent
        else:
            assert set(offence.strands) == MONITORED_STRANDS, offence.id
            assert not offence.ag_consent


def test_unverified_facts_stay_flagged() -> None:
    table = offence_table()
    assert table.get("osa2023_s181").verified is False  # s181(5) maximum not confirmed
    assert table.get("osa2023_s179").time_limit.verified is False  # 3-year long-stop
    assert table.get("cda1998_s32_pha_s4").verified is True  # 14 years: in the brief


def test_points_have_unique_ids_and_text() -> None:
    for offence in offence_table().offences:
        ids = [p.id for p in offence.points]
        assert len(ids) == len(set(ids)), offence.id
        assert all(p.text for p in offence.points)


def test_every_source_key_is_listed_in_sources_md() -> None:
    text = resources.files("graph.law").joinpath("data/SOURCES.md").read_text("utf-8")
    listed = set(re.findall(r"^\| ([a-z0-9-]+) \| http", text, flags=re.MULTILINE))
    for offence in offence_table().offences:
        assert set(offence.sources) <= listed, offence.id


def test_aggravated_form_lookup() -> None:
    table = offence_table()
    aggravated = table.aggravated_form("pha1997_s2")
    assert aggravated is not None
    assert aggravated.id == "cda1998_s32_pha_s2"
    assert table.aggravated_form("osa2023_s181") is None


def test_unknown_offence_is_not_found() -> None:
    with pytest.raises(NotFound, match="nope"):
        offence_table().get("nope")


def test_bad_entries_are_named() -> None:
    text = """
version = 1
valid_from = "2024-01-31"
[[offence]]
id = "x"
title = "X"
act = "Act"
section = "s1"
mode_of_trial = "sometimes"
max_penalty = "none"
verified = true
ag_consent = false
strands = ["any"]
sources = ["s"]
time_limit = { kind = "evidence_only" }
points = [{ id = "p", kind = "conduct", text = "t" }]
"""
    with pytest.raises(InvalidInput) as caught:
        parse_offences(text)
    fields = {p.field for p in caught.value.problems}
    assert "offences[x].mode_of_trial" in fields
    assert any(f.startswith("offences[x].time_limit") for f in fields)


def test_a_course_of_conduct_is_two_occasions_in_one_place() -> None:
    """PHA 1997 s7(3)(a): the one threshold case suggestions and the assessment read."""
    course = offence_table().course_of_conduct
    assert course.min_occasions == 2
    assert course.source.startswith("https://www.legislation.gov.uk/")
    assert (course.reached_by(1), course.reached_by(2)) == (False, True)


def test_one_strand_vocabulary_from_the_report_to_the_law() -> None:
    from ingest.contract import Incident

    assert Incident.model_fields["strands"].annotation == list[Strand]
    assert set(Strand) - MONITORED_STRANDS == {Strand.OTHER}
    assert len(MONITORED_STRANDS) == 5
