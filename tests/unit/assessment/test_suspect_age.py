"""A suspect's age: below the age of criminal responsibility of the case's jurisdiction (on the
day of the act) no prosecution is possible; a child is dealt with by youth justice; the
recommendation itself, which is about the victim's report, does not change."""

from __future__ import annotations

from datetime import date

import pytest

from graph.assessment.engine import assess
from graph.assessment.models import Jurisdiction, Recommendation
from graph.assessment.responsibility import (
    ResponsibilityTable,
    below_criminal_responsibility,
    responsibility_table,
)
from graph.errors import InvalidInput
from graph.policy_files import parse_policy
from tests.unit.assessment.builders import NOW, facts

EW = Jurisdiction.ENGLAND_AND_WALES
SCOT = Jurisdiction.SCOTLAND
NI = Jurisdiction.NORTHERN_IRELAND
THREAT = {"threatening": True, "threat_of_death_or_serious_harm": True, "threat_kind": "death"}

# age, jurisdiction, day of the act -> barred (no prosecution), a child
AGES: list[tuple[str, int, Jurisdiction, date, bool, bool]] = [
    ("9 in England and Wales", 9, EW, date(2024, 3, 1), True, True),
    ("10 in England and Wales", 10, EW, date(2024, 3, 1), False, True),
    ("11 in Scotland", 11, SCOT, date(2024, 3, 1), True, True),
    ("12 in Scotland", 12, SCOT, date(2024, 3, 1), False, True),
    ("11 in Scotland in 2012, after the s41A bar", 11, SCOT, date(2012, 6, 1), True, True),
    ("9 in Northern Ireland", 9, NI, date(2024, 3, 1), True, True),
    ("10 in Northern Ireland", 10, NI, date(2024, 3, 1), False, True),
    ("17 anywhere", 17, EW, date(2024, 3, 1), False, True),
    ("18: an adult", 18, EW, date(2024, 3, 1), False, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("age", "jurisdiction", "day", "barred", "child"),
    [a[1:] for a in AGES],
    ids=[a[0] for a in AGES],
)
def test_the_suspects_age_decides_whether_a_prosecution_is_possible(
    age: int, jurisdiction: Jurisdiction, day: date, barred: bool, child: bool
) -> None:
    assert (below_criminal_responsibility(age, jurisdiction, day) is not None) is barred
    result = assess(
        facts(suspect_age=age, occurred_on=day, **THREAT), NOW, jurisdiction=jurisdiction
    )
    assert result.recommendation is Recommendation.CRIME  # the victim's report is recorded
    text = " ".join(result.reasons)
    assert ("No prosecution is possible" in text) is barred
    assert ("youth justice" in text) is (child and not barred)


def test_an_unknown_age_says_nothing() -> None:
    result = assess(facts(**THREAT), NOW)
    assert not any(r.startswith("Suspect aged") for r in result.reasons)


def test_the_barring_reason_cites_its_source_and_says_when_it_is_unverified() -> None:
    (reason,) = [r for r in assess(facts(suspect_age=9, **THREAT), NOW).reasons if "aged 9" in r]
    assert "Children and Young Persons Act 1933 s50" in reason
    assert "unverified" in reason
    (scottish,) = [
        r
        for r in assess(facts(suspect_age=11, **THREAT), NOW, jurisdiction=SCOT).reasons
        if "aged 11" in r
    ]
    assert "Age of Criminal Responsibility (Scotland) Act 2019" in scottish
    assert "unverified" not in scottish


@pytest.mark.parametrize("age", [-1, 121])
def test_an_impossible_age_is_refused(age: int) -> None:
    with pytest.raises(ValueError, match="suspect_age"):
        facts(suspect_age=age)


def test_the_table_covers_every_jurisdiction() -> None:
    table = responsibility_table()
    for jurisdiction in Jurisdiction:
        assert table.on(jurisdiction, date(2026, 1, 1)) is not None


def test_a_table_missing_a_jurisdiction_is_refused_by_name() -> None:
    text = """version = 1
valid_from = 2026-01-01
source = "test"
[[age]]
jurisdiction = "england_and_wales"
valid_from = 1964-02-01
minimum_age = 10
verified = true
source = "x"
"""
    with pytest.raises(InvalidInput, match="no age for northern_ireland, scotland"):
        parse_policy(text, "criminal_responsibility.toml", ResponsibilityTable)
