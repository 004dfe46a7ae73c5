"""The outcome form on the case page, for the force a case is assigned to: the Home Office
outcome type, whether a suspect is named, a supervisor's justification, the date the outcome
was reached (a GOV.UK date input, today by default) and a note.

The form checks only what a browser can get wrong (nothing chosen, not a real date); the use
case (``services/cases.py`` ``report_outcome``) checks the rest: the outcome rules in force on
that date, the date neither in the future nor before the case was opened, the note's length.
Its problems come back named by the GraphQL input's fields and are shown by the question.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.cases.models import OutcomeType
from graph.cases.outcome_rules import MAX_NOTE
from graph.errors import Forbidden, InvalidInput, Problem
from graph.law.outcomes import OutcomeCode, outcome_tables
from pages.http import Fields, first

# The use case's field names -> the form's questions (an error links to the question's id).
FORM_FIELDS = {
    "outcome.code": "code",
    "outcome.named_suspect": "named_suspect",
    "outcome.supervisor_justification": "justification",
    "outcome.date": "outcome-day",
    "outcome.note": "note",
}
LABELS = {
    "code": "Outcome type", "named_suspect": "Named suspect",
    "justification": "Supervisor's justification", "outcome-day": "Outcome date",
    "note": "Note",
}  # fmt: skip


def outcome_codes(on: date) -> list[OutcomeCode]:
    """The Home Office outcome types in force on ``on`` that a force may report."""
    known = {t.value for t in OutcomeType}
    table = outcome_tables().on(on)
    return [c for c in table.codes if c.code in known and (c.valid_from or on) <= on]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class OutcomeForm:
    """What was typed into the outcome form, and its problems by question."""

    code: str = ""
    named_suspect: str = ""  # "yes", "no" or "" (not answered)
    justification: str = ""
    day: str = ""
    month: str = ""
    year: str = ""
    note: str = ""
    problems: tuple[Problem, ...] = ()

    @classmethod
    def blank(cls, today: date) -> OutcomeForm:
        return cls(day=str(today.day), month=str(today.month), year=str(today.year))

    @classmethod
    def read(cls, fields: Fields) -> OutcomeForm:
        return cls(
            code=first(fields, "code").strip(),
            named_suspect=first(fields, "named_suspect"),
            justification=first(fields, "justification").strip(),
            day=first(fields, "outcome-day").strip(),
            month=first(fields, "outcome-month").strip(),
            year=first(fields, "outcome-year").strip(),
            note=first(fields, "note"),
        )

    @property
    def outcome_on(self) -> date | None:
        """The date typed, or ``None`` when it is not a real date."""
        try:
            return date(int(self.year), int(self.month), int(self.day))
        except ValueError:
            return None

    def checked(self) -> OutcomeForm:
        """The form with the problems it shows before asking the use case."""
        found = []
        if self.code not in {t.value for t in OutcomeType}:
            found.append(Problem("code", "Select the outcome type"))
        if self.named_suspect not in {"yes", "no"}:
            found.append(Problem("named_suspect", "Select yes if a suspect is named"))
        if len(self.justification) > 2000:
            found.append(Problem("justification", "Justification must be 2,000 characters or less"))
        if not (self.day or self.month or self.year):
            found.append(Problem("outcome-day", "Enter the date the outcome was reached"))
        elif self.outcome_on is None:
            found.append(Problem("outcome-day", "Outcome date must be a real date"))
        if len(self.note) > MAX_NOTE:
            found.append(Problem("note", f"Note must be {MAX_NOTE:,} characters or less"))
        return self._with(found)

    def with_rules(self, refused: InvalidInput | Forbidden) -> OutcomeForm:
        """The form with the problems the use case found, each by its question."""
        if isinstance(refused, Forbidden):
            return self._with([Problem("code", _sentence(str(refused)))])
        return self._with(
            [
                Problem(FORM_FIELDS.get(p.field, "code"), _sentence(p.message))
                for p in refused.problems
            ]
        )

    def _with(self, problems: list[Problem]) -> OutcomeForm:
        return OutcomeForm(self.code, self.named_suspect, self.justification, self.day,
                           self.month, self.year, self.note, tuple(problems))  # fmt: skip

    @property
    def errors(self) -> dict[str, str]:
        return {p.field: p.message for p in self.problems}
