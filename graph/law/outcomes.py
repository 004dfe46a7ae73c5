"""Crime outcome types (``data/outcome_codes.toml``), versioned, and the rules for using one.

Rules (hub issue 6, domain brief section 6): an unknown code is rejected; 15, 16 and 21 (and
any other code flagged ``requires_named_suspect``) need a named suspect; 21 on a hate crime
needs a supervisor's written justification.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from graph.errors import InvalidInput, InvalidValue, Problem
from graph.policy_files import PolicyHistory, PolicyVersion, load_history


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class OutcomeCode(_Frozen):
    code: str = Field(min_length=1)
    name: str
    verified: bool
    requires_named_suspect: bool = False
    hate_needs_supervisor_justification: bool = False
    valid_from: date | None = None


class OutcomeTable(PolicyVersion):
    """One version of the table (``[[table]]``), its codes as ``[[table.code]]``."""

    version: int
    codes: tuple[OutcomeCode, ...] = Field(default=(), alias="code")

    def find(self, code: str, on: date) -> OutcomeCode | None:
        wanted = code.strip().upper()
        for entry in self.codes:
            if entry.code == wanted and (entry.valid_from is None or entry.valid_from <= on):
                return entry
        return None


OutcomeTables = PolicyHistory[OutcomeTable]
"""Every version of the table; the one valid on a date applies."""


@cache
def outcome_tables() -> OutcomeTables:
    return load_history("graph.law", "outcome_codes.toml", OutcomeTable, key="table")


def validate_outcome(
    code: str,
    *,
    on: date,
    named_suspect: bool,
    hate_crime: bool,
    supervisor_justification: str | None = None,
    tables: OutcomeTables | None = None,
) -> OutcomeCode:
    """The outcome ``code`` if it may close this crime on ``on``; else :class:`InvalidInput`.

    Every problem is reported at once (``outcome.code``, ``outcome.named_suspect``,
    ``outcome.supervisor_justification``).
    """
    entry = (tables or outcome_tables()).on(on, field="outcome.date").find(code, on)
    if entry is None:
        raise InvalidValue("outcome.code", f"{code!r} is not an outcome code in force on {on}")
    problems: list[Problem] = []
    if entry.requires_named_suspect and not named_suspect:
        problems.append(
            Problem("outcome.named_suspect", f"outcome {entry.code} requires a named suspect")
        )
    justified = bool(supervisor_justification and supervisor_justification.strip())
    if entry.hate_needs_supervisor_justification and hate_crime and not justified:
        problems.append(
            Problem(
                "outcome.supervisor_justification",
                f"outcome {entry.code} on a hate crime requires a supervisor's justification",
            )
        )
    if problems:
        raise InvalidInput(problems)
    return entry
