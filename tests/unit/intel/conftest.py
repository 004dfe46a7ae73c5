"""Fixtures for the intel tests."""

from __future__ import annotations

from typing import Any

import pytest

from graph.intel.models import IntelItem
from tests.unit.intel.builders import ItemFactory, item_data


@pytest.fixture
def make_item() -> ItemFactory:
    def build(n: int = 1, **kwargs: Any) -> IntelItem:
        return IntelItem.parse(item_data(n, **kwargs))

    return build
