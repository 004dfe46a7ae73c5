"""Nodes, neighbours and paths of the analysts' network queries, and how a path is put together.

An entity an analyst names is not always one node: a person behind accounts is the accounts,
a victim identity is the per-report Person nodes, and a content cluster or a case reaches the
rest of the graph through its reports, which name the cluster by a property rather than an
edge. ``queries/intel/resolve_entities.cypher`` finds each entity's *anchors* (the nodes a
path search starts from) with the steps from the entity to each; :func:`join_paths` puts those
steps around the paths Neo4j found between anchors and keeps the shortest. Pure: no I/O.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any


class EntityKind(enum.StrEnum):
    """What an id an analyst names stands for (``queries/intel/resolve_entities.cypher``)."""

    ACCOUNT = "ACCOUNT"  # an account key (platform|handle)
    REPORT = "REPORT"  # a report id
    CONTENT = "CONTENT"  # a content cluster id
    CASE = "CASE"  # a case id
    VICTIM = "VICTIM"  # a person named in reports: a Person id or a resolved identity key
    PERSON = "PERSON"  # the person behind accounts (an account's person_id)


class NodeLabel(enum.StrEnum):
    """The kinds of node a neighbourhood or a path meets: the nodes the relationships of
    :class:`Relationship` join (each node has one label)."""

    ACCOUNT = "Account"
    REPORT = "Report"
    CONTENT = "Content"
    CONTENT_CLUSTER = "ContentCluster"
    CASE = "Case"
    PERSON = "Person"
    EMAIL = "Email"
    PHONE = "Phone"
    IP_ADDRESS = "IpAddress"


class Relationship(enum.StrEnum):
    """The relationships the network queries follow (``queries/intel/neighbourhood.cypher``),
    and IN_CLUSTER, a report's membership of its content cluster (a property, not an edge)."""

    NAMES_SUSPECT = "NAMES_SUSPECT"  # report -> account
    POSTED = "POSTED"  # account -> content
    ABOUT = "ABOUT"  # report -> content
    VICTIM_IN = "VICTIM_IN"  # person -> report
    REPORTED = "REPORTED"  # person -> report
    HAS_EMAIL = "HAS_EMAIL"  # person or account -> email
    HAS_PHONE = "HAS_PHONE"  # person or account -> phone
    USED_IP = "USED_IP"  # account -> IP address
    SAME_PERSON = "SAME_PERSON"  # an identity judgement between two accounts or two people
    SAME_CONTENT = "SAME_CONTENT"  # a duplicate judgement between two reports
    CONCERNS = "CONCERNS"  # case -> content cluster
    IN_CLUSTER = "IN_CLUSTER"  # report -> content cluster


# Shared identifiers can be disclosed subscriber data (graph/viewer.py DISCLOSURE_READERS).
IDENTIFIER_LABELS = frozenset({NodeLabel.EMAIL, NodeLabel.PHONE, NodeLabel.IP_ADDRESS})


@dataclass(frozen=True, slots=True)
class Node:
    ref: str  # Neo4j element id: identifies the node within one answer, never shown
    label: str
    id: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Node:
        return cls(ref=row["ref"], label=row["label"], id=str(row["id"]))

    def shown(self, reveal_identifiers: bool) -> Node:
        """The node as a viewer may see it: an email, phone or IP address is replaced by an
        opaque token (the same for the same node) unless the viewer may read disclosures."""
        if reveal_identifiers or self.label not in IDENTIFIER_LABELS:
            return self
        digest = hashlib.sha256(self.ref.encode()).hexdigest()[:12]
        return replace(self, id=f"hidden:{digest}")


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a path search starts for an entity, and the steps from the entity to it."""

    node: Node
    via: tuple[Node, ...] = ()  # the entity first; empty when the entity is the node itself
    rels: tuple[str, ...] = ()  # rels[i] joins via[i] to via[i + 1] (the last to ``node``)


@dataclass(frozen=True, slots=True)
class Entity:
    kind: str
    members: tuple[Node, ...]  # the entity's own nodes: where a neighbourhood starts
    anchors: tuple[Anchor, ...]

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> Entity:
        anchors = tuple(
            Anchor(
                node=Node.of(a),
                via=tuple(Node.of(v) for v in a["via"]),
                rels=tuple(a["rels"]),
            )
            for a in row["anchors"]
        )
        return cls(row["kind"], tuple(Node.of(m) for m in row["members"]), anchors)


@dataclass(frozen=True, slots=True)
class Neighbour:
    node: Node
    distance: int


@dataclass(frozen=True, slots=True)
class Link:
    """A relationship between two nodes of a neighbourhood, from its start to its end."""

    start: Node
    end: Node
    type: str


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """The nodes around an entity, nearest first, and the relationships met between them."""

    neighbours: tuple[Neighbour, ...]
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Path:
    """``rels[i]`` joins ``nodes[i]`` and ``nodes[i + 1]``."""

    nodes: tuple[Node, ...]
    rels: tuple[str, ...]

    @property
    def length(self) -> int:
        return len(self.rels)

    def simple(self) -> Path:
        """The path with any loop cut out (the steps to a cluster can meet the path again)."""
        nodes, rels = list(self.nodes), list(self.rels)
        i = 0
        while i < len(nodes):
            later = [j for j in range(len(nodes) - 1, i, -1) if nodes[j].ref == nodes[i].ref]
            if later:
                j = later[0]
                del nodes[i + 1 : j + 1]
                del rels[i:j]
            i += 1
        return Path(tuple(nodes), tuple(rels))

    def sort_key(self) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        return (self.length, tuple(f"{n.label}:{n.id}" for n in self.nodes), self.rels)


def _around(source: Anchor, middle: Path, target: Anchor) -> Path:
    """The source's steps, the middle, then the target's steps walked back to the target."""
    nodes = source.via + middle.nodes + tuple(reversed(target.via))
    rels = source.rels + middle.rels + tuple(reversed(target.rels))
    return Path(nodes, rels).simple()


def join_paths(
    source: Entity,
    target: Entity,
    middles: Iterable[tuple[str, str, Path]],
    max_length: int,
    limit: int,
) -> list[Path]:
    """The shortest whole paths from ``source`` to ``target``, at most ``max_length`` steps.

    ``middles`` are ``(source anchor ref, target anchor ref, path)`` as Neo4j found them; an
    anchor both entities share is a path of its own. Only paths of the least length are kept,
    each once, in a stable order, at most ``limit``.
    """
    by_source = {a.node.ref: a for a in source.anchors}
    by_target = {a.node.ref: a for a in target.anchors}
    found = [
        _around(by_source[s], middle, by_target[t])
        for s, t, middle in middles
        if s in by_source and t in by_target
    ]
    found += [
        _around(by_source[ref], Path((by_source[ref].node,), ()), by_target[ref])
        for ref in by_source.keys() & by_target.keys()
    ]
    kept = {(p.nodes, p.rels): p for p in found if p.length <= max_length}
    if not kept:
        return []
    shortest = min(p.length for p in kept.values())
    return sorted((p for p in kept.values() if p.length == shortest), key=Path.sort_key)[:limit]


def path_of(nodes: Sequence[Mapping[str, Any]], rels: Sequence[str]) -> Path:
    return Path(tuple(Node.of(n) for n in nodes), tuple(rels))
