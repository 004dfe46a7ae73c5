"""The case's own vocabularies and the values its reads return (pure: no I/O).

The stores turn rows into these (``store.py``, ``force_view_store.py``) so no column name
leaves ``graph/cases``; the service layer (``services/cases.py``) hands them to the interfaces.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from graph.assessment.models import Assessment, DeadlineStatus
from graph.assignment.models import ForceAssignment


class CaseStatus(enum.StrEnum):
    """Where a case stands (``Case.status`` in the graph)."""

    OPEN = "open"
    MERGED = "merged"  # merged into another case (``merged_into``); concerns no content
    SUPERSEDED = "superseded"  # its only content was replaced when duplicates were re-clustered


class DeadlineName(enum.StrEnum):
    """The clocks an assessment starts (``graph/assessment/deadlines.py``)."""

    CRIME_RECORDING_DECISION = "crime_recording_decision"
    PROSECUTION_TIME_LIMIT = "prosecution_time_limit"
    VICTIM_INFORMED_OF_DECISION = "victim_informed_of_decision"


class OutcomeType(enum.StrEnum):
    """The Home Office crime outcome types a force may report (``graph/law/data/
    outcome_codes.toml`` says which apply on a day and what each needs; a unit test keeps this
    list and the table's codes the same)."""

    OUTCOME_1 = "1"
    OUTCOME_1A = "1A"
    OUTCOME_2 = "2"
    OUTCOME_3 = "3"
    OUTCOME_4 = "4"
    OUTCOME_5 = "5"
    OUTCOME_6 = "6"
    OUTCOME_7 = "7"
    OUTCOME_8 = "8"
    OUTCOME_9 = "9"
    OUTCOME_10 = "10"
    OUTCOME_11 = "11"
    OUTCOME_12 = "12"
    OUTCOME_13 = "13"
    OUTCOME_14 = "14"
    OUTCOME_15 = "15"
    OUTCOME_16 = "16"
    OUTCOME_17 = "17"
    OUTCOME_18 = "18"
    OUTCOME_19 = "19"
    OUTCOME_20 = "20"
    OUTCOME_21 = "21"
    OUTCOME_22 = "22"


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A case and the content items it concerns now."""

    id: str
    status: CaseStatus
    content_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseToAssess:
    """A case waiting for its recording decision, with the 24-hour deadline's state."""

    case_id: str
    first_received_at: datetime | None
    recording_decision_due_at: datetime | None
    recording_decision_status: DeadlineStatus


@dataclass(frozen=True, slots=True)
class AssessedCase:
    """What the rules make of a case now: its assessment and its assignment, with reasons."""

    assessment: Assessment
    assignment: ForceAssignment
    joins: tuple[JoinSuggestion, ...] = ()  # what case.suggestedJoins gives, read with them


class ChangeKind(enum.StrEnum):
    MERGE = "merge"
    SPLIT = "split"


@dataclass(frozen=True, slots=True)
class CaseChange:
    """One merge or split (``grouping.py``), ready to write and to show as history."""

    id: str
    kind: ChangeKind
    case_id: str  # the case merged into, or the case split
    moves: tuple[tuple[str, str], ...]  # (content id, case it now belongs to)
    closed: tuple[str, ...]  # cases marked merged (into case_id)
    reopened: tuple[str, ...]  # dormant cases brought back by a split
    created: str | None  # a new case made by a split
    actor: str
    at: datetime
    reason: str

    @property
    def cases(self) -> tuple[str, ...]:
        """Every case the change touches (for the history edges)."""
        involved = {self.case_id, *self.closed, *self.reopened}
        if self.created:
            involved.add(self.created)
        return tuple(sorted(involved))


@dataclass(frozen=True, slots=True)
class JoinSuggestion:
    """Other open cases that may be one course of conduct with this one."""

    id: str
    case_ids: tuple[str, ...]
    content_ids: tuple[str, ...]
    platform: str
    account: str
    occasions: int
    reason: str
