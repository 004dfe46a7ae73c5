"""Network queries for intelligence analysts, bounded in depth and size: campaigns, the
neighbourhood of an entity (its nodes and the relationships between them), and the shortest
paths between two (``services/network.py``).

Hub staff only. Emails, phone numbers and IP addresses met on the way are shown only to the
roles cleared for disclosures; others see an opaque token per node.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, TypeVar

import strawberry

from api.graphql.context import Context
from api.graphql.types.analytics import BASIS_DESCRIPTION
from api.graphql.types.common import ForbiddenError, InvalidInputError, NotFoundError
from api.graphql.types.connection import Connection
from api.graphql.types.outcome import LookupFailure, asks_for, looked_up, paged
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis
from graph.intel.campaigns import CampaignMethod
from graph.intel.network import EntityKind, NodeLabel, Relationship
from services import network as service
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]
T = TypeVar("T")
V = TypeVar("V")

strawberry.enum(
    EntityKind,
    description="What an entity id names (without it, each kind is tried in turn): ACCOUNT an "
    "account key (platform|handle); REPORT a report id; CONTENT a content cluster id; CASE a "
    "case id; VICTIM a person named in reports (a Person id or an identity key); PERSON the "
    "person behind accounts (an account's personId).",
)
strawberry.enum(
    CampaignMethod,
    description="How campaigns are found among accounts sharing victims: COMPONENTS, connected "
    "components (one shared victim joins two groups); MODULARITY, Louvain communities weighted "
    "by shared victims (weak links do not join).",
)
strawberry.enum(NodeLabel, description="The kind of a node of the network.")
strawberry.enum(
    Relationship,
    name="NetworkRelationship",
    description="A relationship of the network; IN_CLUSTER is a report's membership of its "
    "content cluster.",
)


@strawberry.type(description="Accounts that targeted the same victims within the window.")
class Campaign:
    accounts: list[str]
    victim_count: int = strawberry.field(description="Victims are counted, not named, here.")
    reports: int

    @classmethod
    def of(cls, value: service.CampaignValue) -> Campaign:
        return cls(
            accounts=list(value.accounts), victim_count=value.victim_count, reports=value.reports
        )


@strawberry.type(description="A node of the network: its id (or a token) and its kind.")
class NetworkNode:
    id: str
    label: NodeLabel

    @classmethod
    def of(cls, node: service.NetworkNode) -> NetworkNode:
        return cls(id=node.id, label=node.label)


@strawberry.type(description="A node of a neighbourhood and its distance from the entity.")
class Neighbour:
    id: str
    label: NodeLabel
    distance: int

    @classmethod
    def of(cls, value: service.NeighbourValue) -> Neighbour:
        return cls(id=value.node.id, label=value.node.label, distance=value.distance)


@strawberry.type(description="A relationship between two nodes, from its start to its end.")
class NetworkLink:
    from_: NetworkNode = strawberry.field(name="from")
    to: NetworkNode
    type: Relationship

    @classmethod
    def of(cls, link: service.NetworkLink) -> NetworkLink:
        return cls(from_=NetworkNode.of(link.start), to=NetworkNode.of(link.end), type=link.type)


@strawberry.type(description="The nodes around an entity, nearest first, and how they join.")
class Neighbourhood:
    nodes: Connection[Neighbour] = strawberry.field(
        description="The entity's own nodes (distance 0), then the nodes up to depth steps "
        "away, nearest first."
    )
    relationships: list[NetworkLink] = strawberry.field(
        description="The relationships met while growing the neighbourhood that join a node of "
        "this page to one of this page or an earlier page: paged to the end, each once. Read "
        "only when asked for."
    )


@strawberry.type(description="A shortest path: relationships[i] joins nodes[i] and nodes[i+1].")
class NetworkPath:
    length: int
    nodes: list[NetworkNode]
    relationships: list[Relationship]

    @classmethod
    def of(cls, path: service.PathValue) -> NetworkPath:
        return cls(
            length=path.length,
            nodes=[NetworkNode.of(n) for n in path.nodes],
            relationships=list(path.relationships),
        )


@strawberry.type(description="Shortest paths between two entities (none when not that close).")
class NetworkPaths:
    paths: list[NetworkPath]


CampaignsResult = Annotated[
    Connection[Campaign] | InvalidInputError | ForbiddenError,
    strawberry.union("CampaignsResult"),
]
NeighbourhoodResult = Annotated[
    Neighbourhood | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("NeighbourhoodResult"),
]
ShortestPathsResult = Annotated[
    NetworkPaths | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("ShortestPathsResult"),
]


async def campaigns(
    info: Info,
    since: datetime,
    until: datetime,
    min_accounts: int = 3,
    min_victims: int = 2,
    method: CampaignMethod = CampaignMethod.COMPONENTS,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
    basis: Annotated[TimeBasis, strawberry.argument(description=BASIS_DESCRIPTION)] = DEFAULT_BASIS,
) -> CampaignsResult:
    return await paged(
        lambda: info.context.run(
            service.campaigns,
            since,
            until,
            min_accounts,
            min_victims,
            method,
            PageRequest(first, after),
            basis,
        ),
        Campaign.of,
    )


async def neighbourhood(
    info: Info,
    id: str,
    kind: EntityKind | None = None,
    depth: int = 2,
    first: int = DEFAULT_PAGE,
    after: str | None = None,
) -> NeighbourhoodResult:
    drawn = asks_for(info, "relationships")
    found = await looked_up(
        lambda: info.context.run(
            service.neighbourhood, id, kind, depth, PageRequest(first, after), drawn
        )
    )
    if isinstance(found, LookupFailure):
        return found
    return Neighbourhood(
        nodes=Connection.of(found.nodes, Neighbour.of),
        relationships=[NetworkLink.of(link) for link in found.links],
    )


async def shortest_paths(
    info: Info,
    source: str,
    target: str,
    source_kind: EntityKind | None = None,
    target_kind: EntityKind | None = None,
    max_length: int = service.MAX_PATH_LENGTH,
    limit: Annotated[
        int, strawberry.argument(description=f"1 to {service.MAX_PATHS}: paths are few")
    ] = 5,
) -> ShortestPathsResult:
    found = await looked_up(
        lambda: info.context.run(
            service.shortest_paths,
            (source, source_kind),
            (target, target_kind),
            max_length,
            limit,
        )
    )
    if isinstance(found, LookupFailure):
        return found
    return NetworkPaths(paths=[NetworkPath.of(p) for p in found])


@strawberry.type
class NetworkQueries:
    campaigns: CampaignsResult = strawberry.field(
        resolver=campaigns,
        description="Groups of accounts targeting the same victims within a window, largest first.",
    )
    neighbourhood: NeighbourhoodResult = strawberry.field(
        resolver=neighbourhood,
        description="Nodes around an account, person, report or content (depth 1-3), and the "
        "relationships between them.",
    )
    shortest_paths: ShortestPathsResult = strawberry.field(
        resolver=shortest_paths,
        description="Shortest paths (at most 6 steps) between two entities.",
    )
