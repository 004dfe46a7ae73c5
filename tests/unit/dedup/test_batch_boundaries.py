"""Linking gives the same clusters whatever the batch size: a thousand reports in one
transaction end as they would one at a time (the public API's intake).

The graph is stood in for by dicts holding what the linker reads and writes (each key's list of
clusters and each cluster's summary), so the test runs without Neo4j; the integration tests
cover the same steps against it. The caps are small, so that blocks fill within a few hundred
reports: with the default caps the batch size changed a handful of decisions in 10,000.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bench.datagen.reports import write_jsonl
from graph.dedup.policy import DedupPolicy, default_policy
from graph.dedup.store import Linking
from graph.dedup.summary_cache import SummaryCache
from ingest.bulk import prepare, read_lines
from ingest.intake_row import IntakeRow

SMALL_CAPS = dataclasses.replace(default_policy(), max_per_block=2, max_candidates=4)


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[IntakeRow]:
    path = Path(tmp_path_factory.mktemp("boundaries")) / "referrals.jsonl"
    write_jsonl(path, 1200, seed=11)
    return [p.row for line in read_lines(path) if (p := prepare(line, False)).row is not None]


def _link_in_batches(rows: list[IntakeRow], size: int, policy: DedupPolicy) -> dict[str, str]:
    """Each report's cluster after linking ``rows`` in batches of ``size``."""
    lists: dict[str, list[str]] = {}  # as each BlockKey lists its clusters
    versions: dict[str, str] = {}  # as each ContentCluster's summary version
    cache = SummaryCache()  # holds every summary, so load needs no transaction
    clusters: dict[str, str] = {}
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        linking = Linking(
            [(r.evidence, r.received_at) for r in batch],
            policy,
            keys_of={r.id: r.block_keys for r in batch},
            cache=cache,
        )
        keys = {key for r in batch for key in r.block_keys}
        linking.ids_of_key = {k: lists[k][: policy.max_per_block] for k in keys if k in lists}
        linking.version_of = {cid: versions[cid] for cid in versions}
        assert linking.load(None)
        result = linking.match()
        version = f"batch-{start}"
        cache.put((version, summary) for summary in result.touched.values())
        versions.update(dict.fromkeys(result.touched, version))
        lists.update(result.lists)
        clusters.update(result.clusters)
    return clusters


def test_the_rows_fill_the_small_blocks(rows: list[IntakeRow]) -> None:
    """Otherwise the test below could not fail: caps that never bind change nothing."""
    clusters = _link_in_batches(rows, 1000, SMALL_CAPS)
    per_key: dict[str, set[str]] = {}
    for r in rows:
        for key in r.block_keys:
            per_key.setdefault(key, set()).add(clusters[r.id])
    assert sum(len(ids) > SMALL_CAPS.max_per_block for ids in per_key.values()) > 100


@pytest.mark.parametrize("size", [7, 100, 1000])
def test_any_batch_size_links_as_one_report_at_a_time(rows: list[IntakeRow], size: int) -> None:
    one_at_a_time = _link_in_batches(rows, 1, SMALL_CAPS)
    assert _link_in_batches(rows, size, SMALL_CAPS) == one_at_a_time
