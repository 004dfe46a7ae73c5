"""Which record values may skip ``Record.data()`` (graph/db.py); how parameters are shown."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from graph.db import _is_plain, _unlogged


@pytest.mark.parametrize(
    "value",
    ["text", 3, 2.5, True, None, [], ["a", 1, None], [["a", "b"], [], ["c"]], [["id", "v1"]]],
)
def test_scalars_and_lists_of_them_at_any_depth_are_plain(value: Any) -> None:
    assert _is_plain(value)


@pytest.mark.parametrize(
    "value",
    [
        {"a": 1},
        [{"a": 1}],
        [["a"], [{"a": 1}]],
        [["a", ("b",)]],
        datetime(2026, 6, 1, tzinfo=UTC),
        [[datetime(2026, 6, 1, tzinfo=UTC)]],
    ],
)
def test_anything_data_might_rewrite_is_not_plain(value: Any) -> None:
    assert not _is_plain(value)


def test_parameters_keep_their_values_and_show_only_their_sizes() -> None:
    params = {"rows": [{"name": "Amira"}], "detail": {"k": 1}, "name": "Amira", "count": 3}
    quiet = _unlogged(params)
    assert quiet == params
    assert [type(v) for v in quiet.values()] != [type(v) for v in params.values()]
    assert isinstance(quiet["rows"], list)
    assert isinstance(quiet["detail"], dict)
    assert isinstance(quiet["name"], str)
    assert repr(quiet) == (
        "{'rows': <list of 1>, 'detail': <map of 1>, 'name': <text of 5 characters>, 'count': 3}"
    )
