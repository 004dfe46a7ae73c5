"""The check that every request reaches the graph only through the service layer.

While a test runs, each call on a :class:`graph.db.Graph` made while the app serves a request
(``api.serving``) must run inside a use case (``services.use_case``); any other is noted
with where it came from, and the test fails at teardown naming them. Every API, page and
end-to-end test therefore walks its fields and routes through this check.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from api.serving import serving
from graph.db import Graph
from services.use_case import inside_use_case

ROOT = Path(__file__).parents[1]
CHECKED = ("read", "write", "read_tx", "write_tx", "verify", "run_schema")
violations: list[str] = []


def _origin() -> str:
    frames = [
        f
        for f in traceback.extract_stack()[:-2]
        if f.filename.startswith(str(ROOT)) and "/tests/" not in f.filename
    ]
    return " <- ".join(
        f"{Path(f.filename).relative_to(ROOT)}:{f.lineno}" for f in reversed(frames[-4:])
    )


def _checked(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def call(self: Graph, *args: Any, **kwargs: Any) -> Any:
        request = serving()
        inner = traceback.extract_stack(limit=2)[0].filename.endswith("graph/db.py")
        if request is not None and not inner and inside_use_case() is None:
            violations.append(f"{request}: Graph.{method.__name__} from {_origin()}")
        return method(self, *args, **kwargs)

    return call


def pytest_configure(config: pytest.Config) -> None:
    """Wrap Graph's methods once per test run."""
    for name in CHECKED:
        setattr(Graph, name, _checked(getattr(Graph, name)))


@pytest.fixture(autouse=True)
def one_way_in() -> Iterator[None]:
    violations.clear()
    yield
    found = list(dict.fromkeys(violations))
    violations.clear()
    assert not found, "reached the graph outside the service layer:\n" + "\n".join(found)
