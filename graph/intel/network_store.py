"""Neighbourhoods and shortest paths read from Neo4j, each inside one read transaction.

Every entity is found through its index first (``intel/resolve_entities``), never by scanning
nodes. A neighbourhood grows ring by ring (``intel/neighbourhood``, one query a ring): each
node contributes at most ``fanout`` neighbours and at most ``FRONTIER`` new nodes go on to the
next ring, so a busy node (a post reported thousands of times, a shared email) cannot make the
query touch an unbounded part of the graph. Paths join the entities' anchors
(``intel/shortest_paths``) and :func:`graph.intel.network.join_paths` keeps the shortest.
"""

from __future__ import annotations

from collections.abc import Sequence

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run
from graph.errors import NotFound
from graph.intel.network import (
    Entity,
    EntityKind,
    Link,
    Neighbour,
    Neighbourhood,
    Node,
    Path,
    join_paths,
    path_of,
)

ANCHORS = 10  # nodes a multi-node entity starts from (accounts of a person, reports of content)
FRONTIER = 200  # new nodes of one ring that the next ring expands
KIND_NAMES = {
    EntityKind.ACCOUNT: "account key",
    EntityKind.REPORT: "report id",
    EntityKind.CONTENT: "content cluster id",
    EntityKind.CASE: "case id",
    EntityKind.VICTIM: "victim (Person id or identity key)",
    EntityKind.PERSON: "person id",
}


Ref = tuple[str, str, EntityKind | None]  # (argument, id, kind)


def _resolve(tx: ManagedTransaction, refs: Sequence[Ref]) -> list[Entity]:
    """Each ``(field, id, kind)`` as an entity; NotFound naming the field if one is missing."""
    asked = [{"id": id_, "kind": None if kind is None else kind.value} for _, id_, kind in refs]
    rows = run(tx, load_query("intel/resolve_entities"), refs=asked, anchors=ANCHORS)
    by_index = {row["i"]: Entity.of(row) for row in rows}
    for i, (field, id_, kind) in enumerate(refs):
        if i not in by_index:
            what = KIND_NAMES[kind] if kind else "account, report, content, case, victim or person"
            raise NotFound(f"{field}: no {what} {id_!r}")
    return [by_index[i] for i in range(len(refs))]


def _links(tx: ManagedTransaction, pairs: Sequence[tuple[Node, Node]]) -> list[Link]:
    """The relationships joining each pair of nodes, each from its start to its end."""
    nodes = {n.ref: n for pair in pairs for n in pair}
    asked = [[a.ref, b.ref] for a, b in pairs]
    rows = run(tx, load_query("intel/neighbourhood_links"), pairs=asked) if asked else []
    return [
        Link(nodes[r["start"]], nodes[r["b"] if r["start"] == r["a"] else r["a"]], r["type"])
        for r in rows
    ]


def neighbourhood(
    graph: Graph,
    node_id: str,
    kind: EntityKind | None,
    depth: int,
    limit: int,
    fanout: int,
    links: bool = True,
) -> Neighbourhood:
    """The entity's own nodes (distance 0) and the nodes up to ``depth`` steps away, nearest
    first, at most ``limit``; and (with ``links``) the relationships the search met between
    the nodes kept (from each expanded node to the neighbours it listed), read once the nodes
    are known: a query more, which a caller that draws nothing need not pay for."""

    def work(tx: ManagedTransaction) -> Neighbourhood:
        (entity,) = _resolve(tx, [("id", node_id, kind)])
        found = {m.ref: Neighbour(m, 0) for m in entity.members}
        met: set[frozenset[str]] = set()
        frontier = [m.ref for m in entity.members]
        for distance in range(1, depth + 1):
            if not frontier or len(found) >= limit:
                break  # nearer nodes already fill the answer
            rows = run(tx, load_query("intel/neighbourhood"), frontier=frontier, fanout=fanout)
            fresh = sorted(
                {row["ref"]: Node.of(row) for row in rows if row["ref"] not in found}.values(),
                key=lambda n: (n.label, n.id),
            )
            found.update((n.ref, Neighbour(n, distance)) for n in fresh)
            frontier = [n.ref for n in fresh[:FRONTIER]]
            if links:
                met.update(frozenset((row["source"], row["ref"])) for row in rows)
        ordered = sorted(found.values(), key=lambda n: (n.distance, n.node.label, n.node.id))
        kept = {n.node.ref: n.node for n in ordered[:limit]}
        shown = sorted(sorted(pair) for pair in met if len(pair) == 2 and pair <= kept.keys())
        joined = _links(tx, [(kept[a], kept[b]) for a, b in shown])
        return Neighbourhood(tuple(ordered[:limit]), tuple(joined))

    return graph.read_tx(work)


def shortest_paths(
    graph: Graph,
    source: tuple[str, EntityKind | None],
    target: tuple[str, EntityKind | None],
    max_length: int,
    limit: int,
) -> list[Path]:
    """The shortest paths (at most ``max_length`` steps, at most ``limit``) between two
    entities given as ``(id, kind)``; none when they are not that close."""

    def work(tx: ManagedTransaction) -> list[Path]:
        start, end = _resolve(tx, [("source", *source), ("target", *target)])
        rows = run(
            tx, load_query("intel/shortest_paths"),
            sources=[a.node.ref for a in start.anchors],
            targets=[a.node.ref for a in end.anchors], per_pair=limit,
        )  # fmt: skip
        middles = [(r["source"], r["target"], path_of(r["nodes"], r["rels"])) for r in rows]
        return join_paths(start, end, middles, max_length, limit)

    return graph.read_tx(work)
