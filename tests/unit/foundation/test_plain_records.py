"""Which record values may skip ``Record.data()`` (graph/db.py): only those it returns unchanged."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from graph.db import _is_plain


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
