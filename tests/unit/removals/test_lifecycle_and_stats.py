"""A removal referral's steps read as a table; answer times and refusal rates as counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.errors import Conflict, InvalidInput
from graph.policy_files import parse_policy
from graph.removals import lifecycle, stats
from graph.removals.lifecycle import Status
from graph.removals.policy import RemovalPolicy, removal_policy

S = Status
T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)

# (from, to, allowed)
STEPS = [
    (S.DRAFTED, S.APPROVED, True),
    (S.DRAFTED, S.SENT, False),  # a supervisor approves first
    (S.DRAFTED, S.REMOVED, False),
    (S.APPROVED, S.SENT, True),
    (S.APPROVED, S.REMOVED, False),
    (S.SENT, S.ACKNOWLEDGED, True),
    (S.SENT, S.REMOVED, True),  # platforms often answer without acknowledging
    (S.SENT, S.NO_RESPONSE, True),
    (S.ACKNOWLEDGED, S.RESTRICTED, True),
    (S.ACKNOWLEDGED, S.ACKNOWLEDGED, False),
    (S.NO_RESPONSE, S.REMOVED, True),  # a late answer
    (S.NO_RESPONSE, S.NO_RESPONSE, False),
    (S.REMOVED, S.REFUSED, False),  # closed
    (S.REFUSED, S.REMOVED, False),  # a new referral is the way to try again
]


@pytest.mark.parametrize(("current", "to", "allowed"), STEPS)
def test_the_steps(current: Status, to: Status, allowed: bool) -> None:
    if allowed:
        lifecycle.check_step(current, to, "the platform's reason")
    else:
        with pytest.raises(Conflict, match=f"a {current.value} referral cannot become {to.value}"):
            lifecycle.check_step(current, to, "the platform's reason")


def test_a_refusal_needs_the_platforms_reason() -> None:
    with pytest.raises(InvalidInput, match="note: a refusal needs the platform's reason"):
        lifecycle.check_step(S.SENT, S.REFUSED, "  ")


def test_overdue_only_while_awaiting_an_answer() -> None:
    due = lifecycle.due_at(T0, 24)
    assert due == T0 + timedelta(hours=24)
    later = due + timedelta(minutes=1)
    assert lifecycle.overdue(S.SENT, due, later)
    assert lifecycle.overdue(S.ACKNOWLEDGED, due, later)
    assert not lifecycle.overdue(S.SENT, due, due)
    assert not lifecycle.overdue(S.REMOVED, due, later)
    assert not lifecycle.overdue(S.APPROVED, None, later)


def _answered(platform: str, status: Status, hours: float | None, *offences: str) -> stats.Answered:
    answered = None if hours is None else T0 + timedelta(hours=hours)
    return stats.Answered(platform, offences, status, T0, answered)


def test_time_to_removal_and_refusal_rate_by_platform() -> None:
    items = [
        _answered("x", S.REMOVED, 2, "osa2023_s181"),
        _answered("x", S.REMOVED, 10),
        _answered("x", S.RESTRICTED, 30),
        _answered("x", S.REFUSED, 5),
        _answered("x", S.SENT, None),
        _answered("tiktok", S.NO_RESPONSE, 48),
    ]
    tiktok, x = stats.by_platform(items)
    assert (x.key, x.sent, x.answered, x.removed, x.refused, x.no_response) == (
        "x", 5, 4, 3, 1, 0,
    )  # fmt: skip
    assert (x.median_hours_to_removal, x.p90_hours_to_removal) == (10.0, 30.0)
    assert x.refusal_rate == 0.25
    assert (tiktok.removed, tiktok.median_hours_to_removal, tiktok.refusal_rate) == (0, None, 0.0)


def test_by_offence_counts_policy_only_referrals_apart() -> None:
    items = [
        _answered("x", S.REMOVED, 4, "osa2023_s181", "poa1986_s4a"),
        _answered("x", S.REMOVED, 8, "poa1986_s4a"),
        _answered("x", S.REFUSED, 1),
    ]
    rows = {r.key: r for r in stats.by_offence(items)}
    assert set(rows) == {"osa2023_s181", "poa1986_s4a", "platform_policy"}
    assert rows["poa1986_s4a"].median_hours_to_removal == 4.0
    assert rows["platform_policy"].refusal_rate == 1.0


def test_nearest_rank_percentiles() -> None:
    assert stats.nearest_rank([], 50) is None
    assert stats.nearest_rank([5.0], 90) == 5.0
    assert stats.nearest_rank([float(n) for n in range(1, 11)], 90) == 9.0
    assert stats.nearest_rank([float(n) for n in range(1, 11)], 50) == 5.0


def test_the_shipped_policy_and_its_fallback() -> None:
    policy = removal_policy()
    assert policy.terms("x").due_hours == 24
    assert policy.terms("reddit") == policy.default


def test_a_broken_policy_names_every_problem() -> None:
    text = """version = 1
valid_from = 2025-03-17
source = "test"
[default]
due_hours = 0
formats = []
[platform.x]
due_hours = 24
formats = ["pdf"]
"""
    with pytest.raises(InvalidInput) as refused:
        parse_policy(text, "removal_policy.toml", RemovalPolicy)
    fields = {p.field for p in refused.value.problems}
    assert fields >= {
        "removal_policy.default.due_hours",
        "removal_policy.default.formats",
        "removal_policy.platform.x.formats[0]",
    }
