"""Whole paths are the entities' steps around the paths found between their anchors."""

from __future__ import annotations

from graph.intel.network import Anchor, Entity, Node, Path, join_paths

ACCOUNT = Node("e1", "Account", "x|troll0")
REPORT = Node("e2", "Report", "rpt-1")
CLUSTER = Node("e3", "ContentCluster", "content:rpt-1")
CASE = Node("e4", "Case", "case:content:rpt-1")
OTHER_REPORT = Node("e5", "Report", "rpt-2")
EMAIL = Node("e6", "Email", "amara@example.org")


def entity(node: Node) -> Entity:
    return Entity("X", (node,), (Anchor(node),))


def case() -> Entity:
    via = (CASE, CLUSTER)
    anchors = tuple(Anchor(r, via, ("CONCERNS", "IN_CLUSTER")) for r in (REPORT, OTHER_REPORT))
    return Entity("CASE", (CASE,), anchors)


def test_a_case_reaches_an_account_through_its_cluster_and_reports() -> None:
    middles = [
        ("e2", "e1", Path((REPORT, ACCOUNT), ("NAMES_SUSPECT",))),
        ("e5", "e1", Path((OTHER_REPORT, EMAIL, ACCOUNT), ("HAS_EMAIL", "HAS_EMAIL"))),
    ]
    (path,) = join_paths(case(), entity(ACCOUNT), middles, max_length=6, limit=5)
    assert [n.id for n in path.nodes] == [
        "case:content:rpt-1", "content:rpt-1", "rpt-1", "x|troll0",
    ]  # fmt: skip
    assert path.rels == ("CONCERNS", "IN_CLUSTER", "NAMES_SUSPECT")
    assert path.length == 3


def test_paths_longer_than_the_limit_are_dropped() -> None:
    middles = [("e2", "e1", Path((REPORT, ACCOUNT), ("NAMES_SUSPECT",)))]
    assert join_paths(case(), entity(ACCOUNT), middles, max_length=2, limit=5) == []


def test_a_shared_anchor_is_a_path_and_loops_are_cut() -> None:
    # A report of the case's own cluster: case -> cluster -> report, not back through it.
    (path,) = join_paths(case(), entity(REPORT), [], max_length=6, limit=5)
    assert [n.label for n in path.nodes] == ["Case", "ContentCluster", "Report"]
    # The case and its own content cluster meet at the cluster.
    cluster = Entity("CONTENT", (CLUSTER,), (Anchor(REPORT, (CLUSTER,), ("IN_CLUSTER",)),))
    (path,) = join_paths(case(), cluster, [], max_length=6, limit=5)
    assert [n.label for n in path.nodes] == ["Case", "ContentCluster"]
    assert path.rels == ("CONCERNS",)


def test_only_the_shortest_are_kept_each_once_in_a_stable_order() -> None:
    two = Path((REPORT, EMAIL, ACCOUNT), ("HAS_EMAIL", "HAS_EMAIL"))
    one = Path((REPORT, ACCOUNT), ("NAMES_SUSPECT",))
    middles = [("e2", "e1", two), ("e2", "e1", one), ("e2", "e1", one)]
    found = join_paths(entity(REPORT), entity(ACCOUNT), middles, max_length=6, limit=5)
    assert found == [one]


def test_identifiers_are_hidden_from_viewers_without_disclosure_clearance() -> None:
    assert EMAIL.shown(reveal_identifiers=True) == EMAIL
    hidden = EMAIL.shown(reveal_identifiers=False)
    assert hidden.id.startswith("hidden:")
    assert "amara" not in hidden.id
    assert hidden == EMAIL.shown(reveal_identifiers=False)  # the same node, the same token
    assert Node("e7", "Email", "ben@example.org").shown(False).id != hidden.id
    assert ACCOUNT.shown(reveal_identifiers=False) == ACCOUNT
