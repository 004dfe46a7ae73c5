"""The pure side of force views: limits, parameters and records (no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.cases.force_view import (
    CAPS,
    LinkReason,
    Visibility,
    check_case_id,
    check_limit,
    detail_from_record,
    detail_params,
    from_epoch_millis,
    list_params,
    reasons_of,
)
from graph.errors import InvalidValue
from graph.viewer import Role, Viewer

OFFICER = Viewer(role=Role.FORCE_OFFICER, user_id="pc1", force_code="E23000005")
ANALYST = Viewer(role=Role.HUB_ANALYST, user_id="dc1")


def test_limits_out_of_range_are_refused_naming_the_field() -> None:
    assert check_limit(50, "linked_limit", 50) == 50
    assert check_limit(0, "linked_per_case", 20, least=0) == 0
    with pytest.raises(InvalidValue) as error:
        check_limit(51, "linked_limit", 50)
    assert str(error.value) == "linked_limit: must be between 1 and 50, got 51"
    with pytest.raises(InvalidValue):
        check_limit(-1, "linked_per_case", 20, least=0)


def test_case_ids_are_trimmed_and_bounded() -> None:
    assert check_case_id("  case:content:r1 ") == "case:content:r1"
    for bad in ("", "   ", "x" * 201):
        with pytest.raises(InvalidValue) as error:
            check_case_id(bad)
        assert error.value.field == "id"


def test_parameters_carry_the_viewers_scope_and_the_caps() -> None:
    params = detail_params(OFFICER, "case:1", 10)
    assert params == {
        "case_id": "case:1", "linked_limit": 10, "report_limit": CAPS.reports,
        "link_scan": CAPS.link_scan, "person_accounts": CAPS.person_accounts,
        "viewer_force": "E23000005", "viewer_sees_all": False,
    }  # fmt: skip
    assert detail_params(ANALYST, "case:1", 10)["viewer_sees_all"] is True
    page = list_params(OFFICER, None, 100, 5)
    assert (page["after"], page["limit"], page["linked_per_case"]) == ("", 100, 5)
    assert list_params(OFFICER, "case:9", 1, 0)["after"] == "case:9"


def test_reasons_come_in_a_fixed_order_and_unknown_ones_are_an_error() -> None:
    assert reasons_of(["SAME_PERSON", "SAME_CONTENT", "SAME_PERSON"]) == (
        LinkReason.SAME_CONTENT,
        LinkReason.SAME_PERSON,
    )
    with pytest.raises(ValueError, match="SAME_VICTIM"):
        reasons_of(["SAME_VICTIM"])


def test_times_arrive_as_epoch_milliseconds() -> None:
    assert from_epoch_millis(None) is None
    assert from_epoch_millis(1_780_272_480_000) == datetime(2026, 6, 1, 0, 8, tzinfo=UTC)


def test_a_record_becomes_a_case_detail() -> None:
    record = {
        "id": "case:1", "status": "open", "how": "LINKED",
        "force": {"code": "E23000010", "name": "West Yorkshire Police"},
        "reports": [{"id": "r1", "reference": "OHCH-2026-1", "received_at": 0,
                     "strands": ["race"]}],
        "reports_capped": False,
        "contents": [{"id": "x:post:1", "platform": "x", "url": "https://x.com/a/status/1"}],
        "accounts": [{"key": "x|a", "platform": "x", "handle": "a", "person_id": None}],
        "victims": [{"id": "r1:reporter", "force_code": "E23000010", "masked": True,
                     "name": None, "email": None, "phone": None, "postcode": None}],
        "linked": [{"id": "case:2", "status": "open", "how": "ASSIGNED", "force": None,
                    "reasons": ["SAME_ACCOUNT"]}],
        "linked_capped": True,
    }  # fmt: skip
    detail = detail_from_record(record)
    assert detail.how is Visibility.LINKED
    assert detail.force is not None
    assert detail.force.name == "West Yorkshire Police"
    assert detail.reports[0].received_at == datetime(1970, 1, 1, tzinfo=UTC)
    assert detail.victims[0].masked
    assert detail.victims[0].name is None
    assert detail.linked[0].how is Visibility.ASSIGNED
    assert detail.linked[0].reasons == (LinkReason.SAME_ACCOUNT,)
    assert detail.linked_capped
