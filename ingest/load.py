"""Write report rows to the graph exactly once, allocating human references as it goes.

One transaction per batch: take the lock on each year's reference counter (so concurrent intake
from the API and a bulk file serialises here), look up which intake keys already exist, create
only the new reports, link them to content clusters (``graph/dedup/store.py``): a committed
report is always linked, exactly once; and add them to the counts a day that trends add up
(``ingest/report_days.py``). The candidate lookup comes first; then the reports are
sent, and Neo4j creates them while Python matches (:class:`graph.dedup.store.Linking`).

Bulk intake (:func:`write_batch`) also prepares the next batch's linking at the end of each
transaction and matches it while the transaction commits (:class:`Ahead`); the next
transaction checks that nothing has linked since and otherwise links afresh.

A key seen before with the same payload is "already received"; with a different payload it is a
conflict, and nothing is overwritten.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any

from neo4j import ManagedTransaction

from graph.cypher import load_query
from graph.db import Graph, run, send
from graph.dedup.store import Linking, LinkResult, lock_linker
from graph.intel.kept_people import count_new_reports
from ingest.intake_row import IntakeRow
from ingest.report_days import report_days

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


@dataclass(frozen=True, slots=True)
class Ahead:
    """The next batch's linking, prepared at the end of this batch's transaction (its lookups
    see this batch's writes, under the same linker lock) and matched in ``matched`` while this
    batch commits. The next transaction uses it only if it is still exact: the same new
    reports, and the linker's next hold is its own (no other linking in between)."""

    report_ids: tuple[str, ...]
    seq: int
    linking: Linking
    matched: Future[LinkResult | None]


@dataclass(frozen=True, slots=True)
class BatchResult:
    outcomes: list[Outcome]
    ahead: Ahead | None = None  # the next batch's linking, if it was given
    used_ahead: bool = False  # this batch's linking was the one prepared ahead


def _linking(rows: list[IntakeRow]) -> Linking:
    return Linking(
        [(r.evidence, r.received_at) for r in rows], keys_of={r.id: r.block_keys for r in rows}
    )


@dataclass(frozen=True, slots=True)
class _New:
    """A row to create, with the reference it is given."""

    row: IntakeRow
    reference: str | None  # None only where no counters were given (``_prepare_ahead``)


def _sort_out(
    rows: list[IntakeRow], known: dict[str, dict[str, Any]], counters: dict[int, int] | None
) -> tuple[list[Outcome], list[_New]]:
    """Each row's outcome, and the rows to create (a key seen before, in the graph or earlier
    in ``rows``, is not created again). ``counters``: the references' counters, advanced as
    references are given; None when only the rows to create are wanted."""
    known = dict(known)
    outcomes = []
    new_rows = []
    for row in rows:
        key = row.intake_key
        prior = known.get(key)
        if prior is not None:
            same = prior["payload_hash"] == row.receipt.payload_hash
            status = Status.ALREADY_RECEIVED if same else Status.CONFLICT
            outcomes.append(Outcome(status, key, prior["id"], prior["reference"]))
            continue
        reference = row.receipt.reference
        if reference is None and counters is not None:
            counters[row.year] += 1
            reference = format_reference(row.year, counters[row.year])
        known[key] = {
            "id": row.id,
            "reference": reference,
            "payload_hash": row.receipt.payload_hash,
        }
        new_rows.append(_New(row, reference))
        if reference is not None:  # None only without counters: no outcomes are wanted then
            outcomes.append(Outcome(Status.CREATED, key, row.id, reference))
    return outcomes, new_rows


def _known(tx: ManagedTransaction, rows: list[IntakeRow]) -> dict[str, dict[str, Any]]:
    keys = [row.intake_key for row in rows]
    return {r["key"]: r for r in run(tx, load_query("intake/find_reports_by_key"), keys=keys)}


NextRows = Callable[[], list[IntakeRow] | None]
"""The batch after this one, asked for at the end of this batch's transaction (None: none)."""


def _write(
    tx: ManagedTransaction,
    rows: list[IntakeRow],
    ahead: Ahead | None = None,
    next_rows: NextRows | None = None,
    matcher: Executor | None = None,
) -> BatchResult:
    years = sorted({row.year for row in rows if row.receipt.reference is None})
    counters = {
        r["year"]: r["last"]
        for r in run(tx, load_query("intake/lock_reference_counters"), years=years)
    }
    first = dict(counters)
    outcomes, new = _sort_out(rows, _known(tx, rows), counters)
    # Writes whose answers nothing reads are sent, not waited for: Neo4j runs them in the
    # order sent while Python goes on; each is consumed before the transaction body ends.
    sent = [
        send(tx, load_query("intake/advance_reference_counter"), year=year, last=last)
        for year, last in counters.items()
        if last != first[year]
    ]
    used_ahead = False
    if new:
        new_rows = [n.row for n in new]
        linking, matched = _linking_for(tx, new_rows, ahead)
        # Neo4j creates the reports while Python matches them; links are written after.
        created = [n.row.params(n.reference) for n in new]
        sent.append(send(tx, load_query("intake/create_reports"), rows=created))
        sent.append(send(tx, load_query("intake/count_report_days"), days=report_days(new_rows)))
        result = matched.result() if matched is not None else None
        used_ahead = result is not None
        if result is None:  # not prepared, or a summary was not kept: load through tx
            linking.load(tx)
            result = linking.match()
        linking.write(tx, result)
        count_new_reports(tx, [row.id for row in new_rows])  # counts kept for people
    next_ahead = None
    following = next_rows() if next_rows is not None else None
    if following and matcher is not None:
        next_ahead = _prepare_ahead(tx, following, matcher)
    for pending in sent:
        pending.consume()
    return BatchResult(outcomes, next_ahead, used_ahead)


def _linking_for(
    tx: ManagedTransaction, new_rows: list[IntakeRow], ahead: Ahead | None
) -> tuple[Linking, Future[LinkResult | None] | None]:
    """The linking prepared ahead, with its match, if it is still exact; else one looked up
    now, not yet loaded or matched."""
    if (
        ahead is not None
        and ahead.report_ids == tuple(r.id for r in new_rows)
        and lock_linker(tx) == ahead.seq + 1  # no other linking since its lookups
    ):
        return ahead.linking, ahead.matched
    linking = _linking(new_rows)
    linking.look_up(tx)
    return linking, None


def _prepare_ahead(
    tx: ManagedTransaction, rows: list[IntakeRow], matcher: Executor
) -> Ahead | None:
    """Look up the next batch's candidates in this transaction, after its writes, and start
    loading and matching them in ``matcher``: that runs while this transaction commits."""
    _, new = _sort_out(rows, _known(tx, rows), None)
    if not new:
        return None
    linking = _linking([n.row for n in new])
    linking.look_up(tx)
    return Ahead(
        tuple(n.row.id for n in new), linking.seq, linking, matcher.submit(_match, linking)
    )


def _match(linking: Linking) -> LinkResult | None:
    """The match, if every candidate's summary is kept at the graph's version (else None:
    the next transaction loads the rest from the graph and matches then)."""
    return linking.match() if linking.load(None) else None


def write_reports(graph: Graph, rows: list[IntakeRow]) -> list[Outcome]:
    """Write a batch in one transaction; outcomes in the order of ``rows``."""
    if not rows:
        return []
    return graph.write_tx(lambda tx: _write(tx, rows)).outcomes


def write_batch(
    graph: Graph,
    rows: list[IntakeRow],
    ahead: Ahead | None,
    next_rows: NextRows | None,
    matcher: Executor,
) -> BatchResult:
    """Write a batch as :func:`write_reports` does, using ``ahead`` (prepared by the batch
    before) if it is still exact, and prepare the linking of the rows ``next_rows`` gives at
    the end of the transaction, if any (bulk intake)."""
    return graph.write_tx(lambda tx: _write(tx, rows, ahead, next_rows, matcher))
