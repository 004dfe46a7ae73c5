"""One loader for the policy files, one converter from pydantic's errors to problems."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from graph.assessment.policy import shipped_policies as assessment_policies
from graph.assignment.rules import shipped_policies as assignment_policies
from graph.data_requests.policy import data_request_policy
from graph.dedup.policy import default_policy as dedup_policy
from graph.errors import InvalidInput, InvalidValue, Problem
from graph.identity.policy import default_policy as linkage_policy
from graph.intel.retention import default_policy as retention_policy
from graph.law.offences import offence_table
from graph.law.outcomes import outcome_tables
from graph.policy_files import PolicyVersion, parse_history, parse_policy
from graph.removals.policy import removal_policy
from graph.updates.policy import updates_policy
from graph.updates.templates import reason_library
from graph.validation import PlainWords, problems_of

# every policy file the hub ships, read by graph/policy_files.py
SHIPPED: list[Callable[[], object]] = [
    assessment_policies,
    assignment_policies,
    data_request_policy,
    dedup_policy,
    linkage_policy,
    offence_table,
    outcome_tables,
    reason_library,
    removal_policy,
    retention_policy,
    updates_policy,
]


@pytest.mark.parametrize("load", SHIPPED, ids=lambda load: load.__module__)
def test_every_shipped_policy_loads(load: Callable[[], object]) -> None:
    assert load() is not None


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["a", "b"]
    size: int = Field(ge=1)
    first: int = 0
    last: int = 0

    @model_validator(mode="after")
    def _ordered(self) -> Item:
        if self.last < self.first:
            raise ValueError("last: is before first")
        return self


class Basket(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[a-z]+$")
    items: list[Item]


def problems(data: dict[str, Any], **options: Any) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        Basket.model_validate(data)
    return problems_of(caught.value, **options)


BAD = {"code": "X1", "items": [{"kind": "a", "size": 1}, {"kind": "c", "size": 0, "x": 1}]}


def test_each_problem_is_named_by_its_path() -> None:
    assert [p.field for p in problems(BAD)] == [
        "code",
        "items[1].kind",
        "items[1].size",
        "items[1].x",
    ]
    assert problems(BAD, prefix="basket")[1].field == "basket.items[1].kind"


def test_a_model_level_check_names_its_own_field() -> None:
    found = problems({"code": "x", "items": [{"kind": "a", "size": 1, "first": 2, "last": 1}]})
    assert found == [Problem("items[0].last", "is before first")]


def test_plain_words_never_show_a_pattern() -> None:
    words = PlainWords("the basket", {"code": "must be lower-case letters"})
    found = {p.field: p.message for p in problems(BAD, words=words)}
    assert found == {
        "code": "must be lower-case letters",
        "items[1].kind": "must be 'a' or 'b'",
        "items[1].size": "Input should be greater than or equal to 1",
        "items[1].x": "is not a field of the basket",
    }


def test_outer_parts_are_not_fields_and_an_empty_path_is_the_root() -> None:
    details = problems({"items": []}, outer=1, root="body")
    assert [p.field for p in details] == ["body"]  # ("code",) without its outer part


class Dated(PolicyVersion):
    level: int


def test_a_history_picks_the_version_in_force() -> None:
    text = "".join(
        f"[[policy]]\nvalid_from = {day}\nlevel = {level}\n"
        for day, level in (("2020-01-01", 1), ("2024-06-01", 2))
    )
    history = parse_history(text, "levels.toml", Dated)
    assert [history.on(date(2024, 5, 31)).level, history.on(date(2024, 6, 1)).level] == [1, 2]
    with pytest.raises(InvalidValue) as caught:
        history.on(date(2019, 12, 31))
    assert str(caught.value) == "levels.valid_from: no version of levels is in force on 2019-12-31"


def test_a_history_names_each_bad_version_and_a_repeated_start() -> None:
    text = "[[policy]]\nvalid_from = 2020-01-01\nlevel = 'x'\n" + 2 * (
        "[[policy]]\nvalid_from = 2021-01-01\nlevel = 1\n"
    )
    with pytest.raises(InvalidInput) as caught:
        parse_history(text, "levels.toml", Dated)
    assert [p.field for p in caught.value.problems] == ["levels[0].level", "levels.valid_from"]


def test_a_file_that_is_not_toml_is_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_policy("level = ", "levels.toml", Dated)
    assert caught.value.field == "levels.toml"
    assert caught.value.reason.startswith("is not valid TOML")
