"""Casework on a case: the queue awaiting a recording decision, the analyst's facts (a typed
input), decisions and (re)assignments, and a force's outcome (``services/cases.py``)."""

from __future__ import annotations

import enum
import re
from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

import strawberry

from api.graphql.context import Context
from api.graphql.types.case import Assessment, Assignment
from api.graphql.types.common import (
    ConflictError,
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.connection import Connection
from api.graphql.types.enums import Strand
from api.graphql.types.mirror import mirror, mirrors
from api.graphql.types.outcome import list_failure, outcome
from graph.assessment.models import Media, PerceivedBy, Recommendation, ThreatKind
from graph.assignment.models import SuspectWhere
from graph.cases.models import CaseToAssess as CaseToAssessValue
from graph.cases.models import OutcomeType
from graph.cases.outcome_rules import MAX_NOTE, RecordedOutcome
from graph.errors import InvalidInput, OhchError, Problem
from services import cases
from services.paging import DEFAULT_PAGE, PageRequest

Info = strawberry.Info[Context, None]
T = TypeVar("T")
V = TypeVar("V")

strawberry.enum(OutcomeType, name="OutcomeType", description="A Home Office outcome type.")
strawberry.enum(ThreatKind, name="ThreatKind", description="What a threat threatens.")
strawberry.enum(Media, name="Media", description="What form the material takes.")
strawberry.enum(PerceivedBy, name="PerceivedBy", description="Who perceived the hostility.")
strawberry.enum(SuspectWhere, name="SuspectWhere", description="Where a suspect is known to be.")


@strawberry.type(description="A case waiting for its recording decision.")
@mirrors(CaseToAssessValue)
class CaseToAssess:
    @classmethod
    def of(cls, c: CaseToAssessValue) -> CaseToAssess:
        return mirror(cls, c)


CasesToAssessResult = Annotated[
    Connection[CaseToAssess] | InvalidInputError | ForbiddenError,
    strawberry.union("CasesToAssessResult"),
]


@strawberry.type
class CaseworkQueries:
    @strawberry.field(
        description="Cases awaiting a recording decision, oldest first, with the 24-hour "
        "deadline's status."
    )
    async def cases_to_assess(
        self, info: Info, first: int = DEFAULT_PAGE, after: str | None = None
    ) -> CasesToAssessResult:
        return await outcome(
            lambda: info.context.run(cases.cases_to_assess, PageRequest(first, after)),
            lambda page: Connection.of(page, CaseToAssess.of),
            list_failure,
        )


@strawberry.input(description="Where a suspect is (for force assignment, rules a-f).")
class SuspectLocationInput:
    identified: bool = strawberry.field(description="A real-name identity, not just an account.")
    where: SuspectWhere = SuspectWhere.UNKNOWN
    postcode: str | None = strawberry.field(default=None, description="Needed for UK_POSTCODE.")
    label: str | None = strawberry.field(default=None, description="E.g. the person's id.")


@strawberry.input(
    description="Where a victim is, learnt after intake (for force assignment): a postcode, or "
    "the force when only that is known. Added to the victims the reports name."
)
class VictimLocationInput:
    postcode: str | None = strawberry.field(default=None, description="A UK postcode.")
    force_code: str | None = strawberry.field(
        default=None, description="A force code (`forces`), when the postcode is not known."
    )
    label: str | None = strawberry.field(default=None, description="E.g. the victim's name.")


U = strawberry.UNSET


@strawberry.input(
    description="Facts an analyst established (docs/CASE-FACTS.md says what each means and "
    "does). Only the facts given are recorded; the others keep their earlier or graph values. "
    "intentToStirUpHatred and likelyToStirUpHatred: null is not assessed, false is absent."
)
class CaseFactsInput:
    occurred_on: date | None = U
    received_at: datetime | None = U
    strands: list[Strand] | None = U
    online: bool | None = U
    # the message
    threat_of_death_or_serious_harm: bool | None = U
    threat_kind: ThreatKind | None = U
    grossly_offensive: bool | None = U
    indecent: bool | None = U
    menacing: bool | None = U
    threatening: bool | None = U
    abusive_or_insulting: bool | None = U
    false_information: bool | None = U
    intent_to_stir_up_hatred: bool | None = U
    likely_to_stir_up_hatred: bool | None = U
    published_to_public: bool | None = U
    sent_to_victim_directly: bool | None = U
    media: Media | None = U
    # the victim and the conduct towards them
    occasions_targeting_victim: int | None = U
    last_incident_on: date | None = U
    victim_feared_violence: bool | None = U
    serious_alarm_or_distress: bool | None = U
    stalking_behaviour: bool | None = U
    victim_is_public_figure_or_group: bool | None = U
    victim_under_18: bool | None = U
    victim_contactable: bool | None = U
    # perception, hostility and the NCHI Code
    perceived_by: list[PerceivedBy] | None = U
    hostility_demonstrated: list[Strand] | None = U
    hostility_motivated: list[Strand] | None = U
    basis_for_intentional_hostility: bool | None = U
    trivial_irrational_or_malicious: bool | None = U
    real_risk_of_significant_harm: bool | None = U
    real_risk_of_future_offence: bool | None = U
    school_aged_parties: bool | None = U
    # the suspect and the clocks
    suspect_identified: bool | None = U
    suspect_age: int | None = strawberry.field(
        default=U,
        description="The youngest identified suspect's age on the day of the act (0-120): "
        "below the jurisdiction's age of criminal responsibility no prosecution is possible; "
        "under 18, youth justice applies.",
    )
    sufficient_evidence_on: date | None = U
    crime_recording_decided_at: datetime | None = U
    suspects: list[SuspectLocationInput] | None = U
    victims: list[VictimLocationInput] | None = strawberry.field(
        default=U,
        description="Victims' locations learnt after intake; assignment uses them with the "
        "victims the reports name.",
    )

    def to_facts(self) -> dict[str, Any]:
        """The facts given, by their names in the domain's model and as the stored facts hold
        them (JSON values); a fact left out is not there, a null one is."""
        given = ((f.name, getattr(self, f.name)) for f in fields(self))
        return {name: _plain(value) for name, value in given if value is not strawberry.UNSET}


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, SuspectLocationInput | VictimLocationInput):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _facts_failure(error: OhchError) -> Failures:
    """A failure, its problems with the facts named as the client sent them
    (``facts.victimUnder18``, not the model's ``facts.victim_under_18``)."""
    if isinstance(error, InvalidInput):
        error = InvalidInput([Problem(_camel(p.field), p.message) for p in error.problems])
    return failure(error)


def _camel(path: str) -> str:
    if not path.startswith("facts."):
        return path
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), path)


@strawberry.type(
    description="An outcome a force reported (Home Office outcome type), the date it was "
    "reached and the officer's note."
)
class OutcomeRecorded:
    code: OutcomeType
    name: str
    outcome_on: date = strawberry.field(description="The UK date the outcome was reached.")
    note: str | None

    @classmethod
    def of(cls, recorded: RecordedOutcome) -> OutcomeRecorded:
        outcome = recorded.outcome
        return cls(
            code=OutcomeType(outcome.code), name=outcome.name, outcome_on=recorded.outcome_on,
            note=recorded.note,
        )  # fmt: skip


Failures = InvalidInputError | NotFoundError | ConflictError | ForbiddenError
RecordCaseFactsResult = Annotated[Assessment | Failures, strawberry.union("RecordCaseFactsResult")]
DecideAssessmentResult = Annotated[
    Assessment | Failures, strawberry.union("DecideAssessmentResult")
]
AssignCaseResult = Annotated[Assignment | Failures, strawberry.union("AssignCaseResult")]
ReassignCaseResult = Annotated[Assignment | Failures, strawberry.union("ReassignCaseResult")]
ReportOutcomeResult = Annotated[OutcomeRecorded | Failures, strawberry.union("ReportOutcomeResult")]


@strawberry.type
class CaseworkMutations:
    @strawberry.mutation(description="Record facts an analyst established; returns the assessment.")
    async def record_case_facts(
        self, info: Info, case_id: str, facts: CaseFactsInput
    ) -> RecordCaseFactsResult:
        return await outcome(
            lambda: info.context.run(cases.record_case_facts, case_id, facts.to_facts()),
            Assessment.of,
            _facts_failure,
        )

    @strawberry.mutation(description="Accept the recommendation, or override it, with a reason.")
    async def decide_assessment(
        self,
        info: Info,
        case_id: str,
        accept: bool,
        reason: str,
        recommendation: Recommendation | None = None,
    ) -> DecideAssessmentResult:
        return await outcome(
            lambda: info.context.run(
                cases.decide_assessment, case_id, accept, reason, recommendation
            ),
            Assessment.of,
            failure,
        )

    @strawberry.mutation(description="Assign the case as the rules say (recorded with reasons).")
    async def assign_case(self, info: Info, case_id: str) -> AssignCaseResult:
        return await outcome(
            lambda: info.context.run(cases.assign_case, case_id), Assignment.of, failure
        )

    @strawberry.mutation(description="Reassign the case to another force, with a reason.")
    async def reassign_case(
        self, info: Info, case_id: str, to_force: str, reason: str
    ) -> ReassignCaseResult:
        return await outcome(
            lambda: info.context.run(cases.reassign_case, case_id, to_force, reason),
            Assignment.of,
            failure,
        )

    @strawberry.mutation(
        description="The force the case is assigned to reports its outcome (hub staff may too)."
    )
    async def report_outcome(
        self,
        info: Info,
        case_id: str,
        code: OutcomeType,
        named_suspect: bool,
        supervisor_justification: str | None = None,
        outcome_on: Annotated[
            date | None,
            strawberry.argument(
                description="The UK date the outcome was reached: not in the future, not "
                "before the case was opened (today when absent)"
            ),
        ] = None,
        note: Annotated[
            str | None,
            strawberry.argument(description=f"The officer's note, at most {MAX_NOTE} characters"),
        ] = None,
    ) -> ReportOutcomeResult:
        return await outcome(
            lambda: info.context.run(
                cases.report_outcome,
                case_id,
                code,
                named_suspect,
                supervisor_justification,
                outcome_on,
                note,
            ),
            OutcomeRecorded.of,
            failure,
        )
