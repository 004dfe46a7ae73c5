"""Write a synthetic hub graph of N reports straight into Neo4j, for ``bench/intel.py``.

Intake is bypassed: the rows come from the seeded generator ``bench/intel_world.py`` and are
written with batched ``UNWIND`` queries (``queries/bench/intel_*.cypher``, and the hub's own
batch queries where they exist: content clusters and cases, SAME_CONTENT and SAME_PERSON
judgements, account persons, platform disclosures, reference counters), one transaction per
batch and stream, while the next batch is generated. The graph has the shape intake, the
linkers and case work leave (a test compares them), but none of intake's per-report cost:
intake throughput is ``bench/ingest.py``'s measure, not this one's.

Run on its own (empties the bench database): ``.venv/bin/python bench/intel_graph.py
[--reports 1000000] [--seed 7]``; ``bench/intel.py`` builds (or reuses) it before measuring.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.intel_world import Batch, HubWorld, Row
from graph.cypher import Query, load_query
from graph.db import Graph
from graph.dedup.summary_cache import new_version

DEFAULT_REPORTS = 1_000_000
DEFAULT_BATCH = 5_000
PROGRESS_EVERY = 100_000  # reports
MARKER_SCHEMA = 2  # 2: day counts by time basis, made after generation

#: Each part of a batch and the query that writes it, in two streams written side by side:
#: reports and what hangs off them (each batch after the previous one: judgements join earlier
#: reports), and the finished posts' clusters, cases and items (which touch no report node).
REPORT_PARTS: tuple[tuple[str, str], ...] = (
    ("accounts", "bench/intel_create_accounts"),
    ("contents", "bench/intel_create_contents"),
    ("reports", "bench/intel_create_reports"),
    ("judgements", "dedup/create_same_content_judgements"),
    ("person_links", "identity/create_named_same_person_judgements"),
)
CASE_PARTS: tuple[tuple[str, str], ...] = (
    ("clusters", "dedup/upsert_clusters"),
    ("opened", "cases/open_default_cases"),
    ("cases", "bench/intel_record_case_work"),
    ("items", "bench/intel_create_items"),
)
_PYTHON_ONLY = frozenset({"evidence", "received_at_dt", "year"})


@dataclass(frozen=True, slots=True)
class BuildResult:
    reports: int
    seconds: float
    written: int  # nodes and relationships created

    @property
    def reports_per_second(self) -> float:
        return self.reports / self.seconds

    @property
    def written_per_second(self) -> float:
        return self.written / self.seconds


def wire_report(row: Row) -> Row:
    """A generated report row as the bench query takes it (no Python-only values; the matching
    evidence's times are ISO text already, as intake sends them)."""
    return {k: v for k, v in row.items() if k not in _PYTHON_ONLY}


def _run(tx: ManagedTransaction, query: Query, **params: Any) -> int:
    """Run one write; the nodes and relationships it created."""
    counters = tx.run(query.text, query.bind(**params)).consume().counters
    return counters.nodes_created + counters.relationships_created


def _write_parts(graph: Graph, batch: Batch, parts: tuple[tuple[str, str], ...], chunk: int) -> int:
    """One transaction: the batch's ``parts`` in order; the nodes and relationships created."""

    def work(tx: ManagedTransaction) -> int:
        created = 0
        for part, name in parts:
            rows = getattr(batch, part)
            if part == "reports":
                rows = [wire_report(row) for row in rows]
            query = load_query(name)
            for start in range(0, len(rows), chunk):
                created += _run(tx, query, rows=rows[start : start + chunk], **_params(query))
        return created

    return graph.write_tx(work)


def _params(query: Query) -> dict[str, Any]:
    """What a part's query declares besides its rows: a summary version, for queries that
    stamp one as the linker's writes do (graph/dedup/summary_cache.py)."""
    return {"version": new_version()} if "version" in query.params else {}


def _write_rows(graph: Graph, name: str, rows: list[Row], chunk: int) -> int:
    """Write ``rows`` with one query, ``chunk`` rows a transaction."""
    query = load_query(name)

    def write(part: list[Row]) -> int:
        return graph.write_tx(lambda tx: _run(tx, query, rows=part))

    return sum(write(rows[start : start + chunk]) for start in range(0, len(rows), chunk))


def build_graph(
    graph: Graph,
    reports: int = DEFAULT_REPORTS,
    seed: int = 7,
    batch_size: int = DEFAULT_BATCH,
    out: Callable[[str], None] = print,
) -> BuildResult:
    """Generate and write the graph into an empty database (schema and reference data loaded),
    then leave the marker ``bench/intel.py --reuse`` looks for."""
    out(
        f"generating a hub graph of {reports:,} reports (seed {seed}) straight into Neo4j, "
        f"batches of {batch_size:,}: intake is bypassed (its throughput: bench/ingest.py)"
    )
    world = HubWorld(reports, seed)
    started = time.perf_counter()
    written = done = 0
    shown = PROGRESS_EVERY
    # Generate the next batch while two threads write this one's two streams.
    with ThreadPoolExecutor(1) as report_writer, ThreadPoolExecutor(1) as case_writer:
        pending: list[Future[int]] = []
        for batch in world.batches(batch_size):
            written += sum(f.result() for f in pending)
            pending = [
                report_writer.submit(_write_parts, graph, batch, REPORT_PARTS, batch_size),
                case_writer.submit(_write_parts, graph, batch, CASE_PARTS, batch_size),
            ]
            done += len(batch.reports)
            if done >= shown:
                seconds = time.perf_counter() - started
                out(
                    f"  {done:>10,} reports generated, {done / seconds:>7,.0f} reports/s, "
                    f"{written / seconds:>9,.0f} nodes+relationships written/s, {seconds:,.0f} s"
                )
                shown += PROGRESS_EVERY
        written += sum(f.result() for f in pending)
    accounts = world.persons()
    written += _write_rows(graph, "intake/merge_disclosures", accounts.disclosures, batch_size)
    written += _write_rows(
        graph, "identity/create_same_person_judgements", accounts.links, batch_size
    )
    written += _write_rows(graph, "identity/assign_persons", accounts.persons, batch_size)
    counters = world.reference_counters()
    graph.write(load_query("intake/lock_reference_counters"), years=sorted(counters))
    for year, last in sorted(counters.items()):
        graph.write(load_query("intake/advance_reference_counter"), year=year, last=last)
    # The reports a day by strand and platform and time basis that intake keeps: counted once
    # from the reports, as for a graph written before intake kept them (the marker the schema
    # left on the empty graph forgotten first, or the upgrade would find nothing to do).
    # Then the reports a day by force and every count a week, that intake and case work keep
    # (upgrades/005_report_weeks), the content counts (007) and the people counts (008): the
    # upgrade path at the bench's scale.
    upgrade_again(graph, COUNT_UPGRADES, out)
    seconds = time.perf_counter() - started
    summary = {"schema": MARKER_SCHEMA, **asdict(world.stats)}
    top = sorted(summary.pop("named_by_account").values(), reverse=True)[:5]
    summary["top_account_reports"] = top
    assert world.first_received is not None
    assert world.last_received is not None
    graph.write(
        load_query("bench/intel_mark_graph"),
        reports=reports,
        seed=seed,
        first_at=world.first_received.isoformat(),
        last_at=world.last_received.isoformat(),
        summary=json.dumps(summary, sort_keys=True),
    )
    result = BuildResult(reports, seconds, written)
    out(
        f"generated in {seconds:,.0f} s: {result.reports_per_second:,.0f} reports/s, "
        f"{written:,} nodes+relationships ({result.written_per_second:,.0f}/s)"
    )
    out("  " + describe(summary))
    return result


#: The data upgrades that count what intake and case work keep counted, in their order.
COUNT_UPGRADES = (
    "004_report_days_by_basis", "005_report_weeks", "007_content_counts", "008_person_counts",
)  # fmt: skip


def upgrade_again(graph: Graph, names: tuple[str, ...], out: Callable[[str], None] = print) -> None:
    """Forget each upgrade's marker and run it again, timed: the upgrade path at scale."""
    for name in names:
        graph.write(load_query("bench/forget_upgrade"), id=name)
        started = time.perf_counter()
        graph.run_schema(load_query(f"upgrades/{name}").text)
        out(f"  upgrade {name}: {time.perf_counter() - started:,.1f} s")


def describe(summary: dict[str, Any]) -> str:
    """One line on the skew of a built graph (from its marker's summary)."""
    reports = max(1, summary["reports"])
    return (
        f"{summary['posts']:,} posts (largest {summary['largest_post']:,} reports); "
        f"top accounts named in {', '.join(f'{n:,}' for n in summary['top_account_reports'])} "
        f"reports; repeat victims in {summary['reports_repeat_victim'] / reports:.0%} of reports; "
        f"reporter not the victim in {summary['reporter_not_victim'] / reports:.0%}; "
        f"{summary['cases_assigned']:,} cases assigned ({summary['cases_reassigned']:,} "
        f"reassigned); {summary['linked_accounts']:,} of {summary['accounts']:,} accounts in "
        f"multi-account persons; {summary['intel_items']:,} intelligence items "
        f"({summary['intel_items_c']:,} handling code C)"
    )


def read_marker(graph: Graph) -> dict[str, Any] | None:
    """The finished build's marker (reports, seed, first_at, last_at, summary), or None."""
    rows = graph.read(load_query("bench/intel_graph_marker"))
    if not rows:
        return None
    marker = dict(rows[0])
    marker["summary"] = json.loads(marker["summary"])
    return marker


def main() -> None:
    from bench.common import bench_graph

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH)
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens in a log
    with bench_graph() as graph:
        build_graph(graph, args.reports, args.seed, args.batch_size)


if __name__ == "__main__":
    main()
