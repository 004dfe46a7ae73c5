"""A root field's answer: its use case's value as shown, or the union member for an expected
failure, for queries and mutations alike.

A mutation's union admits every expected failure (``common.Failure``); a query's only those
it can meet: a list, bad arguments and the role (never "not found": nothing found is an empty
page); a lookup, "not found" too. A failure the union does not admit is a defect, raised.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TypeVar

import strawberry
from strawberry.types.nodes import SelectedField, Selection

from api.graphql.types.common import (
    EXPECTED,
    Failure,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.connection import Connection
from graph.errors import OhchError
from services.paging import Page

T = TypeVar("T")
U = TypeVar("U")
V = TypeVar("V")
F = TypeVar("F")

ListFailure = InvalidInputError | ForbiddenError
LookupFailure = InvalidInputError | NotFoundError | ForbiddenError


def list_failure(error: OhchError) -> ListFailure:
    found = failure(error)
    if isinstance(found, InvalidInputError | ForbiddenError):
        return found
    raise error


def lookup_failure(error: OhchError) -> LookupFailure:
    found = failure(error)
    if isinstance(found, InvalidInputError | NotFoundError | ForbiddenError):
        return found
    raise error


async def outcome(
    work: Callable[[], Awaitable[T]], show: Callable[[T], U], fail: Callable[[OhchError], F]
) -> U | F:
    """Await ``work`` (it runs the use case: ``lambda: info.context.run(...)``, so building its
    arguments, a ``PageRequest`` say, fails inside too) and show its value; an expected failure
    is the member ``fail`` makes of it (``failure``, ``list_failure``, ``lookup_failure``)."""
    try:
        found = await work()
    except EXPECTED as error:
        return fail(error)
    return show(found)


async def paged(
    work: Callable[[], Awaitable[Page[V]]], show: Callable[[V], T]
) -> Connection[T] | ListFailure:
    """A list query's page as a connection, or the member for bad arguments or the role."""
    return await outcome(work, lambda page: Connection.of(page, show), list_failure)


async def mutated(
    run: Callable[[datetime], Awaitable[T]], show: Callable[[T, datetime], U]
) -> U | Failure:
    """A mutation's answer: its use case run ``now`` (``lambda now: info.context.run(...)``),
    what it returns shown as of then (an ``overdue`` flag, say)."""
    now = datetime.now(UTC)
    return await outcome(lambda: run(now), lambda value: show(value, now), failure)


async def looked_up(work: Callable[[], Awaitable[T]]) -> T | LookupFailure:
    """A lookup's value as it is, or the member for an expected failure (``lookup_failure``)."""
    return await outcome(work, lambda found: found, lookup_failure)


def asks_for(info: strawberry.Info, name: str) -> bool:
    """Whether the query asks this field's result for ``name`` (in any fragment on it)."""

    def among(selections: list[Selection]) -> bool:
        return any(
            s.name == name if isinstance(s, SelectedField) else among(s.selections)
            for s in selections
        )

    return any(among(field.selections) for field in info.selected_fields)
