"""A complainant's own report's progress, for its reference and access code: the status page,
``POST /api/v1/status`` and GraphQL ``reportStatus`` all ask :func:`check_report`.

The code is checked against the salted hash stored on the report (``ingest/access_codes.py``)
in constant time, and an unknown reference costs the same hash as a known one, so the answer
never says which references exist: a wrong code and an unknown reference both give ``None``.
Guessing is stopped per reference typed and per client, in counters every API worker shares
(``services/attempts.py``), and every check, answered or not, is written to the audit trail.
What comes back is the report's own progress only, in plain words: when it was received, when
its case was assessed, the force it has been passed to, since when, and, once recorded, that no
enforcement action is possible and why (in the reason's reviewed words); never anyone else's
details or police-only material.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.access import Capability
from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.cypher import load_query
from graph.db import Record
from graph.updates.templates import Language, phrase
from ingest.access_codes import hash_code, verify_code
from services.attempts import guessed_right, take_guess
from services.use_case import Caller, use_case

# Anyone may ask (the public, a complainant): the access code, not a role, proves it is theirs.
RULES: Mapping[str, Capability] = {
    "report_progress": Capability.CHECK_OWN_REPORT,
    "check_report": Capability.CHECK_OWN_REPORT,
}

_STAND_IN_HASH = hash_code("0000-0000-0000")  # checked when the reference is unknown


class Step(enum.StrEnum):
    RECEIVED = "received"
    ASSESSED = "assessed"
    PASSED_TO_FORCE = "passed_to_force"
    NO_ENFORCEMENT = "no_enforcement"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    step: Step
    at: datetime | None  # None: not yet
    text: str
    # Which of the step's wordings ``text`` is, so a page can show it in another language
    # (pages/status.py) without the stored data changing.
    key: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    received: datetime
    assessed: datetime | None
    force_name: str | None
    assigned: datetime | None
    no_enforcement_reason: str | None = None  # a code of the reviewed library
    no_enforcement_at: datetime | None = None
    outcome_name: str | None = None  # the outcome the force recorded last (Home Office's name)
    outcome_at: datetime | None = None  # the start of the UK day it was reached

    def timeline(self) -> list[TimelineEntry]:
        """The progress in plain words, one entry a step, in order."""
        force = (
            f"We passed your report to {self.force_name}. They will deal with it from now on."
            if self.force_name
            else "We have not passed your report to a local police force yet."
        )
        return [
            TimelineEntry(Step.RECEIVED, self.received, "We received your report.", "received"),
            TimelineEntry(
                Step.ASSESSED,
                self.assessed,
                "Hub officers assessed your report."
                if self.assessed
                else "Hub officers have not finished assessing your report yet.",
                "assessed" if self.assessed else "assessment_pending",
            ),
            TimelineEntry(
                Step.PASSED_TO_FORCE,
                self.assigned if self.force_name else None,
                force,
                "passed_to_force" if self.force_name else "force_pending",
            ),
            *self._no_enforcement(),
            *self._closed(),
        ]

    def _no_enforcement(self) -> list[TimelineEntry]:
        if self.no_enforcement_reason is None:
            return []
        why = phrase(Language.ENGLISH, "reason", self.no_enforcement_reason)
        text = f"The police cannot take any enforcement action on your report. {why}"
        return [TimelineEntry(Step.NO_ENFORCEMENT, self.no_enforcement_at, text, "no_enforcement")]

    def _closed(self) -> list[TimelineEntry]:
        if self.outcome_name is None:
            return []
        text = (
            "The police closed the case about your report. "
            f"The outcome they recorded is: {self.outcome_name}."
        )
        return [TimelineEntry(Step.CLOSED, self.outcome_at, text, "closed")]


class Refusal(enum.StrEnum):
    NOT_MATCHED = "not_matched"  # a wrong code, or a reference that does not exist
    TOO_MANY = "too_many"  # too many wrong codes for this reference, or from this client


def _moment(millis: int | None) -> datetime | None:
    return None if millis is None else datetime.fromtimestamp(millis / 1000, UTC)


def _progress(row: Record) -> Progress:
    received = _moment(row["received_ms"])
    assert received is not None  # every report has its time of receipt
    return Progress(
        received=received,
        assessed=_moment(row["assessed_ms"]),
        force_name=row["force_name"],
        assigned=_moment(row["assigned_ms"]),
        no_enforcement_reason=row["no_enforcement_reason"],
        no_enforcement_at=_moment(row["no_enforcement_ms"]),
        outcome_name=row["outcome_name"],
        outcome_at=_moment(row["outcome_ms"]),
    )


@use_case
def report_progress(caller: Caller, reference: str, code: str) -> Progress | None:
    """The progress of the report ``reference`` if ``code`` is its access code, else ``None``
    (the same work either way)."""
    rows = caller.graph.read(load_query("status/report_status"), reference=reference)
    row = rows[0] if rows else None
    stored = row["access_code_hash"] if row else None
    matched = verify_code(code, stored or _STAND_IN_HASH)
    if row is None or stored is None or not matched:
        return None
    return _progress(row)


@use_case
def check_report(
    caller: Caller, reference: str, code: str, client: str, audit_log: AuditLog, endpoint: str
) -> Progress | Refusal:
    """The report's progress, or why not; counted against guessing and written to the audit
    trail whatever the answer (who asked: the client's address, never a person)."""
    slot = take_guess(caller.graph, reference, client)
    answer: Progress | Refusal = Refusal.TOO_MANY
    if slot is not None:
        found = report_progress(caller, reference, code)
        if found is None:
            answer = Refusal.NOT_MATCHED
        else:
            guessed_right(caller.graph, slot)
            answer = found
    audit_log.append(
        AuditEvent(
            operation=Operation.CONSULTATION, actor=f"complainant@{client}",
            role=caller.viewer.role.value, endpoint=endpoint,
            accessed=(Accessed(kind="ReportStatus", ids=(reference,)),),
            details={"answered": not isinstance(answer, Refusal)}
            | ({"refused": answer.value} if isinstance(answer, Refusal) else {}),
        )
    )  # fmt: skip
    return answer
