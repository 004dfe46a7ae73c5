from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from graph.errors import InvalidInput, NotFound
from graph.intel.destinations import Destination, all_destinations, destination
from graph.intel.grading import HandlingCode
from graph.intel.retention import default_policy, review_due

CREATED = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)

REVIEW = [
    (None, date(2032, 3, 1)),  # intelligence default: the 6-year minimum
    ("intelligence", date(2032, 3, 1)),
    ("group_1", date(2036, 3, 1)),
    ("group_2", date(2036, 3, 1)),
    ("group_3", date(2032, 3, 1)),
    ("group_4", date(2032, 3, 1)),
]


@pytest.mark.parametrize(("group", "due"), REVIEW)
def test_review_dates_per_group(group: str | None, due: date) -> None:
    decision = review_due(CREATED, group)
    assert decision.due_on == due
    assert "UNVERIFIED" in decision.explanation


def test_review_runs_from_the_last_review_when_later() -> None:
    reviewed = datetime(2030, 5, 2, tzinfo=UTC)
    assert review_due(CREATED, None, last_reviewed_at=reviewed).due_on == date(2036, 5, 2)


def test_leap_day_falls_back_to_28_february() -> None:
    leap = datetime(2028, 2, 29, tzinfo=UTC)
    assert review_due(leap, "intelligence").due_on == date(2034, 2, 28)


def test_unknown_group_names_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        review_due(CREATED, "group_9")
    assert caught.value.problems[0].field == "retention_group"


def test_policy_file_carries_status_and_sources() -> None:
    policy = default_policy()
    assert policy.sources
    assert policy.groups[policy.default_group].review_after_years >= 6


def test_shipped_destinations_and_clearance() -> None:
    assert destination("pnd").receives(HandlingCode.C)
    partner = destination("partner-p-only")
    assert partner.receives(HandlingCode.P)
    assert not partner.receives(HandlingCode.C)
    assert all(d.recipients for d in all_destinations().values())


def test_unknown_destination_is_not_found() -> None:
    with pytest.raises(NotFound, match="pnd"):
        destination("nowhere")


def test_a_destination_must_be_cleared_for_p() -> None:
    with pytest.raises(ValueError, match="cleared for handling code P"):
        Destination(
            id="odd",
            name="Odd",
            recipients=("X",),
            cleared_for_handling_codes=frozenset({HandlingCode.C}),
            valid_from=date(2026, 1, 1),
        )


def test_destination_validity_dates() -> None:
    d = destination("pnd").model_copy(update={"valid_to": date(2026, 6, 30)})
    d.check_valid_on(date(2026, 6, 30))
    with pytest.raises(InvalidInput):
        d.check_valid_on(date(2026, 7, 1))
