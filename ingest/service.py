"""Accepting one referral: validate, clean, write; or journal it when Neo4j is down.

This is the path behind ``POST /api/v1/referrals`` and the ``submitReferral`` mutation.
"""

from __future__ import annotations

import enum
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

import orjson

from graph.db import Graph
from graph.errors import Conflict, GraphUnavailable, InvalidInput, Problem
from graph.values.unverified import Unverified
from ingest.access_codes import ALPHABET
from ingest.conflicts import record_conflicts
from ingest.group_commit import GroupCommit
from ingest.intake_row import IntakeRow
from ingest.journal import Entry, Journal, Rejected
from ingest.limits import MAX_BODY_BYTES
from ingest.load import REFERENCE_PREFIX, Status, write_reports
from ingest.receipt import payload_hash
from ingest.report_dates import DateBounds
from ingest.take_in import Journalled, take_in

log = logging.getLogger("ohch.intake")


class Acceptance(enum.StrEnum):
    CREATED = "created"  # committed to the graph (HTTP 201)
    ALREADY_RECEIVED = "already_received"  # the same referral was received before (HTTP 200)
    JOURNALLED = "journalled"  # Neo4j unreachable: durably journalled, written later (HTTP 202)


@dataclass(frozen=True, slots=True)
class Accepted:
    acceptance: Acceptance
    reference: str
    access_code: str | None  # shown once: only on first acceptance
    warnings: tuple[Unverified, ...] = ()  # details kept as typed, unverified

    def warning_rows(self) -> list[dict[str, str]]:
        """The warnings as a response lists them: field and message."""
        return [{"field": w.field, "message": w.message} for w in self.warnings]


def decode_body(body: bytes) -> object:
    if len(body) > MAX_BODY_BYTES:
        raise InvalidInput([Problem("body", f"is larger than {MAX_BODY_BYTES} bytes")])
    try:
        return orjson.loads(body)
    except orjson.JSONDecodeError as error:
        raise InvalidInput([Problem("body", f"is not valid JSON: {error}")]) from None


def journal_reference(year: int) -> str:
    """A reference issued without the graph: random, so no counter is needed (``J`` marks it)."""
    tail = "".join(secrets.choice(ALPHABET) for _ in range(7))
    return f"{REFERENCE_PREFIX}-{year}-J{tail}"


def accept(
    payload: object,
    raw: str,
    graph: Graph,
    journal: Journal,
    dates: DateBounds | None = None,
    gathering: GroupCommit | None = None,
) -> Accepted:
    """Accept one decoded referral; raises InvalidInput (naming every problem, shape and
    value together) or Conflict, never half-writes. Details that do not validate are kept
    unverified and returned as ``warnings``; with ``dates`` (a partner's feed, as for a bulk
    file), a report or incident date out of them is corrected and warned, not refused.
    With ``gathering`` (the API's), it is written with the referrals that arrive with it, in
    one transaction (``ingest/group_commit.py``); it is answered once that has committed."""
    taken = take_in(payload, raw, datetime.now(UTC), dates=dates)
    row, code = taken.row, taken.access_code
    warnings = row.unverified
    try:
        _write_journalled_first(graph, journal, row.intake_key)
        if gathering is None:
            (outcome,) = write_reports(graph, [row])
        else:
            outcome = gathering.write(row)
    except GraphUnavailable:
        if (earlier := _journalled_already(journal, row)) is not None:
            return Accepted(Acceptance.ALREADY_RECEIVED, earlier, None, warnings)
        reference = journal_reference(row.year)
        journal.append(
            {
                "payload": payload,
                "raw": raw,
                "received_at": row.received_at.isoformat(),
                "reference": reference,
                "access_code_hash": row.receipt.access_code_hash,
                "intake_key": row.intake_key,
                "payload_hash": row.receipt.payload_hash,
                # replayed within the same bounds, so it is taken in as it was accepted
                "earliest": None if dates is None else dates.earliest.isoformat(),
            }
        )
        return Accepted(Acceptance.JOURNALLED, reference, code, warnings)
    if outcome.status is Status.CONFLICT:
        # Never the stored report's reference: the caller may not be the one who sent it.
        raise Conflict(
            f"a different referral was already received as {row.source} {row.source_ref}; "
            "nothing was changed (send a new source_ref for a new report)"
        )
    if outcome.status is Status.ALREADY_RECEIVED:
        return Accepted(Acceptance.ALREADY_RECEIVED, outcome.reference, None, warnings)
    return Accepted(Acceptance.CREATED, outcome.reference, code, warnings)


def _entry_key(entry: Entry) -> str | None:
    """The intake key of a journalled referral (read from entries of older versions too)."""
    key = entry.get("intake_key")
    if isinstance(key, str):
        return key
    try:
        return _journalled_row(entry).intake_key
    except (InvalidInput, KeyError, TypeError, ValueError):
        return None  # the drain quarantines it


def _write_journalled_first(graph: Graph, journal: Journal, key: str) -> None:
    """A referral sent again after an outage, while its journalled first sending waits: write
    the journalled one first, with the reference and access code it was given, so the one sent
    again is "already received" as that reference (never a second report, never a new
    reference). No drain runs meanwhile, so neither writes it twice."""
    if not journal.waiting():
        return
    earlier = journal.find(lambda entry: _entry_key(entry) == key)
    if earlier:
        with journal.holding_drain():
            replay_entries(graph, earlier)


def _journalled_already(journal: Journal, row: IntakeRow) -> str | None:
    """The journal reference of the same referral (key and payload) sent earlier in this
    outage, if the journal still holds it: sent twice, it is one report under one reference.
    (With another payload it is journalled too, and becomes an intake conflict on replay.)"""
    if not journal.waiting():
        return None
    for entry in journal.find(lambda e: _entry_key(e) == row.intake_key):
        if entry.get("payload_hash", payload_hash(entry.get("payload"))) == (
            row.receipt.payload_hash
        ):
            return str(entry["reference"])
    return None


def _journalled_row(entry: Entry) -> IntakeRow:
    earliest = entry.get("earliest")
    return take_in(
        entry["payload"],
        entry["raw"],
        datetime.fromisoformat(entry["received_at"]),
        journalled=Journalled(entry["reference"], entry["access_code_hash"]),
        dates=DateBounds(date.fromisoformat(earliest)) if earliest else None,
    ).row


def replay_entries(graph: Graph, entries: list[Entry]) -> list[Rejected]:
    """Write journalled referrals (idempotent: replaying twice writes once). One whose key was
    written meanwhile with another payload is kept as an intake conflict for an analyst, not
    as a report; returns the entries that cannot be taken in at all, and why (the journal
    quarantines them)."""
    rows: list[IntakeRow] = []
    rejected: list[Rejected] = []
    for entry in entries:
        try:
            rows.append(_journalled_row(entry))
        except InvalidInput as error:
            rejected.append((entry, f"not a valid referral: {error}"))
        except (KeyError, TypeError, ValueError) as error:
            rejected.append((entry, f"not a journal entry: {type(error).__name__} {error}"))
    written = list(zip(rows, write_reports(graph, rows), strict=True))
    record_conflicts(graph, [row for row, o in written if o.status is Status.CONFLICT])
    for row, o in written:
        if o.status is Status.CONFLICT:
            log.warning(
                "journalled referral %s conflicts with %s under %s %s: kept for an analyst",
                row.receipt.reference, o.reference, row.source, row.source_ref,
            )  # fmt: skip
        elif o.status is Status.ALREADY_RECEIVED and o.reference != row.receipt.reference:
            log.warning(
                "journalled referral %s was received meanwhile as %s (same payload)",
                row.receipt.reference, o.reference,
            )  # fmt: skip
    return rejected
