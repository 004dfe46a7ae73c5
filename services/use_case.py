"""What every use case shares: the caller, the role check, and the mark that a call is inside one.

A use case is a function whose first argument is a :class:`Caller`, decorated with
:func:`use_case`. Each service module opens with ``RULES``, the table of its use cases and the
capability each needs, so a reader checks the role rules of an area in one place against
``graph/access.py``. The decorator looks the function up there (a use case without a rule fails
at import), refuses a viewer whose role lacks it with
:class:`~graph.errors.Forbidden`, and marks the call so tests can prove that nothing outside
the layer reaches the graph (:func:`inside_use_case`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from graph import access
from graph.access import Capability
from graph.db import Graph
from graph.viewer import Viewer

P = ParamSpec("P")
R = TypeVar("R")

_current: ContextVar[str | None] = ContextVar("ohch_use_case", default=None)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who is asking, and the graph they ask."""

    graph: Graph
    viewer: Viewer


@dataclass(frozen=True, slots=True)
class UseCase:
    name: str  # "<module>.<function>"
    capability: Capability


def inside_use_case() -> str | None:
    """The use case this call runs inside (it follows ``asyncio.to_thread`` and tasks)."""
    return _current.get()


@contextmanager
def _marked(name: str) -> Iterator[None]:
    token = _current.set(name)
    try:
        yield
    finally:
        _current.reset(token)


def use_case(
    fn: Callable[Concatenate[Caller, P], R],
) -> Callable[Concatenate[Caller, P], R]:
    """Check the viewer against the use case's rule, then run it inside the layer's mark."""
    name = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
    rules: Mapping[str, Capability] = fn.__globals__.get("RULES", {})
    if fn.__name__ not in rules:
        raise RuntimeError(f"use case {name} has no role rule in its module's RULES")
    spec = UseCase(name, rules[fn.__name__])

    @functools.wraps(fn)
    def call(caller: Caller, /, *args: P.args, **kwargs: P.kwargs) -> R:
        access.require(caller.viewer, spec.capability)
        with _marked(name):
            return fn(caller, *args, **kwargs)

    call.use_case = spec  # type: ignore[attr-defined]
    return call


def use_cases(module: object) -> list[UseCase]:
    """The use cases a service module defines (for the tests that check the tables)."""
    found = (getattr(value, "use_case", None) for value in vars(module).values())
    return [spec for spec in found if isinstance(spec, UseCase)]
