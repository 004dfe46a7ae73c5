"""Taking a referral in: parse and clean it, give it its receipt, build its row. Pure.

The one step every way in shares, before anything is written: a referral from the public
reporting site, the report form or GraphQL (``ingest/service.py`` ``accept``), a line of a bulk
file, JSONL or CSV (``ingest/bulk.py`` ``prepare``), and a journalled referral replayed once
Neo4j answers again (``ingest/service.py`` ``replay_entries``). A referral that does not
validate raises :class:`~graph.errors.InvalidInput` naming every problem, and is given nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ingest.intake_row import IntakeRow
from ingest.normalise import validate_referral
from ingest.receipt import Receipt, payload_hash
from ingest.report_dates import DateBounds
from ingest.transform import report_row


@dataclass(frozen=True, slots=True)
class Journalled:
    """What a referral was given when the journal accepted it (Neo4j was unreachable): kept
    when it is replayed, so its reference and access code stay the ones it was told."""

    reference: str
    access_code_hash: str | None


@dataclass(frozen=True, slots=True)
class TakenIn:
    row: IntakeRow
    access_code: str | None  # the plain code, shown once and never stored; None if none issued


def take_in(
    payload: object,
    raw: str,
    received_at: datetime,
    *,
    issue_code: bool = True,
    journalled: Journalled | None = None,
    dates: DateBounds | None = None,
) -> TakenIn:
    """``payload`` (decoded from ``raw``, its verbatim text) received at ``received_at``, taken
    in: with a new access code when ``issue_code``, or with what it was given in the journal.
    With ``dates`` (a bulk file), a report or incident date out of them is corrected, not
    refused (``ingest/report_dates.py``)."""
    clean = validate_referral(payload, dates_bounded=dates is not None)
    if journalled is None:
        receipt, code = Receipt.issue(payload, raw, received_at, with_access_code=issue_code)
    else:
        receipt = Receipt(
            received_at=received_at,
            raw_payload=raw,
            payload_hash=payload_hash(payload),
            access_code_hash=journalled.access_code_hash,
            reference=journalled.reference,
        )
        code = None
    return TakenIn(report_row(clean, receipt, dates), code)
