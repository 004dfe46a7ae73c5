"""Duplicate combination in the graph: one post is one content item, however many report it."""

from __future__ import annotations

import io
from typing import Any

import orjson

from graph import schema
from graph.cases.creation import default_case_id
from graph.cypher import load_query
from graph.db import Graph
from graph.dedup.analyst import (
    decide_review,
    merge_contents,
    reject_judgement,
    split_content,
    undo_judgement,
)
from graph.dedup.blocking import handle_keys
from graph.dedup.export import write_duplicates
from graph.dedup.policy import default_policy
from graph.dedup.relink import link_unlinked
from graph.dedup.store import summary_from_record
from graph.dedup.summary_cache import SUMMARIES
from tests.factories import referral
from tests.integration.intake.helpers import query, write

POST = "1796512345678901234"
VARIANTS = [
    f"https://x.com/jsmith88/status/{POST}",
    f"https://twitter.com/JSmith88/status/{POST}",
    f"http://twitter.com/jsmith88/status/{POST}/",
    f"https://mobile.twitter.com/jsmith88/status/{POST}?s=20",
    f"https://www.twitter.com/jsmith88/status/{POST}?s=46&t=abcDEF",
    f"twitter.com/jsmith88/status/{POST}/photo/1",
    f"x.com/jsmith88/status/{POST}/video/1",
    f"https://x.com/i/web/status/{POST}",
    f"https://twitter.com/i/status/{POST}",
    f"https://twitter.com/statuses/{POST}",
    f"https://x.com/jsmith88/status/{POST}#reply",
    f"https://X.COM/jsmith88/status/{POST}",
    f"https://fxtwitter.com/jsmith88/status/{POST}",
    f"https://vxtwitter.com/jsmith88/status/{POST}",
    f"https://x.com/jsmith88/statuses/{POST}",
    f"https://mobile.x.com/jsmith88/status/{POST}",
    f"https://m.twitter.com/jsmith88/status/{POST}?ref_src=twsrc",
    f"https://x.com/JSMITH88/status/{POST}/",
    f"https://twitter.com/jsmith88/status/{POST}?utm_source=share",
    f"https://nitter.net/jsmith88/status/{POST}",
]
TYPOS = ["@JSmith88", "jsmith88", "@jsmith_88", "jsmiht88", "@@jsmith88", "J.Smith88"]


def _report(
    ref: str, url: str | None, text: str, handle: str | None, victim: str
) -> dict[str, Any]:
    payload = referral(source_ref=ref)
    payload["reporter"]["email"] = f"{victim}@example.org"
    payload["reporter"]["name"] = victim
    item: dict[str, Any] = {"platform": "x", "text": text, "captured_at": "2026-05-31T22:20:00Z"}
    if url:
        item["url"] = url
    payload["content"] = [item]
    payload["suspects"] = [{"platform": "x", "handle": handle}] if handle else []
    return payload


def _clusters(graph: Graph) -> dict[str, str]:
    rows = query(graph, "MATCH (r:Report) RETURN r.source_ref AS ref, r.cluster_id AS c")
    return {r["ref"]: r["c"] for r in rows}


def test_twenty_url_variants_and_mistyped_handles_are_one_content(reference_graph: Graph) -> None:
    payloads = [
        _report(f"TV-V{i}", url, "go back where you came from", TYPOS[i % len(TYPOS)], f"v{i}")
        for i, url in enumerate(VARIANTS)
    ]
    write(reference_graph, *payloads[:7])
    write(reference_graph, *payloads[7:])  # a later batch joins the earlier cluster
    clusters = _clusters(reference_graph)
    assert len(clusters) == 20
    assert len(set(clusters.values())) == 1
    (content,) = query(
        reference_graph,
        "MATCH (c:ContentCluster) RETURN c.report_count AS n, c.post_key AS post",
    )
    assert content == {"n": 20, "post": f"x:post:{POST}"}
    cases = query(
        reference_graph, "MATCH (k:Case)-[:CONCERNS]->(:ContentCluster) RETURN k.id AS id"
    )
    assert len(cases) == 1


def test_reports_without_a_post_url_join_by_text_and_handle(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report("TV-A", VARIANTS[0], "you people should all be deported now", "jsmith88", "amara"),
    )
    write(
        reference_graph,
        _report(
            "TV-B", None, "They wrote: you people should all be deported now…", "@JSmith88", "amara"
        ),
        _report(
            "TV-C",
            "https://x.com/jsmith88",
            "you people should all be deported",
            "jsmith88",
            "amara",
        ),
    )
    clusters = _clusters(reference_graph)
    assert clusters["TV-A"] == clusters["TV-B"] == clusters["TV-C"]
    (edge,) = query(
        reference_graph,
        "MATCH (:Report {source_ref: 'TV-B'})-[j:SAME_CONTENT]-(:Report) "
        "RETURN j.actor AS actor, j.score AS score, j.features AS features",
    )
    assert edge["actor"] == "system"
    assert "text" in orjson.loads(edge["features"])["features"]


def test_two_posts_by_one_account_with_near_identical_text_stay_two(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report(
            "TV-1",
            "https://x.com/jsmith88/status/1796512345678900001",
            "go home you are not welcome here",
            "jsmith88",
            "victim-one",
        ),
        _report(
            "TV-2",
            "https://x.com/jsmith88/status/1796512345678900002",
            "go home you are not welcome here!",
            "jsmith88",
            "victim-two",
        ),
        _report("TV-3", None, "go home, you are not welcome here", "jsmith88", "victim-three"),
    )
    clusters = _clusters(reference_graph)
    assert len(set(clusters.values())) == 3


def test_analyst_reject_is_never_overridden_and_undo_restores(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report("TV-A", VARIANTS[0], "you people should all be deported now", "jsmith88", "amara"),
    )
    write(
        reference_graph,
        _report("TV-B", None, "you people should all be deported now", "jsmith88", "amara"),
    )
    before = _clusters(reference_graph)
    assert before["TV-A"] == before["TV-B"]
    (system,) = query(reference_graph, "MATCH ()-[j:SAME_CONTENT]->() RETURN j.id AS id")

    reject_judgement(reference_graph, system["id"], "DC Patel", "different wording on screenshot")
    after = _clusters(reference_graph)
    assert after["TV-A"] != after["TV-B"]

    # A later, identical report must not pull the rejected pair back together.
    write(
        reference_graph,
        _report("TV-C", None, "you people should all be deported now", "jsmith88", "amara"),
    )
    clusters = _clusters(reference_graph)
    assert clusters["TV-A"] != clusters["TV-B"]

    (rejection,) = query(
        reference_graph,
        "MATCH ()-[j:NOT_SAME]->() WHERE j.superseded_by IS NULL "
        "RETURN j.id AS id, j.actor AS actor",
    )
    assert rejection["actor"] == "DC Patel"
    undo_judgement(reference_graph, rejection["id"], "DC Patel")
    restored = _clusters(reference_graph)
    assert restored["TV-A"] == restored["TV-B"]


def test_merge_then_split_restores_the_previous_clusters_exactly(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report(
            "TV-1",
            "https://x.com/a1/status/1796512345678900011",
            "first abusive post text here",
            "a1",
            "p1",
        ),
        _report(
            "TV-2",
            "https://x.com/a1/status/1796512345678900011",
            "first abusive post text here",
            "a1",
            "p2",
        ),
        _report(
            "TV-3",
            "https://x.com/b2/status/1796512345678900022",
            "a wholly different message",
            "b2",
            "p3",
        ),
    )
    original = _clusters(reference_graph)
    merged = merge_contents(
        reference_graph, original["TV-1"], original["TV-3"], "DS Khan", "same screenshot"
    )
    assert len(merged.members) == 1
    assert len(set(_clusters(reference_graph).values())) == 1

    report_3 = query(reference_graph, "MATCH (r:Report {source_ref: 'TV-3'}) RETURN r.id AS id")[0][
        "id"
    ]
    split_content(reference_graph, original["TV-1"], [report_3], "DS Khan", "merged in error")
    assert _clusters(reference_graph) == original
    (count,) = query(reference_graph, "MATCH (c:ContentCluster) RETURN count(c) AS n")
    assert count["n"] == 2


def _cases_of_clusters(graph: Graph) -> dict[str, list[str]]:
    rows = query(
        graph,
        "MATCH (c:ContentCluster) OPTIONAL MATCH (k:Case)-[:CONCERNS]->(c) "
        "RETURN c.id AS cluster, collect(k.id) AS cases",
    )
    return {r["cluster"]: sorted(r["cases"]) for r in rows}


def test_each_cluster_is_born_into_its_own_case_by_intake_and_by_an_analysts_split(
    reference_graph: Graph,
) -> None:
    """Cases are opened by ``graph/cases/creation.py`` wherever clusters are written: intake's
    linking opens one for each new cluster, a report joining a cluster opens none, and a
    cluster an analyst splits off gets its own, named by the same formula."""
    post = "https://x.com/a1/status/1796512345678900011"
    write(
        reference_graph,
        _report("TV-1", post, "first abusive post text here", "a1", "p1"),
        _report("TV-3", "https://x.com/b2/status/1796512345678900022", "other words", "b2", "p3"),
    )
    write(reference_graph, _report("TV-2", post, "first abusive post text here", "a1", "p2"))
    clusters = _clusters(reference_graph)
    assert _cases_of_clusters(reference_graph) == {
        cid: [default_case_id(cid)] for cid in set(clusters.values())
    }
    merge_contents(reference_graph, clusters["TV-1"], clusters["TV-3"], "DS Khan", "one post")
    (merged,) = _cases_of_clusters(reference_graph).items()
    assert merged == (clusters["TV-1"], [default_case_id(clusters["TV-1"])])

    (report_3,) = query(reference_graph, "MATCH (r:Report {source_ref: 'TV-3'}) RETURN r.id AS id")
    split_content(reference_graph, clusters["TV-1"], [report_3["id"]], "DS Khan", "two posts")
    assert _cases_of_clusters(reference_graph) == {
        cid: [default_case_id(cid)] for cid in set(clusters.values())
    }


def test_later_reports_of_either_merged_post_join_the_merged_content(
    reference_graph: Graph,
) -> None:
    """An analyst decided two posts are one content (the same screenshot posted twice): a
    later report of either post joins it, not a new content of its own."""
    post_1 = "https://x.com/a1/status/1796512345678900011"
    post_2 = "https://x.com/b2/status/1796512345678900022"
    write(
        reference_graph,
        _report("TV-1", post_1, "first abusive post text here", "a1", "p1"),
        _report("TV-2", post_2, "a wholly different message", "b2", "p2"),
    )
    original = _clusters(reference_graph)
    merged = merge_contents(
        reference_graph, original["TV-1"], original["TV-2"], "DS Khan", "same screenshot"
    )
    (content,) = merged.members

    write(
        reference_graph,
        _report("TV-3", post_1, "first abusive post text here", "a1", "p3"),
        _report("TV-4", post_2, "a wholly different message", "b2", "p4"),
    )
    assert set(_clusters(reference_graph).values()) == {content}
    (summary,) = query(
        reference_graph,
        "MATCH (c:ContentCluster) RETURN c.post_key AS post_key, c.other_post_keys AS others",
    )
    assert {summary["post_key"], *summary["others"]} == {
        "x:post:1796512345678900011",
        "x:post:1796512345678900022",
    }


def test_uncertain_matches_wait_in_the_review_queue(reference_graph: Graph) -> None:
    # Two posts by one account close in time, then a report naming only the account (a
    # profile link, no text): it could be either, so an analyst decides.
    write(
        reference_graph,
        _report(
            "TV-A",
            "https://x.com/jsmith88/status/1796512345678900101",
            "first abusive post text here",
            "jsmith88",
            "amara",
        ),
        _report(
            "TV-B",
            "https://x.com/jsmith88/status/1796512345678900202",
            "a different second message",
            "jsmith88",
            "amara",
        ),
    )
    vague = _report("TV-C", "https://x.com/jsmith88", "", "jsmith88", "amara")
    vague["content"][0].pop("text")
    write(reference_graph, vague)
    (item,) = query(
        reference_graph,
        "MATCH (q:ReviewItem {status: 'pending'})-[:ABOUT_REPORT]->(r:Report) "
        "RETURN q.id AS id, r.source_ref AS ref, q.candidate_cluster_id AS candidate, "
        "q.reason AS reason",
    )
    clusters = _clusters(reference_graph)
    assert item["ref"] == "TV-C"
    assert item["reason"] == "ambiguous"
    assert clusters["TV-C"] not in (clusters["TV-A"], clusters["TV-B"])  # not merged meanwhile
    assert item["candidate"] in (clusters["TV-A"], clusters["TV-B"])

    decide_review(reference_graph, item["id"], True, "PC Jones", "same post per screenshot")
    clusters = _clusters(reference_graph)
    assert clusters["TV-C"] == item["candidate"]
    assert query(reference_graph, "MATCH (q:ReviewItem {status: 'pending'}) RETURN q") == []


def test_export_maps_every_source_ref_to_its_cluster(reference_graph: Graph) -> None:
    write(
        reference_graph,
        _report("TV-1", VARIANTS[0], "text", "jsmith88", "a"),
        _report("TV-2", VARIANTS[1], "text", "jsmith88", "b"),
        _report("TV-3", "https://x.com/b2/status/1796512345678900022", "other", "b2", "c"),
    )
    out = io.StringIO()
    assert write_duplicates(reference_graph, out) == 3
    exported = orjson.loads(out.getvalue())
    assert exported == _clusters(reference_graph)
    assert exported["TV-1"] == exported["TV-2"] != exported["TV-3"]


def test_reports_loaded_before_linking_are_linked_by_the_batch_path(
    reference_graph: Graph,
) -> None:
    """``ohch link duplicates`` (``link_unlinked``): reports with no cluster, as a graph loaded
    before linking existed holds them, are matched in arrival order as intake would."""
    write(
        reference_graph,
        *[_report(f"TV-V{i}", url, "go back where you came from", "jsmith88", f"v{i}")
          for i, url in enumerate(VARIANTS[:5])],
        _report("TV-O", "https://x.com/b2/status/1796512345678900022", "other", "b2", "o"),
    )  # fmt: skip
    linked = _clusters(reference_graph)
    query(
        reference_graph,
        "MATCH (n) WHERE n:ContentCluster OR n:BlockKey OR n:Case DETACH DELETE n "
        "WITH count(*) AS gone MATCH (r:Report) SET r.cluster_id = null "
        "WITH count(*) AS cleared MATCH ()-[j:SAME_CONTENT]->() DELETE j",
    )
    assert set(_clusters(reference_graph).values()) == {None}

    assert link_unlinked(reference_graph, batch_size=2) == 6
    relinked = _clusters(reference_graph)
    assert relinked == linked  # the same clusters, named after the same first reports
    judged = query(reference_graph, "MATCH ()-[j:SAME_CONTENT]->() RETURN count(j) AS n")
    assert judged == [{"n": 4}]  # each later report of the post, judged against the first
    assert link_unlinked(reference_graph) == 0


def test_times_written_as_iso_text_are_stored_as_zoned_datetimes(reference_graph: Graph) -> None:
    # The hot linking path sends times as ISO text (graph.db.wire_time); the graph must still
    # hold DATETIME values, or time comparisons would silently return null.
    write(reference_graph, _report("TV-A", VARIANTS[0], "go back", "jsmith88", "amara"))
    write(reference_graph, _report("TV-B", VARIANTS[1], "go back", "jsmith88", "bea"))
    types = query(
        reference_graph,
        "MATCH (c:ContentCluster), ()-[j:SAME_CONTENT]->() "
        "RETURN DISTINCT valueType(c.first_at) AS first, valueType(c.last_at) AS last, "
        "valueType(j.at) AS judged",
    )
    zoned = "ZONED DATETIME NOT NULL"
    assert types == [{"first": zoned, "last": zoned, "judged": zoned}]


def _listed(graph: Graph, key: str) -> list[str]:
    (row,) = query(graph, "MATCH (b:BlockKey {key: $key}) RETURN b.clusters AS ids", key=key)
    return list(row["ids"])


def test_a_key_lists_its_most_recent_clusters_up_to_the_cap(reference_graph: Graph) -> None:
    """A list written under an older, larger ``max_per_block`` is longer than the lookup reads;
    a cluster joined again from beyond the cap goes first, and the list shrinks to the cap."""
    policy = default_policy()
    key = handle_keys("x", "jsmith88", policy.handle_affix_chars)[0]
    write(reference_graph, _report("TV-OLD", VARIANTS[0], "go back home", "jsmith88", "amara"))
    (old,) = query(reference_graph, "MATCH (c:ContentCluster) RETURN c.id AS id")
    legacy = [f"legacy-{i}" for i in range(policy.max_per_block + 5, 0, -1)]  # newest first
    query(  # the account's key as an older cap left it: 15 newer clusters, then the first
        reference_graph,
        "UNWIND $legacy AS id CREATE (:ContentCluster {id: id, anchor: id, platform: 'x', "
        "handles: ['someone_else'], texts: [], report_count: 1}) "
        "WITH collect(id) AS ids MATCH (b:BlockKey {key: $key}) SET b.clusters = ids + b.clusters",
        key=key,
        legacy=legacy,
    )
    assert _listed(reference_graph, key) == [*legacy, old["id"]]
    write(reference_graph, _report("TV-NEW", VARIANTS[1], "go back home", "jsmith88", "bola"))
    assert len(set(_clusters(reference_graph).values())) == 1  # joined by its post
    assert _listed(reference_graph, key) == [old["id"], *legacy[: policy.max_per_block - 1]]


def test_a_listed_cluster_that_is_gone_is_not_offered_and_leaves_the_list(
    reference_graph: Graph,
) -> None:
    policy = default_policy()
    key = handle_keys("x", "a1", policy.handle_affix_chars)[0]
    post_1 = "https://x.com/a1/status/1796512345678900011"
    post_2 = "https://x.com/a1/status/1796512345678900022"
    write(reference_graph, _report("TV-1", post_1, "first abusive post text here", "a1", "p1"))
    write(reference_graph, _report("TV-2", post_2, "a second message entirely", "a1", "p2"))
    clusters = _clusters(reference_graph)
    assert _listed(reference_graph, key) == [clusters["TV-2"], clusters["TV-1"]]

    # An analyst's merge removes one cluster: the keys it rewrites no longer list it.
    merge_contents(reference_graph, clusters["TV-1"], clusters["TV-2"], "DS Khan", "one thread")
    (merged,) = query(reference_graph, "MATCH (c:ContentCluster) RETURN c.id AS id")
    assert _listed(reference_graph, key) == [merged["id"]]
    listed = query(reference_graph, "MATCH (b:BlockKey) UNWIND b.clusters AS id RETURN id")
    assert {row["id"] for row in listed} == {merged["id"]}

    # A list still naming a removed cluster (a key the decision did not rewrite): the lookup
    # leaves it out, and the next write under the key drops it.
    query(
        reference_graph,
        "MATCH (b:BlockKey {key: $key}) SET b.clusters = ['content:gone'] + b.clusters",
        key=key,
    )
    write(reference_graph, _report("TV-3", None, "a third, unrelated message", "a1", "p3"))
    third = _clusters(reference_graph)["TV-3"]
    assert third != merged["id"]  # other text: its own content
    assert _listed(reference_graph, key) == [third, merged["id"]]


def test_block_edges_of_an_older_graph_become_lists_when_the_schema_is_applied(
    reference_graph: Graph,
) -> None:
    query(  # two keys indexed the old way: an edge per (key, cluster), stamped with its time
        reference_graph,
        "CREATE (c1:ContentCluster {id: 'c1'}), (c2:ContentCluster {id: 'c2'}), "
        "(c3:ContentCluster {id: 'c3'}), (a:BlockKey {key: 'acct|x|a'}), "
        "(b:BlockKey {key: 'acct|x|b'}), "
        "(a)-[:BLOCKS {at: datetime('2026-06-01T10:00:00Z')}]->(c1), "
        "(a)-[:BLOCKS {at: datetime('2026-06-01T12:00:00Z')}]->(c2), "
        "(a)-[:BLOCKS {at: datetime('2026-06-01T11:00:00Z')}]->(c3), "
        "(b)-[:BLOCKS {at: datetime('2026-06-01T09:00:00Z')}]->(c3)",
    )
    schema.apply(reference_graph)
    schema.apply(reference_graph)  # safe to repeat
    assert _listed(reference_graph, "acct|x|a") == ["c2", "c3", "c1"]  # most recent first
    assert _listed(reference_graph, "acct|x|b") == ["c3"]
    (edges,) = query(reference_graph, "MATCH ()-[e:BLOCKS]->() RETURN count(e) AS n")
    assert edges["n"] == 0


def test_summaries_kept_between_batches_are_used_only_while_the_graph_holds_them(
    reference_graph: Graph,
) -> None:
    SUMMARIES.clear()
    post_1 = "https://x.com/a1/status/1796512345678900011"
    post_2 = "https://x.com/a1/status/1796512345678900022"
    write(reference_graph, _report("TV-1", post_1, "first abusive post text here", "a1", "p1"))
    write(reference_graph, _report("TV-2", post_2, "a second message entirely", "a1", "p2"))
    clusters = _clusters(reference_graph)
    versions = {
        r["id"]: r["version"]
        for r in query(
            reference_graph, "MATCH (c:ContentCluster) RETURN c.id AS id, c.version AS version"
        )
    }
    kept = SUMMARIES.get(versions)
    assert set(kept) == set(versions)  # what this process wrote, at the graph's versions
    for record in reference_graph.read(load_query("dedup/clusters_by_ids"), ids=sorted(versions)):
        assert kept[record["id"]] == summary_from_record(record)

    # An analyst's merge writes the summary with a version this cache never saw ...
    merge_contents(reference_graph, clusters["TV-1"], clusters["TV-2"], "DS Khan", "one thread")
    (merged,) = query(
        reference_graph,
        "MATCH (c:ContentCluster) RETURN c.id AS id, c.version AS version, c.report_count AS n",
    )
    assert merged["n"] == 2
    assert SUMMARIES.get({merged["id"]: merged["version"]}) == {}
    # ... so the next report about the post joins the merged content as the graph holds it (a
    # kept summary from before the merge would have counted 1 + 1).
    write(reference_graph, _report("TV-3", post_1, "first abusive post text here", "a1", "p3"))
    (after,) = query(
        reference_graph, "MATCH (c:ContentCluster) RETURN c.id AS id, c.report_count AS n"
    )
    assert after == {"id": merged["id"], "n": 3}
    assert _clusters(reference_graph)["TV-3"] == merged["id"]
