"""Case merge and split rules, without a database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.cases.grouping import CaseState, plan_merge, plan_split
from graph.errors import InvalidInput

AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
A = CaseState("case:content:a", "open", ("content:a",))
B = CaseState("case:content:b", "open", ("content:b", "content:b2"))


def problems(error: pytest.ExceptionInfo[InvalidInput]) -> dict[str, str]:
    return {p.field: p.message for p in error.value.problems}


def test_a_merge_moves_every_item_of_the_others_and_closes_them() -> None:
    change = plan_merge(A, [B], "dc-patel", "same account, same victim", AT)
    assert change.kind == "merge"
    assert change.moves == (("content:b", A.id), ("content:b2", A.id))
    assert change.closed == (B.id,)
    assert change.cases == (A.id, B.id)
    assert plan_merge(A, [B], "dc-patel", "same account, same victim", AT).id == change.id


def test_a_merge_names_each_bad_case_and_needs_a_reason() -> None:
    merged = CaseState("case:content:m", "merged", (), merged_into="case:content:z")
    with pytest.raises(InvalidInput) as error:
        plan_merge(A, [A, merged], "dc-patel", " ", AT)
    assert problems(error) == {"reason": "is required: say why, for the record"}
    with pytest.raises(InvalidInput) as error:
        plan_merge(A, [A, merged], "dc-patel", "why", AT)
    assert problems(error) == {
        "others[0]": "is the case being merged into",
        "others[1]": "case case:content:m is merged",
    }
    with pytest.raises(InvalidInput, match="others: name at least one"):
        plan_merge(A, [], "dc-patel", "why", AT)
    with pytest.raises(InvalidInput, match="into: case case:content:m is merged"):
        plan_merge(merged, [A], "dc-patel", "why", AT)


def test_splitting_merged_items_back_reopens_their_own_case() -> None:
    merged_case = CaseState(A.id, "open", ("content:a", "content:b", "content:b2"))
    home = CaseState(B.id, "merged", (), merged_into=A.id)
    change = plan_split(merged_case, ["content:b2", "content:b"], {B.id: home}, "dc", "why", AT)
    assert change.moves == (("content:b", B.id), ("content:b2", B.id))
    assert (change.reopened, change.created) == ((B.id,), None)


def test_splitting_items_without_a_dormant_case_makes_a_new_one() -> None:
    case = CaseState(A.id, "open", ("content:a", "content:c"))
    change = plan_split(case, ["content:c"], {}, "dc", "two separate incidents", AT)
    assert change.created is not None
    assert change.created.startswith("case:split:")
    assert change.moves == (("content:c", change.created),)
    assert change.reopened == ()
    # a default case that is open elsewhere (not merged into this one) is not taken over
    elsewhere = CaseState("case:content:c", "merged", (), merged_into="case:content:z")
    again = plan_split(case, ["content:c"], {elsewhere.id: elsewhere}, "dc", "why", AT)
    assert again.created is not None


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "contentIds: name at least one content item"),
        (["content:x"], "contentIds: not in case case:content:b: content:x"),
        (["content:b", "content:b2"], "contentIds: would leave the case empty"),
    ],
)
def test_a_split_names_what_is_wrong(items: list[str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        plan_split(B, items, {}, "dc", "why", AT)
