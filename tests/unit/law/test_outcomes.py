"""Outcome codes: the validation rules read as a table."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import InvalidInput, InvalidValue
from graph.law.outcomes import OutcomeTable, outcome_tables, validate_outcome
from graph.policy_files import parse_history

ON = date(2025, 6, 1)

# code, named suspect, hate crime, supervisor justification -> problem fields (empty = allowed)
RULES = [
    ("1", True, True, None, set()),
    ("14", False, True, None, set()),
    ("18", False, True, None, set()),
    ("15", True, False, None, set()),
    ("15", False, False, None, {"outcome.named_suspect"}),
    ("16", True, True, None, set()),
    ("16", False, True, None, {"outcome.named_suspect"}),
    ("21", True, False, None, set()),
    ("21", False, False, None, {"outcome.named_suspect"}),
    ("21", True, True, None, {"outcome.supervisor_justification"}),
    ("21", True, True, "   ", {"outcome.supervisor_justification"}),
    ("21", True, True, "victim's wishes; restorative justice agreed", set()),
    ("21", False, True, None, {"outcome.named_suspect", "outcome.supervisor_justification"}),
]


@pytest.mark.parametrize(("code", "named", "hate", "justification", "problems"), RULES)
def test_outcome_rules(
    code: str, named: bool, hate: bool, justification: str | None, problems: set[str]
) -> None:
    if not problems:
        entry = validate_outcome(
            code, on=ON, named_suspect=named, hate_crime=hate,
            supervisor_justification=justification,
        )  # fmt: skip
        assert entry.code == code
        return
    with pytest.raises(InvalidInput) as caught:
        validate_outcome(
            code, on=ON, named_suspect=named, hate_crime=hate,
            supervisor_justification=justification,
        )  # fmt: skip
    assert {p.field for p in caught.value.problems} == problems


@pytest.mark.parametrize("code", ["0", "23", "99", "X", ""])
def test_unknown_codes_are_rejected(code: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        validate_outcome(code, on=ON, named_suspect=True, hate_crime=False)
    assert caught.value.field == "outcome.code"


def test_outcome_22_only_from_april_2019() -> None:
    with pytest.raises(InvalidValue):
        validate_outcome("22", on=date(2019, 3, 31), named_suspect=True, hate_crime=False)
    assert validate_outcome("22", on=date(2019, 4, 1), named_suspect=True, hate_crime=False)


def test_1a_is_case_insensitive() -> None:
    assert validate_outcome("1a", on=ON, named_suspect=True, hate_crime=False).code == "1A"


def test_table_is_versioned_and_picks_the_version_in_force() -> None:
    tables = parse_history(
        """
[[table]]
version = 1
valid_from = "2014-04-01"
[[table.code]]
code = "1"
name = "Charged"
verified = true
[[table]]
version = 2
valid_from = "2030-01-01"
[[table.code]]
code = "1"
name = "Charged (renamed)"
verified = true
""",
        "outcome_codes.toml",
        OutcomeTable,
        key="table",
    )
    assert tables.on(date(2029, 12, 31)).version == 1
    assert tables.on(date(2030, 1, 1)).version == 2
    with pytest.raises(InvalidValue):
        tables.on(date(2014, 3, 31))


def test_shipped_table_unverified_numbers_are_flagged() -> None:
    table = outcome_tables().on(ON)
    verified = {c.code for c in table.codes if c.verified}
    assert verified == {"1", "1A", "14", "15", "16", "18", "20", "21", "22"}
