"""The outcome's date and note: today or earlier, not before the case opened, note bounded."""

from __future__ import annotations

from datetime import UTC, date, datetime

from graph.cases.outcome_rules import MAX_NOTE, outcome_problems

NOW = datetime(2026, 6, 10, 23, 30, tzinfo=UTC)  # 11 June 00:30 in London (BST)
OPENED = datetime(2026, 6, 1, 23, 10, tzinfo=UTC)  # 2 June in London


def fields(on: date, note: str | None = None) -> list[str]:
    return [p.field for p in outcome_problems(on, note, now=NOW, case_opened=OPENED)]


def test_the_date_is_a_uk_date_from_the_day_the_case_opened_to_today() -> None:
    assert fields(date(2026, 6, 11)) == []  # today in London, though 10 June in UTC
    assert fields(date(2026, 6, 2)) == []  # the day it opened, in London
    assert fields(date(2026, 6, 12)) == ["outcome.date"]
    assert fields(date(2026, 6, 1)) == ["outcome.date"]


def test_a_case_with_no_opening_time_bounds_only_by_today() -> None:
    assert outcome_problems(date(2020, 1, 1), None, now=NOW, case_opened=None) == []


def test_the_note_is_bounded_and_each_problem_names_its_field() -> None:
    assert fields(date(2026, 6, 5), "x" * MAX_NOTE) == []
    found = outcome_problems(date(2026, 6, 12), "x" * (MAX_NOTE + 1), now=NOW, case_opened=OPENED)
    assert [(p.field, p.message) for p in found] == [
        ("outcome.date", "must be today (2026-06-11) or earlier, got 2026-06-12"),
        ("outcome.note", f"must be {MAX_NOTE} characters or fewer, got {MAX_NOTE + 1}"),
    ]
