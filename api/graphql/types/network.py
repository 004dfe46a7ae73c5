"""Network queries for intelligence analysts, bounded in depth and size."""

from __future__ import annotations

from datetime import datetime

import strawberry

from api.graphql.context import Context, read
from api.graphql.permissions import require_hub_staff
from graph.errors import InvalidValue
from graph.intel.campaigns import Targeting, find_campaigns

Info = strawberry.Info[Context, None]
MAX_DEPTH = 3
MAX_NODES = 500
MAX_EDGES = 100_000


@strawberry.type(description="Accounts that targeted the same victims within the window.")
class Campaign:
    accounts: list[str]
    victim_count: int = strawberry.field(description="Victims are counted, not named, here.")
    reports: int


@strawberry.type
class Neighbour:
    id: str
    label: str
    distance: int


async def campaigns(
    info: Info, since: datetime, until: datetime, min_accounts: int = 3, min_victims: int = 2
) -> list[Campaign]:
    require_hub_staff(info.context.viewer)
    if since.tzinfo is None or until.tzinfo is None or until <= since:
        raise InvalidValue("until", "the window needs zoned times with since < until")
    rows = await read(
        info.context.graph, "intel/co_targeting", since=since, until=until, limit=MAX_EDGES
    )
    edges = [Targeting(r["account"], r["victim"], r["reports"]) for r in rows]
    return [
        Campaign(accounts=list(c.accounts), victim_count=len(c.victims), reports=c.reports)
        for c in find_campaigns(edges, max(2, min_accounts), max(1, min_victims))
    ]


async def neighbourhood(info: Info, id: str, depth: int = 2, limit: int = 200) -> list[Neighbour]:
    require_hub_staff(info.context.viewer)
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidValue("depth", f"must be between 1 and {MAX_DEPTH}")
    rows = await read(
        info.context.graph, "intel/neighbourhood",
        node_id=id, depth=depth, limit=max(1, min(limit, MAX_NODES)),
    )  # fmt: skip
    return [Neighbour(id=str(r["id"]), label=r["label"], distance=r["distance"]) for r in rows]
