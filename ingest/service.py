"""Accepting one referral: validate, clean, write; or journal it when Neo4j is down.

This is the path behind ``POST /api/v1/referrals`` and the ``submitReferral`` mutation.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson

from graph.db import Graph
from graph.errors import Conflict, GraphUnavailable, InvalidInput, Problem
from graph.values.unverified import Unverified
from ingest.access_codes import ALPHABET
from ingest.journal import Entry, Journal
from ingest.limits import MAX_BODY_BYTES
from ingest.load import REFERENCE_PREFIX, Status, write_reports
from ingest.take_in import Journalled, take_in


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


def accept(payload: object, raw: str, graph: Graph, journal: Journal) -> Accepted:
    """Accept one decoded referral; raises InvalidInput (naming every problem, shape and
    value together) or Conflict, never half-writes. Details that do not validate are kept
    unverified and returned as ``warnings``."""
    taken = take_in(payload, raw, datetime.now(UTC))
    row, code = taken.row, taken.access_code
    warnings = row.unverified
    try:
        (outcome,) = write_reports(graph, [row])
    except GraphUnavailable:
        reference = journal_reference(row.year)
        journal.append(
            {
                "payload": payload,
                "raw": raw,
                "received_at": row.received_at.isoformat(),
                "reference": reference,
                "access_code_hash": row.receipt.access_code_hash,
            }
        )
        return Accepted(Acceptance.JOURNALLED, reference, code, warnings)
    if outcome.status is Status.CONFLICT:
        raise Conflict(
            f"a different referral was already received as {row.source} "
            f"{row.source_ref} (reference {outcome.reference}); nothing was changed"
        )
    if outcome.status is Status.ALREADY_RECEIVED:
        return Accepted(Acceptance.ALREADY_RECEIVED, outcome.reference, None, warnings)
    return Accepted(Acceptance.CREATED, outcome.reference, code, warnings)


def replay_entries(graph: Graph, entries: list[Entry]) -> None:
    """Write journalled referrals (idempotent: replaying twice writes once)."""
    rows = [
        take_in(
            entry["payload"],
            entry["raw"],
            datetime.fromisoformat(entry["received_at"]),
            journalled=Journalled(entry["reference"], entry["access_code_hash"]),
        ).row
        for entry in entries
    ]
    write_reports(graph, rows)
