"""Write report rows to the graph exactly once, allocating human references as it goes.

One transaction per batch: take the lock on each year's reference counter (so concurrent intake
from the API and a bulk file serialises here), look up which intake keys already exist, create
only the new reports, and link them to content clusters (``graph/dedup/store.py``): a committed
report is always linked, exactly once. The candidate lookup comes first; then the reports are
sent, and Neo4j creates them while Python matches (:class:`graph.dedup.store.Linking`).

A key seen before with the same payload is "already received"; with a different payload it is a
conflict, and nothing is overwritten.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run, send
from graph.dedup.store import Linking
from ingest.transform import Row

REFERENCE_PREFIX = "OHCH"


class Status(enum.StrEnum):
    CREATED = "created"
    ALREADY_RECEIVED = "already_received"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    intake_key: str
    report_id: str
    reference: str


def format_reference(year: int, number: int) -> str:
    return f"{REFERENCE_PREFIX}-{year}-{number:06d}"


def _write(tx: ManagedTransaction, rows: list[Row]) -> list[Outcome]:
    years = sorted({row["year"] for row in rows if row["reference"] is None})
    counters = {
        r["year"]: r["last"]
        for r in run(tx, load_query("intake/lock_reference_counters"), years=years)
    }
    first = dict(counters)
    keys = [row["intake_key"] for row in rows]
    known: dict[str, dict[str, Any]] = {
        r["key"]: r for r in run(tx, load_query("intake/find_reports_by_key"), keys=keys)
    }
    outcomes = []
    new_rows = []
    for row in rows:
        key = row["intake_key"]
        prior = known.get(key)
        if prior is not None:
            same = prior["payload_hash"] == row["payload_hash"]
            status = Status.ALREADY_RECEIVED if same else Status.CONFLICT
            outcomes.append(Outcome(status, key, prior["id"], prior["reference"]))
            continue
        reference = row["reference"]
        if reference is None:
            counters[row["year"]] += 1
            reference = format_reference(row["year"], counters[row["year"]])
            row = {**row, "reference": reference}
        known[key] = {"id": row["id"], "reference": reference, "payload_hash": row["payload_hash"]}
        new_rows.append(row)
        outcomes.append(Outcome(Status.CREATED, key, row["id"], reference))
    if new_rows:
        linking = Linking(
            [(r["evidence"], r["received_at_dt"]) for r in new_rows],
            keys_of={r["id"]: r["block_keys"] for r in new_rows},
        )
        linking.start(tx)
        # Neo4j creates the reports while Python matches them; links are written after.
        created = send(
            tx, load_query("intake/create_reports"), rows=[_graph_row(r) for r in new_rows]
        )
        linking.finish(tx)
        created.consume()
    for year, last in counters.items():
        if last != first[year]:
            run(tx, load_query("intake/advance_reference_counter"), year=year, last=last)
    return outcomes


def _graph_row(row: Row) -> Row:
    """The row without the Python-only values (evidence for matching)."""
    return {k: v for k, v in row.items() if k not in _PYTHON_ONLY}


_PYTHON_ONLY = frozenset({"evidence", "received_at_dt", "block_keys"})


def write_reports(graph: Graph, rows: list[Row]) -> list[Outcome]:
    """Write a batch in one transaction; outcomes in the order of ``rows``."""
    if not rows:
        return []
    return graph.write_tx(lambda tx: _write(tx, rows))
