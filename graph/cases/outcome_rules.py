"""The outcome's own date and note, checked before the Home Office outcome rules
(:func:`graph.law.outcomes.validate_outcome`) are asked about that date. Pure: no I/O.

A force records an outcome on the day it learns it, or later: the outcome date is the day the
outcome was reached (a charge, a caution, a decision to take no further action), which may be
days before it is recorded. It is a UK calendar date; it may not be in the future, nor before
the case was opened (the case's own UK date). The note is the officer's free text for the
hub, bounded so a page and an evidence package can show it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from graph.assessment.calendars import uk_date
from graph.errors import Problem
from graph.law.outcomes import OutcomeCode

MAX_NOTE = 2000  # characters; a note longer than this belongs in the force's own record
DATE_FIELD = "outcome.date"
NOTE_FIELD = "outcome.note"


def outcome_problems(
    outcome_on: date, note: str | None, *, now: datetime, case_opened: datetime | None
) -> list[Problem]:
    """Every problem with the outcome's date and note, each naming its field."""
    found: list[Problem] = []
    today = uk_date(now)
    if outcome_on > today:
        found.append(Problem(DATE_FIELD, f"must be today ({today}) or earlier, got {outcome_on}"))
    if case_opened is not None and outcome_on < uk_date(case_opened):
        opened = uk_date(case_opened)
        found.append(Problem(DATE_FIELD, f"must be on or after {opened}, when the case was opened"))
    if note is not None and len(note) > MAX_NOTE:
        found.append(
            Problem(NOTE_FIELD, f"must be {MAX_NOTE} characters or fewer, got {len(note)}")
        )
    return found


@dataclass(frozen=True, slots=True)
class RecordedOutcome:
    """An outcome as recorded: the Home Office code, the date it was reached, the note."""

    outcome: OutcomeCode
    outcome_on: date
    note: str | None
