"""The analysts' network questions: campaigns in a window, the neighbourhood of an entity, and
the shortest paths between two.

Each is bounded in depth, size or window (``graph/intel/bounds.py``), and an argument past a
bound is refused naming it. Emails, phone numbers and IP addresses met on the way are shown
only to the roles cleared for disclosures (``graph/viewer.py``); others see an opaque token
per node, worked out here so no interface can forget it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from graph.access import Capability
from graph.cypher import load_query
from graph.errors import InvalidValue
from graph.intel import network_store
from graph.intel.bounds import DEFAULT_BASIS, TimeBasis, Window, within
from graph.intel.campaigns import CampaignMethod, Targeting, find_campaigns, find_communities
from graph.intel.network import EntityKind, Link, Node, NodeLabel, Path, Relationship
from services.paging import Page, PageRequest, page_of, ranked_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "campaigns": Capability.HUB_CASEWORK,
    "neighbourhood": Capability.HUB_CASEWORK,
    "shortest_paths": Capability.HUB_CASEWORK,
}

MAX_DEPTH = 3
FANOUT = 25  # neighbours one node contributes to a ring
MAX_PATH_LENGTH = 6  # the bound written in queries/intel/shortest_paths.cypher
MAX_PATHS = 20
MAX_EDGES = 100_000  # account-victim links a campaign window may hold (hub staff: those used)
MAX_GROUP = 1_000


@dataclass(frozen=True, slots=True)
class CampaignValue:
    """Accounts that targeted the same victims within the window; victims counted, not named."""

    accounts: tuple[str, ...]
    victim_count: int
    reports: int


@dataclass(frozen=True, slots=True)
class NetworkNode:
    """A node as the viewer may see it (an identifier they are not cleared for is a token)."""

    id: str
    label: NodeLabel


@dataclass(frozen=True, slots=True)
class NeighbourValue:
    node: NetworkNode
    distance: int


@dataclass(frozen=True, slots=True)
class NetworkLink:
    """A relationship from its start node to its end node."""

    start: NetworkNode
    end: NetworkNode
    type: Relationship


@dataclass(frozen=True, slots=True)
class NeighbourhoodValue:
    """A page of the nodes around an entity, nearest first, and the relationships that join a
    node of this page to one of this page or an earlier one (so a client paging to the end
    has each relationship once)."""

    nodes: Page[NeighbourValue]
    links: tuple[NetworkLink, ...]


@dataclass(frozen=True, slots=True)
class PathValue:
    """A shortest path: ``relationships[i]`` joins ``nodes[i]`` and ``nodes[i + 1]``."""

    nodes: tuple[NetworkNode, ...]
    relationships: tuple[Relationship, ...]

    @property
    def length(self) -> int:
        return len(self.relationships)


def _shown(caller: Caller, node: Node) -> NetworkNode:
    seen = node.shown(caller.viewer.may_read_disclosures)
    return NetworkNode(id=seen.id, label=NodeLabel(seen.label))


@use_case
def campaigns(
    caller: Caller,
    since: datetime,
    until: datetime,
    min_accounts: int,
    min_victims: int,
    method: CampaignMethod,
    request: PageRequest,
    basis: TimeBasis = DEFAULT_BASIS,
) -> Page[CampaignValue]:
    """Groups of accounts that targeted the same victims in the window (read by ``basis``),
    largest first."""
    window = Window.of(since, until)
    within("minAccounts", min_accounts, 2, MAX_GROUP)
    within("minVictims", min_victims, 1, MAX_GROUP)
    if caller.viewer.sees_all_forces:  # the counts kept for victims (docs/STATISTICS.md)
        [pairs] = caller.graph.read(
            load_query("intel/co_targeting_counted"), limit=MAX_EDGES + 1, basis=basis.key,
            **window.edge_spans(basis, sees_all=True),
        )  # fmt: skip
    else:
        [pairs] = caller.graph.read(
            load_query("intel/co_targeting"), limit=MAX_EDGES + 1,
            **window.spans(basis), **caller.viewer.cypher_scope(),
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
    found = [
        CampaignValue(c.accounts, len(c.victims), c.reports)
        for c in find(edges, min_accounts, min_victims)
    ]
    return page_of(found, request)


@use_case
def neighbourhood(
    caller: Caller,
    id: str,
    kind: EntityKind | None,
    depth: int,
    request: PageRequest,
    with_links: bool = True,
) -> NeighbourhoodValue:
    """A page of the entity's own nodes (distance 0) and the nodes up to ``depth`` steps away,
    nearest first, with (``with_links``) the relationships between them. Each page grows the
    neighbourhood as far as its end, so the first page costs what a neighbourhood of ``first``
    nodes did."""
    within("depth", depth, 1, MAX_DEPTH)
    start, end = request.offset, request.offset + request.first
    found = network_store.neighbourhood(
        caller.graph, id, kind, depth, end + 1, FANOUT, links=with_links
    )
    listed = found.neighbours
    page = ranked_page(listed[start:], request)
    on_page = {n.node.ref for n in listed[start:end]}
    before = {n.node.ref for n in listed[:start]}

    def belongs(link: Link) -> bool:
        ends = {link.start.ref, link.end.ref}
        return bool(ends & on_page) and ends <= on_page | before

    links = tuple(
        NetworkLink(_shown(caller, k.start), _shown(caller, k.end), Relationship(k.type))
        for k in found.links
        if belongs(k)
    )
    nodes = page.map(lambda n: NeighbourValue(_shown(caller, n.node), n.distance))
    return NeighbourhoodValue(nodes=nodes, links=links)


def _path(caller: Caller, path: Path) -> PathValue:
    return PathValue(
        nodes=tuple(_shown(caller, n) for n in path.nodes),
        relationships=tuple(Relationship(r) for r in path.rels),
    )


@use_case
def shortest_paths(
    caller: Caller,
    source: tuple[str, EntityKind | None],
    target: tuple[str, EntityKind | None],
    max_length: int,
    limit: int,
) -> list[PathValue]:
    """The shortest paths (at most ``max_length`` steps, at most ``limit`` of them) between two
    entities given as ``(id, kind)``; none when they are not that close."""
    within("maxLength", max_length, 1, MAX_PATH_LENGTH)
    within("limit", limit, 1, MAX_PATHS)
    paths = network_store.shortest_paths(caller.graph, source, target, max_length, limit)
    return [_path(caller, p) for p in paths]
