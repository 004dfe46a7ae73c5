"""Cursor connections: how every list that can grow is served (``first``/``after`` and page info).

``Connection[Case]`` appears in the SDL as ``CaseConnection`` with ``CaseEdge``; a use case
returns a :class:`services.paging.Page` and the resolver turns it into a connection with
:meth:`Connection.of`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import strawberry

from services.paging import Page

T = TypeVar("T")
U = TypeVar("U")


@strawberry.type(description="Where a page ends, and whether another follows.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None = strawberry.field(
        description="Pass as `after` for the next page; null on an empty page."
    )


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int | None = strawberry.field(
        description="How many items there are in all, where counting them is cheap."
    )

    @strawberry.field(description="The page's items without their cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]

    @classmethod
    def of(cls, page: Page[U], convert: Callable[[U], T]) -> Connection[T]:
        """The page as a connection, cast so that a result union finds its type by name:
        strawberry tells a generic's members apart by reading their fields, and ``nodes`` is a
        resolver, not a list."""
        made = cls(
            edges=[Edge(cursor=item.cursor, node=convert(item.value)) for item in page.items],
            page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            total_count=page.total,
        )
        return strawberry.cast(cls, made)
