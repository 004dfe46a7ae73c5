"""A closing message queued before the outcome's date was one of its parameters still renders:
it is dated by the UK day its event was recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from graph.updates.delivery import Claimed
from graph.updates.events import ChannelKind
from graph.updates.policy import EventKind
from graph.updates.templates import Language, render

QUEUED = Claimed(
    id="m1", key="k1", kind=EventKind.CLOSED,
    params={"reference": "R1", "outcome_code": "18", "outcome_name": "Investigation complete"},
    channel=ChannelKind.EMAIL, attempts=0, report_id="r1", address="a@example.org",
    language=Language.WELSH, event_at=datetime(2026, 6, 1, 23, 30, tzinfo=UTC),
)  # fmt: skip


def test_a_message_queued_without_the_outcome_date_is_dated_by_its_event() -> None:
    params = QUEUED.filled_params()
    assert params["outcome_on"] == "2026-06-02"  # 00:30 on 2 June in London
    assert "ar 2 Mehefin 2026" in render(QUEUED.kind, QUEUED.language, params).body


def test_a_message_with_its_date_keeps_it() -> None:
    dated = replace(QUEUED, params={**QUEUED.params, "outcome_on": "2026-05-20"})
    assert dated.filled_params()["outcome_on"] == "2026-05-20"
