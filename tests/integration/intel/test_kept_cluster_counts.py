"""The counts kept a day and a week for each content cluster, kept by every change that moves a
report between clusters.

A cluster's counts keep its reports and their reporters (Person ids, resolved to identities when
read); intake counts a report when the linker gives it its cluster, content merges and splits
move it, case merges and splits and reassignments leave it. After any sequence of those, what
hub staff read must equal the same question answered from the reports one by one (the exact
query, the oracle): most-reported content a page at a time, for every basis and for windows cut
at midnight, within a day and across weeks; also after the identity linker joins two reporters
into one person, which no count follows. The upgrade builds the same counts for an older graph.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.intel.bounds import TimeBasis, Window
from graph.intel.most_reported import PROBE, most_reported_counted
from tests.integration.intake.helpers import query
from tests.integration.intel.test_kept_counts import START, WINDOWS, _intake, _step

PROBES = (1, 3, PROBE)
PAGES: list[dict[str, int]] = [
    {"skip": 0, "limit": 3},
    {"skip": 2, "limit": 2},
    {"skip": 0, "limit": 50},
]


def _most_reported(
    graph: Graph, since: Any, until: Any, counted: bool, basis: TimeBasis, probe: int = PROBE,
    **page: int,
) -> list[dict[str, Any]]:  # fmt: skip
    window = Window.of(since, until)
    if counted:
        rows = most_reported_counted(graph, window, basis, probe=probe, **page)
    else:
        rows = graph.read(
            load_query("intel/most_reported_content"), viewer_force=None, viewer_sees_all=True,
            **window.spans(basis), **page,
        )  # fmt: skip
    return [dict(r) for r in rows]


def _check(graph: Graph) -> None:
    """The kept counts answer as the reports do, and add up to them."""
    for basis in TimeBasis:
        for since, until in WINDOWS:
            for page in PAGES:
                exact = _most_reported(graph, since, until, False, basis, **page)
                for probe in PROBES:  # the bound from one cluster, a few, or every one
                    counted = _most_reported(graph, since, until, True, basis, probe, **page)
                    assert counted == exact
        clustered = query(
            graph,
            f"MATCH (r:Report) WHERE r.{basis.key}_at IS NOT NULL AND r.cluster_id IS NOT NULL "
            "RETURN count(r) AS n, sum(COUNT { (:Person)-[:REPORTED]->(r) }) AS named",
        )[0]
        for label in ("ReportDay", "ReportWeek"):
            kept = query(
                graph,
                f"MATCH (d:{label} {{basis: $basis, dimension: 'content'}}) "
                "RETURN sum(d.reports) AS n, min(d.reports) AS least, "
                "sum(size(d.reporters)) AS named",
                basis=basis.key,
            )[0]
            assert (kept["n"], kept["named"]) == (clustered["n"], clustered["named"])
            assert kept["least"] is None or kept["least"] >= 0  # never below nothing


def test_intake_counts_each_clustered_report_once_and_a_rerun_adds_nothing(
    reference_graph: Graph,
) -> None:
    _intake(reference_graph, random.Random(1), 0, 12)
    _check(reference_graph)
    kept = _kept(reference_graph)
    assert sum(k["n"] for k in kept if k["l"] == ["ReportWeek"] and "reported|" in k["id"]) == 12
    _intake(reference_graph, random.Random(1), 0, 12)  # the same referrals: already present
    assert _kept(reference_graph) == kept


def _changes(graph: Graph, seed: int, count: int) -> Iterator[str]:
    """24 reports taken in, then ``count`` random changes (intake, reassignment, case and
    content merges and splits), each one's name once it is made."""
    rng = random.Random(seed)
    _intake(graph, rng, 0, 24)
    yield from (_step(graph, rng, n) for n in range(count))


@pytest.mark.parametrize("seed", [3, 5, 8, 21, 34])
def test_any_sequence_of_changes_keeps_the_counts_equal_to_the_reports(
    reference_graph: Graph, seed: int
) -> None:
    made = set()
    for change in _changes(reference_graph, seed, 10):
        made.add(change)
        _check(reference_graph)
    assert {"merge_contents", "split_content"} & made  # content moved at least once


def test_reporters_joined_by_the_identity_linker_count_once(reference_graph: Graph) -> None:
    _intake(reference_graph, random.Random(4), 0, 24)
    window = (START - timedelta(days=30), START + timedelta(days=30))
    top = _most_reported(reference_graph, *window, True, TimeBasis.REPORTED, skip=0, limit=1)[0]
    who = query(
        reference_graph,
        "MATCH (p:Person)-[:REPORTED]->(r:Report {cluster_id: $id}) RETURN p.id AS id ORDER BY id",
        id=top["content_id"],
    )
    assert top["reporters"] == len(who) > 1
    reference_graph.write(
        load_query("identity/assign_named_persons"),
        rows=[{"key": p["id"], "person_id": "person:one-reporter"} for p in who[:2]],
    )
    joined = _most_reported(reference_graph, *window, True, TimeBasis.REPORTED, skip=0, limit=1)
    assert joined == [{**top, "reporters": top["reporters"] - 1}]
    _check(reference_graph)


def _kept(graph: Graph) -> list[dict[str, Any]]:
    days = query(
        graph,
        "MATCH (d:ReportDay|ReportWeek {dimension: 'content'}) WHERE d.reports <> 0 "
        "RETURN d.id AS id, labels(d) AS l, d.reports AS n, "
        "d.reporters AS who ORDER BY id, l",
    )
    return [{**r, "who": sorted(r["who"])} for r in days]


def test_the_upgrade_counts_an_older_graph_as_the_linker_would_have_and_then_does_nothing(
    reference_graph: Graph,
) -> None:
    assert len(list(_changes(reference_graph, 6, 6))) == 6
    kept = _kept(reference_graph)
    assert any("|content|" in k["id"] for k in kept)
    upgrade = load_query("upgrades/007_content_counts").text
    pending = load_query("admin/pending_upgrades")
    # The graph as an older version left it: no content counts, no marker.
    query(reference_graph, "MATCH (d:ReportDay|ReportWeek {dimension: 'content'}) DELETE d")
    query(reference_graph, "MATCH (u:DataUpgrade {id: '007_content_counts'}) DELETE u")
    assert "007_content_counts" in reference_graph.read(pending)[0]["pending"]
    reference_graph.run_schema(upgrade)
    assert "007_content_counts" not in reference_graph.read(pending)[0]["pending"]
    assert _kept(reference_graph) == kept
    _check(reference_graph)

    # Its work done, it changes nothing, even a count it would have made otherwise.
    query(reference_graph, "MATCH (w:ReportWeek {dimension: 'content'}) WITH w LIMIT 1 "
          "SET w.reports = w.reports + 99")  # fmt: skip
    marked = _kept(reference_graph)
    reference_graph.run_schema(upgrade)
    assert _kept(reference_graph) == marked
