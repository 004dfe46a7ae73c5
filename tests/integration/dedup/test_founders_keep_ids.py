"""A content cluster keeps its id through analysts' decisions, whatever order its reports
reached the hub in.

The linker names a cluster after the report that founds it, the first it links; an analyst's
decision re-derives clusters from the judgements and names each after its first-ranked member.
Ranked by receipt, a report received before the founder but linked after it (a bulk batch read
before a live referral that committed first) named the derived cluster, so the cluster the
graph held, and the analyst named, was refused as "does not exist". Found by
``tests/integration/intel/test_kept_counts.py`` (seeds 10 and 12), where it was counted as a
refusal.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.db import Graph
from graph.dedup.analyst import split_content, undo_judgement
from graph.viewer import Role, Viewer
from ingest.load import write_reports
from services import duplicates
from services.use_case import Caller
from tests.factories import referral
from tests.integration.intake.helpers import query, row

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
POSTS = {"P": "https://x.com/a1/status/1796512345678900011",
         "Q": "https://x.com/b2/status/1796512345678900022"}  # fmt: skip
ANALYST = Viewer(Role.HUB_ANALYST, "dc-patel")


def _intake(graph: Graph, *reports: tuple[str, str, int]) -> None:
    """One intake batch of (source ref, post, minutes after T0 the hub received it)."""
    rows = []
    for ref, post, minutes in reports:
        payload = referral(source_ref=ref, submitted_at=T0.isoformat())
        payload["reporter"]["email"] = f"{ref.lower()}@example.org"
        payload["content"] = [{"url": POSTS[post], "platform": "x", "text": f"post {post}"}]
        rows.append(row(payload, T0 + timedelta(minutes=minutes)))
    write_reports(graph, rows)


def _clusters(graph: Graph) -> dict[str, str]:
    rows = query(graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.cluster_id AS c")
    return {r["ref"]: r["c"] for r in rows}


def _report_id(graph: Graph, ref: str) -> str:
    rows = query(graph, "MATCH (r:Report {source_ref: $ref}) RETURN r.id AS id", ref=ref)
    return str(rows[0]["id"])


def _held(graph: Graph) -> list[str]:
    rows = query(graph, "MATCH (c:ContentCluster) RETURN c.id AS id ORDER BY id")
    return [r["id"] for r in rows]


def _linked_out_of_order(graph: Graph) -> dict[str, str]:
    """LATE founds post P's cluster; EARLY, received an hour before it, joins it later."""
    _intake(graph, ("TV-LATE", "P", 60), ("TV-OTHER", "Q", 30))
    _intake(graph, ("TV-EARLY", "P", 0))
    clusters = _clusters(graph)
    assert clusters == {
        "TV-LATE": f"content:{_report_id(graph, 'TV-LATE')}",
        "TV-EARLY": f"content:{_report_id(graph, 'TV-LATE')}",
        "TV-OTHER": f"content:{_report_id(graph, 'TV-OTHER')}",
    }
    return clusters


def test_a_split_and_its_undo_find_the_cluster_its_founder_named(reference_graph: Graph) -> None:
    original = _linked_out_of_order(reference_graph)
    early = _report_id(reference_graph, "TV-EARLY")
    split_content(reference_graph, original["TV-LATE"], [early], "DS Khan", "another post")
    assert _clusters(reference_graph) == {**original, "TV-EARLY": f"content:{early}"}

    (cut,) = query(reference_graph, "MATCH ()-[j:NOT_SAME]->() RETURN j.id AS id")
    undo_judgement(reference_graph, cut["id"], "DS Khan")
    assert _clusters(reference_graph) == original
    assert _held(reference_graph) == sorted(set(original.values()))


def test_a_merge_through_the_service_and_a_split_back_keep_every_id(
    reference_graph: Graph,
) -> None:
    original = _linked_out_of_order(reference_graph)
    caller = Caller(reference_graph, ANALYST)
    merged = duplicates.merge_content(
        caller, original["TV-OTHER"], original["TV-LATE"], "same screenshot"
    )
    # Both clusters were founded by one intake: the first received founder names the merge.
    assert merged.content_ids == (original["TV-OTHER"],)
    assert set(_clusters(reference_graph).values()) == {original["TV-OTHER"]}

    p_reports = [_report_id(reference_graph, "TV-LATE"), _report_id(reference_graph, "TV-EARLY")]
    duplicates.split_content(caller, original["TV-OTHER"], p_reports, "two posts after all")
    assert _clusters(reference_graph) == original
    assert _held(reference_graph) == sorted(set(original.values()))
