"""Pages of a growing list: ``first`` items after an opaque cursor, and the cursor of the next.

Every list that can grow (queues, cases, network and analytics results) is read a page at a
time. The cursor is opaque to clients (base64 of the store's own key, or of an offset for a
ranked result) so a store may change how it pages without changing the API.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from graph.errors import InvalidValue

T = TypeVar("T")
U = TypeVar("U")

MAX_PAGE = 500
DEFAULT_PAGE = 50


@dataclass(frozen=True, slots=True)
class PageRequest:
    """``first`` items after the cursor ``after`` (checked: 1..``MAX_PAGE``, a cursor we made)."""

    first: int = DEFAULT_PAGE
    after: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.first <= MAX_PAGE:
            raise InvalidValue("first", f"must be between 1 and {MAX_PAGE}, not {self.first}")
        if self.after is not None:
            decode_cursor(self.after)

    @property
    def after_key(self) -> str | None:
        """The store's key the cursor carries."""
        return decode_cursor(self.after) if self.after is not None else None

    @property
    def after_time_and_id(self) -> tuple[str | None, str | None]:
        """For a list ordered by a stored time then an id (the key :func:`time_and_id` made):
        the two parts of the cursor, or ``(None, None)`` for the first page."""
        key = self.after_key
        if key is None:
            return None, None
        at, _, item_id = key.partition("|")
        if not at or not item_id:
            raise InvalidValue("after", "not a cursor of this list")
        return at, item_id

    @property
    def offset(self) -> int:
        """For a ranked result paged by position: how many items come before this page."""
        key = self.after_key
        if key is None:
            return 0
        if not key.isdigit():
            raise InvalidValue("after", "not a cursor of this list")
        return int(key)


@dataclass(frozen=True, slots=True)
class Item(Generic[T]):
    cursor: str
    value: T


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page: its items with their cursors, and whether more follow."""

    items: Sequence[Item[T]]
    has_next: bool
    total: int | None = None  # where counting is cheap; None where it is not

    @property
    def values(self) -> list[T]:
        return [item.value for item in self.items]

    @property
    def end_cursor(self) -> str | None:
        return self.items[-1].cursor if self.items else None

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        return Page(
            [Item(i.cursor, convert(i.value)) for i in self.items], self.has_next, self.total
        )


def time_and_id(at: str, item_id: str) -> str:
    """The key of an item in a list ordered by a stored time (as text) then an id."""
    return f"{at}|{item_id}"


def encode_cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (binascii.Error, UnicodeError, ValueError):
        raise InvalidValue("after", "not a cursor of this list") from None


def keyed_page(
    rows: Sequence[T], request: PageRequest, key: Callable[[T], str], total: int | None = None
) -> Page[T]:
    """A page from rows read with ``limit = first + 1`` after ``request.after_key``, each with
    the key the store orders by."""
    shown = rows[: request.first]
    items = [Item(encode_cursor(key(row)), row) for row in shown]
    return Page(items, len(rows) > request.first, total)


def ranked_page(rows: Sequence[T], request: PageRequest, total: int | None = None) -> Page[T]:
    """A page from a ranked result read with ``skip = offset`` and ``limit = first + 1``."""
    start = request.offset
    shown = rows[: request.first]
    items = [Item(encode_cursor(str(start + n + 1)), row) for n, row in enumerate(shown)]
    return Page(items, len(rows) > request.first, total)


def page_of(rows: Sequence[T], request: PageRequest) -> Page[T]:
    """A page of a list already held whole (small lists computed in memory)."""
    start = request.offset
    window = list(rows[start : start + request.first + 1])
    return ranked_page(window, request, total=len(rows))
