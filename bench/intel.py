"""Intelligence on a large hub graph: latency of every network query and of case detail through
the real GraphQL schema, and the time and peak memory of a full NIM export.

The graph (default 1,000,000 reports) is generated straight into the bench Neo4j by
``bench/intel_graph.py`` (intake bypassed: its throughput is ``bench/ingest.py``'s measure), or
reused with ``--reuse`` when the database's marker says it holds a graph of that size and seed.
Each query in ``MEASURED`` runs in-process through ``api.graphql.schema.build_schema`` with a
real ``Context`` (an intelligence analyst, or an officer of the case's force for force views),
with variables drawn at random (seeded) from the graph through random reports, so busy content
and prolific accounts come up as often as analysts meet them. Each root field returns a result
union: the documents ask for ``__typename`` and read the success member through ``... on X``.
Warm-up runs first; a result with errors, a null, or any other member (``ForbiddenError``,
``NotFoundError``, ``InvalidInputError``) stops the bench: it is a failure, never a sample.
Printed: p50, p95 and max in ms, the aim (met / NOT met on p95), and p50 as a multiple of the
baseline, a trivial indexed lookup (``MATCH (r:Report {id: $id}) RETURN r.id``) measured
in the same run.

The NIM export runs as ``ohch export nim`` does (items read page by page, sanitised, written for
the ``pnd`` destination, cleared for handling code C) into a temporary folder: all items, and
the newest tenth, each with its time and the growth of this process's peak resident memory.
Constant memory means the full export's peak barely exceeds the tenth's.

Aims (issue #7): network queries p95 < 200 ms, case detail p95 < 50 ms on 1M reports; the
export in constant memory. Figures on a shared 2-core machine are contended.

How cost grows (issue #28): ``--save FILE`` keeps a run's figures; a run at another size with
``--against FILE`` prints each query's p95 at both sizes and their ratio: an indexed lookup stays
near 1x, a window query grows with the window's reports (or buckets), not with the graph.

Run: ``OHCH_BENCH_NEO4J_PORT=7714 .venv/bin/python bench/intel.py [--reports 1000000]
[--reuse] [--runs 200] [--budget 120] [--save FILE] [--against FILE]``, e.g. ``--reports
100000 --save /tmp/intel-100k.json``, then ``--reports 1000000 --against /tmp/intel-100k.json``;
``--only WORDS`` (repeatable) measures only the queries whose name contains WORDS, e.g. ``--only
"case(id)" --only mostReported``, and leaves out the NIM export.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import io
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import strawberry
from graphql import FieldNode, InlineFragmentNode, OperationDefinitionNode, parse, validate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.graphql.context import Context
from api.graphql.schema import build_schema
from bench.common import BENCH_PASSWORD, REPO, PeakMemory
from bench.intel_graph import (
    COUNT_UPGRADES,
    DEFAULT_REPORTS,
    build_graph,
    describe,
    read_marker,
    upgrade_again,
)
from graph import schema as graph_schema
from graph.audit.log import AuditLog
from graph.cypher import load_query
from graph.db import Graph, Record, native
from graph.intel.destinations import destination
from graph.intel.from_case import items_in_period
from graph.intel.nim_export import ExportPeriod, ExportResult, export_nim, verify_export
from graph.intel.sanitise import sanitise_all
from graph.local_server import LocalServer
from graph.reference.loader import load_reference
from graph.settings import Environment, Settings
from graph.viewer import Role, Viewer
from ingest.journal import Journal

NETWORK_AIM_MS = 200.0
DETAIL_AIM_MS = 50.0
SAMPLED_REPORTS = 2_000
ANALYST = Viewer(role=Role.INTELLIGENCE_ANALYST, user_id="bench-analyst")

Call = tuple[dict[str, Any], Viewer]


class BenchFailure(Exception):
    """A measured query failed: the bench stops rather than count it."""


class Samples:
    """Seeded draws from the graph: rows of ``queries/bench/intel_sample_reports.cypher``."""

    def __init__(self, rng: random.Random, rows: list[Record], first: datetime, last: datetime):
        self.rng = rng
        self.rows = rows
        self.with_account = [r for r in rows if r["account"] is not None]
        self.with_victim = [r for r in rows if r["victim"] is not None]
        self.with_force = [r for r in rows if r["force_code"] is not None]
        self.linked = [r for r in self.with_account if r["victim"] is not None]
        self.first, self.last = first, last
        if not (self.with_account and self.with_victim and self.with_force and self.linked):
            raise BenchFailure("the sampled reports name no account, victim or assigned case")

    def report(self) -> Record:
        return self.rng.choice(self.rows)

    def account(self) -> dict[str, Any]:
        account: dict[str, Any] = self.rng.choice(self.with_account)["account"]
        return account

    def victim(self) -> dict[str, Any]:
        victim: dict[str, Any] = self.rng.choice(self.with_victim)["victim"]
        return victim

    def named_and_victim(self) -> Record:
        """A report naming an account and a victim: the two are linked (a path exists)."""
        return self.rng.choice(self.linked)

    def assigned(self) -> Record:
        return self.rng.choice(self.with_force)

    def window(self, days: int) -> dict[str, str]:
        """A random window of ``days`` within the reports' span."""
        span = (self.last - self.first - timedelta(days=days)).total_seconds()
        since = self.first + timedelta(seconds=self.rng.uniform(0, max(0.0, span)))
        return {"since": since.isoformat(), "until": (since + timedelta(days=days)).isoformat()}


def analyst(**variables: Any) -> Call:
    return variables, ANALYST


def officer(force_code: str, **variables: Any) -> Call:
    return variables, Viewer(
        role=Role.FORCE_OFFICER, user_id="bench-officer", force_code=force_code
    )


@dataclass(frozen=True, slots=True)
class Measured:
    name: str
    document: str
    sample: Callable[[Samples], Call]
    aim_ms: float


REPORT = """query($ref: String!) { report(sourceRef: $ref) { __typename ... on Report {
  id reference receivedAt strands content { id reportCount } } } }"""
CONTENT = """query($id: ID!) { content(id: $id) { __typename ... on Content {
  id platform postKey reportCount reportersCount firstSeenAt lastSeenAt
  reports(first: 500) { nodes { id reference receivedAt } } accounts { key platform handle }
  case { id status } } } }"""
CASE = """query($id: ID!) { case(id: $id) { __typename ... on Case {
  id status
  contents { id platform reportCount reportersCount firstSeenAt lastSeenAt
    reports(first: 500) { nodes { id reference receivedAt strands } }
    accounts { key platform handle } }
  assessment { recommendation hateFlag strands reasons deadlines { name dueAt status } }
  assignment { rule disposition confidence reasons leadForce { code name }
    notified { role reason force { code } } }
  history { id kind at } suggestedJoins { id caseIds occasions } } } }"""
FORCE_CASE = """query($id: String!) { forceCase(id: $id) { __typename ... on ForceCaseDetail {
  id status how assignedForce { code name } reports { id reference receivedAt strands }
  reportsCapped contents { id platform url } suspectAccounts { key platform handle personId }
  victims { id forceCode masked name email phone postcode }
  linkedCases { cases { caseId status how force { code } reasons } limit capped } } } }"""
FORCE_CASES = """query { forceCases(first: 100) { __typename ... on ForceCaseConnection {
  nodes { caseId status how forceCode linkedTo reasons } } } }"""
ACCOUNT = """query($platform: String!, $handle: String!) { account(platform: $platform,
  handle: $handle) { __typename ... on AccountIdentity {
    key personId linkedAccounts links { otherAccount verdict score } } } }"""
PERSON = """query($id: String!) { person(id: $id) { __typename ... on PersonProfile {
  id kind reportCount accounts { key } reports(first: 100) { nodes { id caseId forceCode } }
  victimCount victims(first: 100) { nodes { identity reports masked } }
  forces { code cases victims } } } }"""
NEIGHBOURHOOD = """query($id: String!, $kind: EntityKind, $depth: Int!) {
  neighbourhood(id: $id, kind: $kind, depth: $depth, first: 200) { __typename
    ... on Neighbourhood { nodes { nodes { id label distance } } } } }"""
PATHS = """query($source: String!, $target: String!, $sourceKind: EntityKind,
  $targetKind: EntityKind) { shortestPaths(source: $source, target: $target,
  sourceKind: $sourceKind, targetKind: $targetKind) { __typename
    ... on NetworkPaths { paths { length nodes { id label } relationships } } } }"""
CAMPAIGNS = """query($since: DateTime!, $until: DateTime!, $method: CampaignMethod!) {
  campaigns(since: $since, until: $until, method: $method, first: 500) { __typename
    ... on CampaignConnection { nodes { accounts victimCount reports } } } }"""
PROLIFIC_ACCOUNTS = """query($since: DateTime!, $until: DateTime!) {
  prolificAccounts(since: $since, until: $until, orderBy: REPORTS) { __typename
    ... on ProlificAccountConnection {
      nodes { key platform handle personId reports contents } } } }"""
PROLIFIC_PERSONS = """query($since: DateTime!, $until: DateTime!) {
  prolificPersons(since: $since, until: $until, orderBy: CONTENT) { __typename
    ... on ProlificPersonConnection {
      nodes { personId reports contents accountCount accounts platforms } } } }"""
REPEAT_VICTIMS = """query($since: DateTime!, $until: DateTime!) {
  repeatVictims(since: $since, until: $until) { __typename
    ... on RepeatVictimConnection {
      nodes { victim reports cases firstReportedAt lastReportedAt } } } }"""
MOST_REPORTED = """query($since: DateTime!, $until: DateTime!) {
  mostReportedContent(since: $since, until: $until) { __typename
    ... on ReportedContentConnection {
      nodes { contentId reports reporters content { platform postKey reportCount } } } } }"""
TRENDS = """query($dimension: TrendDimension!, $since: DateTime!, $until: DateTime!) {
  trends(dimension: $dimension, since: $since, until: $until, first: 500) { __typename
    ... on TrendRowConnection { nodes { weekStart key reports } } } }"""


def _force_case(s: Samples) -> Call:
    row = s.assigned()
    return officer(row["force_code"], id=row["case_id"])


#: What is measured: (name, GraphQL document, variables drawn from the graph, aim for p95).
MEASURED: tuple[Measured, ...] = (
    Measured("report(sourceRef)", REPORT, lambda s: analyst(ref=s.report()["source_ref"]),
             DETAIL_AIM_MS),
    Measured("content(id)", CONTENT, lambda s: analyst(id=s.report()["content_id"]),
             DETAIL_AIM_MS),
    Measured("case(id) detail", CASE, lambda s: analyst(id=s.report()["case_id"]), DETAIL_AIM_MS),
    Measured("forceCase(id), force officer", FORCE_CASE, _force_case, DETAIL_AIM_MS),
    Measured("account(platform, handle)", ACCOUNT,
             lambda s: analyst(platform=(a := s.account())["platform"], handle=a["handle"]),
             DETAIL_AIM_MS),
    Measured("person(id), offender", PERSON,
             lambda s: analyst(id=s.account()["person_id"]), NETWORK_AIM_MS),
    Measured("person(id), victim", PERSON,
             lambda s: analyst(id=s.victim()["person_id"]), NETWORK_AIM_MS),
    Measured("neighbourhood account depth 2", NEIGHBOURHOOD,
             lambda s: analyst(id=s.account()["key"], kind="ACCOUNT", depth=2), NETWORK_AIM_MS),
    Measured("neighbourhood account depth 3", NEIGHBOURHOOD,
             lambda s: analyst(id=s.account()["key"], kind="ACCOUNT", depth=3), NETWORK_AIM_MS),
    Measured("neighbourhood report depth 2", NEIGHBOURHOOD,
             lambda s: analyst(id=s.report()["report_id"], kind="REPORT", depth=2),
             NETWORK_AIM_MS),
    Measured("neighbourhood content depth 2", NEIGHBOURHOOD,
             lambda s: analyst(id=s.report()["content_id"], kind="CONTENT", depth=2),
             NETWORK_AIM_MS),
    Measured("neighbourhood victim depth 2", NEIGHBOURHOOD,
             lambda s: analyst(id=s.victim()["person_id"], kind="VICTIM", depth=2),
             NETWORK_AIM_MS),
    Measured("shortestPaths account-victim (linked)", PATHS,
             lambda s: analyst(source=(r := s.named_and_victim())["account"]["key"],
                               sourceKind="ACCOUNT", target=r["victim"]["person_id"],
                               targetKind="VICTIM"),
             NETWORK_AIM_MS),
    Measured("shortestPaths account-account", PATHS,
             lambda s: analyst(source=s.account()["key"], sourceKind="ACCOUNT",
                               target=s.account()["key"], targetKind="ACCOUNT"),
             NETWORK_AIM_MS),
    Measured("campaigns 7 days", CAMPAIGNS,
             lambda s: analyst(**s.window(7), method="COMPONENTS"), NETWORK_AIM_MS),
    Measured("campaigns 30 days", CAMPAIGNS,
             lambda s: analyst(**s.window(30), method="COMPONENTS"), NETWORK_AIM_MS),
    Measured("campaigns 30 days, modularity", CAMPAIGNS,
             lambda s: analyst(**s.window(30), method="MODULARITY"), NETWORK_AIM_MS),
    Measured("campaigns 365 days", CAMPAIGNS,
             lambda s: analyst(**s.window(365), method="COMPONENTS"), NETWORK_AIM_MS),
    Measured("forceCases, force officer", FORCE_CASES,
             lambda s: officer(s.assigned()["force_code"]), NETWORK_AIM_MS),
    Measured("forceCases, hub (all forces)", FORCE_CASES, lambda s: analyst(), NETWORK_AIM_MS),
    Measured("prolificAccounts 30 days", PROLIFIC_ACCOUNTS, lambda s: analyst(**s.window(30)),
             NETWORK_AIM_MS),
    Measured("prolificAccounts 365 days", PROLIFIC_ACCOUNTS, lambda s: analyst(**s.window(365)),
             NETWORK_AIM_MS),
    Measured("prolificPersons 30 days", PROLIFIC_PERSONS, lambda s: analyst(**s.window(30)),
             NETWORK_AIM_MS),
    Measured("prolificPersons 365 days", PROLIFIC_PERSONS, lambda s: analyst(**s.window(365)),
             NETWORK_AIM_MS),
    Measured("repeatVictims 30 days", REPEAT_VICTIMS, lambda s: analyst(**s.window(30)),
             NETWORK_AIM_MS),
    Measured("repeatVictims 365 days", REPEAT_VICTIMS, lambda s: analyst(**s.window(365)),
             NETWORK_AIM_MS),
    Measured("mostReportedContent 30 days", MOST_REPORTED, lambda s: analyst(**s.window(30)),
             NETWORK_AIM_MS),
    Measured("mostReportedContent 365 days", MOST_REPORTED, lambda s: analyst(**s.window(365)),
             NETWORK_AIM_MS),
    Measured("mostReportedContent 730 days", MOST_REPORTED, lambda s: analyst(**s.window(730)),
             NETWORK_AIM_MS),
    Measured("trends strand 365 days", TRENDS,
             lambda s: analyst(dimension="STRAND", **s.window(365)), NETWORK_AIM_MS),
    Measured("trends force 90 days", TRENDS,
             lambda s: analyst(dimension="FORCE", **s.window(90)), NETWORK_AIM_MS),
)  # fmt: skip


def answers(document: str) -> dict[str, frozenset[str]]:
    """Each root field of ``document`` and the union members it reads (its ``... on X``
    fragments): any other member (``ForbiddenError``, ``NotFoundError``, ...) is a failure.
    Empty for a root field that does not ask for ``__typename``: its member could not be told."""
    (operation,) = (
        d for d in parse(document).definitions if isinstance(d, OperationDefinitionNode)
    )
    found = {}
    for field in operation.selection_set.selections:
        assert isinstance(field, FieldNode)
        inner = field.selection_set.selections if field.selection_set else ()
        named = any(isinstance(s, FieldNode) and s.name.value == "__typename" for s in inner)
        found[(field.alias or field.name).value] = frozenset(
            s.type_condition.name.value
            for s in inner
            if named and isinstance(s, InlineFragmentNode) and s.type_condition is not None
        )
    return found


def check_documents(schema: strawberry.Schema) -> None:
    """Every measured document is valid against the schema (a missing field is an error), and
    each root field asks for ``__typename`` and reads its result through a fragment, so a
    failure member is seen and stops the bench rather than being timed."""
    problems = []
    for entry in MEASURED:
        for error in validate(schema._schema, parse(entry.document)):
            problems.append(f"{entry.name}: {error.message}")
        for field, members in answers(entry.document).items():
            if not members:
                problems.append(f"{entry.name}: {field} needs __typename and ... on its result")
    if problems:
        raise BenchFailure("measured queries do not fit the schema:\n  " + "\n  ".join(problems))


# -- the database ------------------------------------------------------------------------


class BenchDatabase:
    """The bench Neo4j as ``bench.common.bench_graph`` runs it (``NEO4J_BENCH_URI``, else its
    own local server on ``OHCH_BENCH_NEO4J_PORT`` with the same memory), but kept between runs
    so ``--reuse`` can find its graph; emptied only to build. A local server is emptied by
    deleting its store, which takes seconds where deleting a million reports' nodes through
    Cypher takes many minutes."""

    def __init__(self, scratch: Path) -> None:
        self.server: LocalServer | None = None
        if uri := os.environ.get("NEO4J_BENCH_URI"):
            password = os.environ.get("NEO4J_BENCH_PASSWORD", BENCH_PASSWORD)
        else:
            port = int(os.environ.get("OHCH_BENCH_NEO4J_PORT", "7699"))
            self.server = LocalServer(
                home=REPO / ".ohch" / f"neo4j-bench-{port}", port=port, password=BENCH_PASSWORD,
                heap_mb=4096, pagecache_mb=4096, launcher_dir=REPO / "neo4j-launcher",
            )  # fmt: skip
            self.server.start(timeout=180)
            uri, password = self.server.uri, BENCH_PASSWORD
        self.settings = Settings(
            env=Environment.TEST, NEO4J_URI=uri, NEO4J_PASSWORD=password,
            journal_dir=scratch / "journal", audit_log=scratch / "audit.jsonl",
        )  # fmt: skip
        self.graph = self._connect()

    def _connect(self) -> Graph:
        graph = Graph.connect(self.settings)
        graph.verify()
        started = time.perf_counter()
        graph_schema.apply(graph)  # and the data upgrades a reused older graph still needs
        print(f"schema and data upgrades applied in {time.perf_counter() - started:,.1f} s")
        return graph

    def empty(self) -> None:
        """An empty database with the schema and reference data."""
        if self.server is None:
            self.graph.run_schema(load_query("admin/delete_all").text)
        else:
            self.graph.close()
            self.server.stop()
            shutil.rmtree(self.server.home)
            self.server.start(timeout=180)
            self.graph = self._connect()
        graph_schema.apply(self.graph)
        load_reference(self.graph)

    def close(self) -> None:
        self.graph.close()
        if self.server is not None:
            self.server.stop()


@contextmanager
def bench_database() -> Iterator[BenchDatabase]:
    with tempfile.TemporaryDirectory() as scratch:
        database = BenchDatabase(Path(scratch))
        try:
            yield database
        finally:
            database.close()


def ensure_graph(database: BenchDatabase, reports: int, seed: int, reuse: bool) -> dict[str, Any]:
    """The marker of a graph of ``reports`` and ``seed``: found (``reuse``), or built."""
    marker = read_marker(database.graph) if reuse else None
    if marker is not None and (marker["reports"], marker["seed"]) == (reports, seed):
        print(f"reusing the bench database's graph of {reports:,} reports (seed {seed}), "
              f"built by bench/intel_graph.py (intake bypassed)")  # fmt: skip
        print("  " + describe(marker["summary"]))
        return marker
    if reuse:
        found = (
            "no marker"
            if marker is None
            else f"{marker['reports']:,} reports, seed {marker['seed']}"
        )
        print(f"--reuse: the bench database holds {found}; building afresh")
    started = time.perf_counter()
    database.empty()
    print(f"emptied the bench database in {time.perf_counter() - started:,.0f} s")
    build_graph(database.graph, reports, seed)
    marker = read_marker(database.graph)
    assert marker is not None
    return marker


def draw_samples(graph: Graph, marker: dict[str, Any], rng: random.Random) -> Samples:
    refs = [f"TV-{rng.randrange(1, marker['reports'] + 1):08d}" for _ in range(SAMPLED_REPORTS)]
    query = load_query("bench/intel_sample_reports")
    rows = [r for s in range(0, len(refs), 500)
            for r in graph.read(query, source_refs=refs[s : s + 500])]  # fmt: skip
    if len(rows) != len(refs):
        raise BenchFailure(f"{len(refs) - len(rows)} sampled reports have no case: not the graph")
    first = datetime.fromisoformat(marker["first_at"])
    last = datetime.fromisoformat(marker["last_at"])
    return Samples(rng, rows, first, last)


# -- latency -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Timing:
    runs: int
    p50: float
    p95: float
    max: float


def timing(seconds: list[float]) -> Timing:
    ms = sorted(s * 1000 for s in seconds)
    p95 = statistics.quantiles(ms, n=20, method="inclusive")[18] if len(ms) > 1 else ms[0]
    return Timing(len(ms), statistics.median(ms), p95, ms[-1])


def _failed(data: dict[str, Any] | None, expected: dict[str, frozenset[str]]) -> str | None:
    """Why a result without errors is still a failure: a null at the root, or a union member
    other than the ones the document reads (an error member, or one it has no fragment for)."""
    if not data:
        return "no data"
    for field, members in expected.items():
        value = data.get(field)
        if value is None:
            return f"{field} returned null"
        typename = value.get("__typename") if isinstance(value, dict) else None
        if typename not in members:
            return f"{field} returned {typename or 'no __typename'}, not {' or '.join(members)}"
    return None


async def measure(
    schema: strawberry.Schema, graph: Graph, settings: Settings, entry: Measured,
    samples: Samples, runs: int, warmup: int, budget: float,
) -> Timing:  # fmt: skip
    """``warmup`` unmeasured runs, then ``runs`` measured ones or as many as fit ``budget``
    seconds (at least 20; the count is printed)."""
    journal = Journal(settings.journal_dir)
    audit_log = AuditLog(settings.audit_log)  # every query is logged, as the API does
    expected = answers(entry.document)
    seconds: list[float] = []
    started = time.perf_counter()
    for n in range(warmup + runs):
        variables, viewer = entry.sample(samples)
        context = Context(settings, graph, journal, viewer, audit_log)
        begin = time.perf_counter()
        result = await schema.execute(
            entry.document, variable_values=variables, context_value=context
        )
        elapsed = time.perf_counter() - begin
        if result.errors:
            raise BenchFailure(f"{entry.name} with {variables}: {result.errors[0].message}")
        if why := _failed(result.data, expected):
            raise BenchFailure(f"{entry.name} with {variables}: {why}")
        if n >= warmup:
            seconds.append(elapsed)
            if len(seconds) >= 20 and time.perf_counter() - started > budget:
                break
    return timing(seconds)


def measure_baseline(graph: Graph, samples: Samples, runs: int) -> Timing:
    query = load_query("bench/intel_report_by_id")
    seconds = []
    for n in range(runs + 20):
        report_id = samples.report()["report_id"]
        begin = time.perf_counter()
        graph.read(query, id=report_id)
        if n >= 20:
            seconds.append(time.perf_counter() - begin)
    return timing(seconds)


async def measure_all(
    graph: Graph, settings: Settings, samples: Samples, runs: int, warmup: int, budget: float,
    chosen: tuple[Measured, ...] = MEASURED,
) -> dict[str, Timing]:  # fmt: skip
    """Every query's timing by name (the baseline under ``BASELINE``), printed as measured."""
    schema = build_schema(settings)
    base = measure_baseline(graph, samples, runs)
    print(f"\nbaseline: MATCH (r:Report {{id: $id}}) RETURN r.id through the driver: "
          f"p50 {base.p50:.2f} ms, p95 {base.p95:.2f} ms ({base.runs} runs)")  # fmt: skip
    print(f"{'query (GraphQL, in-process)':<38} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'max ms':>8} {'aim':>5}  {'p95 vs aim':<10} {'p50/baseline':>12}")  # fmt: skip
    missed = 0
    measured = {BASELINE: base}
    for entry in chosen:
        t = measured[entry.name] = await measure(
            schema, graph, settings, entry, samples, runs, warmup, budget
        )
        met = t.p95 <= entry.aim_ms
        missed += not met
        print(f"{entry.name:<38} {t.runs:>5} {t.p50:>8.1f} {t.p95:>8.1f} {t.max:>8.1f} "
              f"{entry.aim_ms:>5.0f}  {'met' if met else 'NOT met':<10} "
              f"{t.p50 / base.p50:>11.0f}x", flush=True)  # fmt: skip
    print(f"{len(chosen) - missed} of {len(chosen)} queries met their aim")
    return measured


# -- how cost grows ----------------------------------------------------------------------

BASELINE = "baseline (indexed lookup)"


def save_figures(path: Path, reports: int, measured: dict[str, Timing]) -> None:
    """This run's figures, for a later run at another size to set beside its own."""
    figures = {name: {"p50": t.p50, "p95": t.p95, "runs": t.runs} for name, t in measured.items()}
    path.write_text(json.dumps({"reports": reports, "figures": figures}, indent=1) + "\n")
    print(f"figures saved to {path} (compare a run at another size with --against {path})")


def growth(
    saved: dict[str, Any], reports: int, measured: dict[str, Timing]
) -> list[tuple[str, float, float, float]]:
    """(name, p95 of the smaller graph, p95 of the larger, larger / smaller) for each query
    measured in both runs, in this run's order. Pure."""
    rows = []
    small_first = saved["reports"] <= reports
    for name, t in measured.items():
        before = saved["figures"].get(name)
        if before is None:
            continue
        small, large = (before["p95"], t.p95) if small_first else (t.p95, before["p95"])
        rows.append((name, small, large, large / small if small else float("inf")))
    return rows


def print_growth(saved: dict[str, Any], reports: int, measured: dict[str, Timing]) -> None:
    """p95 at both sizes and their ratio: an indexed lookup should stay near 1x however large
    the graph; a window query should grow with the window's reports, a bucketed one with the
    window's buckets, and neither with the whole graph (the size ratio)."""
    sizes = sorted((saved["reports"], reports))
    print(f"\nhow cost grows: p95 at {sizes[0]:,} and at {sizes[1]:,} reports "
          f"(the graph grew {sizes[1] / sizes[0]:,.1f}x)")  # fmt: skip
    print(f"{'query':<38} {'p95 small':>10} {'p95 large':>10} {'ratio':>7}")
    for name, small, large, ratio in growth(saved, reports, measured):
        print(f"{name:<38} {small:>10.1f} {large:>10.1f} {ratio:>6.1f}x")


# -- the NIM export ----------------------------------------------------------------------


def _export(
    graph: Graph, out: Path, period: ExportPeriod
) -> tuple[ExportResult, float, PeakMemory]:
    """One export as ``ohch export nim`` runs it: (result, seconds, its memory)."""
    gc.collect()
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = export_nim(
            sanitise_all(items_in_period(graph, period.since, period.until)),
            period=period, destination=destination("pnd"), out_dir=out, actor="bench",
            audit_log=AuditLog(out / "audit.jsonl"),
        )  # fmt: skip
        seconds = time.perf_counter() - started
    if bad := verify_export(result.export_dir):
        raise BenchFailure(f"the export does not verify: {bad}")
    return result, seconds, memory


def measure_export(graph: Graph) -> None:
    """The newest tenth of the items, then all of them; time and peak memory of each."""
    (totals,) = graph.read(load_query("bench/intel_count_items"))
    items = totals["items"]
    if items < 10:
        raise BenchFailure(f"only {items} intelligence items: nothing to measure")
    until = native(totals["last"]) + timedelta(seconds=1)
    (cut,) = graph.read(load_query("bench/intel_item_at"), position=items - items // 10 - 1)
    periods = {"newest tenth": ExportPeriod(native(cut["at"]), until),
               "all items": ExportPeriod(None, until)}  # fmt: skip
    print(f"\nNIM export (as `ohch export nim`, destination pnd, cleared for C) of {items:,} items")
    growth = {}
    missing = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, period in periods.items():
            out = Path(scratch) / label.replace(" ", "-")
            result, seconds, memory = _export(graph, out, period)
            counts = result.counts
            (due,) = graph.read(
                load_query("bench/intel_count_items_in_period"),
                since=period.since, until=period.until,
            )  # fmt: skip
            accounted = counts.items_exported + counts.items_withheld_handling_c
            if accounted != due["items"]:
                missing.append(f"{label}: {accounted:,} of the period's {due['items']:,} items")
            written = sum(p.stat().st_size for p in result.export_dir.iterdir()) / 2**20
            growth[label] = memory.growth_mb
            print(f"  {label:<13} {counts.items_exported:>8,} items "
                  f"({counts.items_withheld_handling_c} withheld) in {seconds:7.1f} s, "
                  f"{counts.items_exported / seconds:>7,.0f} items/s, {written:7.1f} MB written, "
                  f"peak memory +{memory.growth_mb:.1f} MB "
                  f"(RSS {memory.peak_mb:,.0f} MB)")  # fmt: skip
    tenth, full = growth["newest tenth"], growth["all items"]
    print(f"  about 10x the items: peak memory growth {full:.1f} MB vs {tenth:.1f} MB, ratio "
          f"{max(full, 1.0) / max(tenth, 1.0):.2f} (growth under 1 MB counted as 1 MB: "
          f"sampling noise; constant memory: close to 1)")  # fmt: skip
    if missing:
        raise BenchFailure("the export left items out: " + "; ".join(missing))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="keep a graph of this size and seed")
    parser.add_argument("--runs", type=int, default=200, help="measured runs per query")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured runs per query first")
    parser.add_argument("--budget", type=float, default=120.0,
                        help="seconds per query after which it stops (at >= 20 runs)")  # fmt: skip
    parser.add_argument("--recount", action="store_true",
                        help="run the count upgrades again on a reused graph")  # fmt: skip
    parser.add_argument("--save", type=Path, help="write this run's p50/p95 figures (JSON)")
    parser.add_argument("--against", type=Path,
                        help="a --save of a run at another size: print p95 at both and the "
                             "ratio")  # fmt: skip
    parser.add_argument("--only", action="append", metavar="WORDS",
                        help="measure only the queries whose name contains WORDS (repeatable); "
                             "the NIM export is then left out")  # fmt: skip
    args = parser.parse_args()
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens in a log
    check_documents(build_schema(Settings(env=Environment.TEST)))
    with bench_database() as database:
        marker = ensure_graph(database, args.reports, args.seed, args.reuse)
        graph, settings = database.graph, database.settings  # reconnected if emptied
        if args.recount:
            print("counting again what intake and case work keep counted:")
            upgrade_again(graph, COUNT_UPGRADES)
        samples = draw_samples(graph, marker, random.Random(args.seed))
        print(f"\nmeasuring on {marker['reports']:,} reports (shared 2-core machine: contended)")
        chosen = tuple(m for m in MEASURED if not args.only or any(w in m.name for w in args.only))
        measured = asyncio.run(
            measure_all(graph, settings, samples, args.runs, args.warmup, args.budget, chosen)
        )
        if args.against is not None:
            print_growth(json.loads(args.against.read_text()), marker["reports"], measured)
        if args.save is not None:
            save_figures(args.save, marker["reports"], measured)
        if not args.only:
            measure_export(graph)


if __name__ == "__main__":
    main()
