"""Network queries for intelligence analysts, bounded in depth and size: campaigns, the
neighbourhood of an entity, and the shortest paths between two.

Hub staff only. Emails, phone numbers and IP addresses met on the way are shown only to the
roles cleared for disclosures (``graph/viewer.py``); others see an opaque token per node.
"""

from __future__ import annotations

import asyncio
import enum
from datetime import datetime

import strawberry

from api.graphql.context import Context, read
from api.graphql.permissions import require_hub_staff
from graph.errors import InvalidValue
from graph.intel import network_store
from graph.intel.bounds import Window, within
from graph.intel.campaigns import Targeting, find_campaigns, find_communities
from graph.intel.network import Node

Info = strawberry.Info[Context, None]
MAX_DEPTH = 3
MAX_NODES = 500
FANOUT = 25  # neighbours one node contributes to a ring
MAX_PATH_LENGTH = 6  # the bound written in queries/intel/shortest_paths.cypher
MAX_PATHS = 20
MAX_EDGES = 100_000
MAX_GROUP = 1_000


@strawberry.enum(description="What an entity id names (without it, each kind is tried in turn).")
class EntityKind(enum.Enum):
    ACCOUNT = strawberry.enum_value("ACCOUNT", description="An account key (platform|handle).")
    REPORT = strawberry.enum_value("REPORT", description="A report id.")
    CONTENT = strawberry.enum_value("CONTENT", description="A content cluster id.")
    CASE = strawberry.enum_value("CASE", description="A case id.")
    VICTIM = strawberry.enum_value(
        "VICTIM", description="A person named in reports: a Person id or an identity key."
    )
    PERSON = strawberry.enum_value(
        "PERSON", description="The person behind accounts (an account's personId)."
    )


@strawberry.enum(description="How campaigns are found among accounts sharing victims.")
class CampaignMethod(enum.Enum):
    COMPONENTS = strawberry.enum_value(
        "COMPONENTS", description="Connected components: one shared victim joins two groups."
    )
    MODULARITY = strawberry.enum_value(
        "MODULARITY",
        description="Louvain communities weighted by shared victims: weak links do not join.",
    )


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


@strawberry.type(description="A node on a path.")
class PathNode:
    id: str
    label: str

    @classmethod
    def of(cls, node: Node) -> PathNode:
        return cls(id=node.id, label=node.label)


@strawberry.type(description="A shortest path: relationships[i] joins nodes[i] and nodes[i+1].")
class NetworkPath:
    length: int
    nodes: list[PathNode]
    relationships: list[str] = strawberry.field(
        description="Relationship types; IN_CLUSTER is a report's membership of its content."
    )


def _shown(info: Info, node: Node) -> Node:
    return node.shown(info.context.viewer.may_read_disclosures)


async def campaigns(
    info: Info,
    since: datetime,
    until: datetime,
    min_accounts: int = 3,
    min_victims: int = 2,
    method: CampaignMethod = CampaignMethod.COMPONENTS,
) -> list[Campaign]:
    viewer = info.context.viewer
    require_hub_staff(viewer)
    window = Window.of(since, until)
    within("minAccounts", min_accounts, 2, MAX_GROUP)
    within("minVictims", min_victims, 1, MAX_GROUP)
    [pairs] = await read(
        info.context.graph, "intel/co_targeting", limit=MAX_EDGES + 1,
        **window.params(), **viewer.cypher_scope(),
    )  # fmt: skip
    if len(pairs["accounts"]) > MAX_EDGES:
        raise InvalidValue(
            "until", f"the window holds over {MAX_EDGES} account-victim links: narrow it"
        )
    edges = [
        Targeting(account, victim, reports)
        for account, victim, reports in zip(
            pairs["accounts"], pairs["victims"], pairs["reports"], strict=True
        )
    ]
    find = find_communities if method is CampaignMethod.MODULARITY else find_campaigns
    found = await asyncio.to_thread(find, edges, min_accounts, min_victims)
    return [
        Campaign(accounts=list(c.accounts), victim_count=len(c.victims), reports=c.reports)
        for c in found
    ]


async def neighbourhood(
    info: Info, id: str, kind: EntityKind | None = None, depth: int = 2, limit: int = 200
) -> list[Neighbour]:
    require_hub_staff(info.context.viewer)
    within("depth", depth, 1, MAX_DEPTH)
    within("limit", limit, 1, MAX_NODES)
    found = await asyncio.to_thread(
        network_store.neighbourhood, info.context.graph, id,
        kind.name if kind else None, depth, limit, FANOUT,
    )  # fmt: skip
    shown = [(_shown(info, n.node), n.distance) for n in found]
    return [Neighbour(id=node.id, label=node.label, distance=d) for node, d in shown]


async def shortest_paths(
    info: Info,
    source: str,
    target: str,
    source_kind: EntityKind | None = None,
    target_kind: EntityKind | None = None,
    max_length: int = MAX_PATH_LENGTH,
    limit: int = 5,
) -> list[NetworkPath]:
    require_hub_staff(info.context.viewer)
    within("maxLength", max_length, 1, MAX_PATH_LENGTH)
    within("limit", limit, 1, MAX_PATHS)
    paths = await asyncio.to_thread(
        network_store.shortest_paths, info.context.graph,
        (source, source_kind.name if source_kind else None),
        (target, target_kind.name if target_kind else None), max_length, limit,
    )  # fmt: skip
    return [
        NetworkPath(
            length=p.length,
            nodes=[PathNode.of(_shown(info, n)) for n in p.nodes],
            relationships=list(p.rels),
        )
        for p in paths
    ]


@strawberry.type
class NetworkQueries:
    campaigns: list[Campaign] = strawberry.field(
        resolver=campaigns,
        description="Groups of accounts targeting the same victims within a window.",
    )
    neighbourhood: list[Neighbour] = strawberry.field(
        resolver=neighbourhood,
        description="Nodes around an account, person, report or content (depth 1-3).",
    )
    shortest_paths: list[NetworkPath] = strawberry.field(
        resolver=shortest_paths,
        description="Shortest paths (at most 6 steps) between two entities.",
    )
