"""Advice to forces: guidance notes, the hate crime lead directory and the outcome report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import (
    ForbiddenError,
    InvalidInputError,
    NotFoundError,
    failure,
)
from api.graphql.types.connection import Connection
from api.graphql.types.enums import Strand
from graph.advice.leads import RecordedLead
from graph.advice.matching import NoteMatch
from graph.advice.notes import GuidanceNote as Note
from graph.advice.outcomes import Dimension, OutcomeRow, outcome_groups
from graph.errors import InvalidInput, NotFound
from graph.intel.bounds import Window
from services import advice
from services.paging import PageRequest

Info = strawberry.Info[Context, None]

strawberry.enum(Dimension, name="OutcomeDimension", description="What outcomes are counted by.")


@strawberry.type(description="A guidance note for forces (Markdown), with what it is about.")
class GuidanceNote:
    id: str
    title: str
    summary: str
    offences: list[str] = strawberry.field(description="Offence ids from the offence table.")
    strands: list[Strand]
    platforms: list[str]
    owner: str
    review_by: date
    review_overdue: bool
    sources: list[str]
    body: str = strawberry.field(description="The guidance, in Markdown.")
    version: str = strawberry.field(description="The first 12 hex digits of its SHA-256.")

    @classmethod
    def of(cls, note: Note) -> GuidanceNote:
        return cls(
            id=note.id, title=note.title, summary=note.summary,
            offences=sorted(note.offences), strands=sorted(note.strands),
            platforms=sorted(note.platforms), owner=note.owner, review_by=note.review_by,
            review_overdue=note.review_by < datetime.now(UTC).date(),
            sources=list(note.sources), body=note.body, version=note.version,
        )  # fmt: skip


@strawberry.type(description="A note that matches a case, and why.")
class GuidanceMatch:
    note: GuidanceNote
    reasons: list[str]

    @classmethod
    def of(cls, match: NoteMatch) -> GuidanceMatch:
        return cls(note=GuidanceNote.of(match.note), reasons=list(match.reasons))


@strawberry.type(description="The guidance library.")
class GuidanceNotes:
    notes: list[GuidanceNote]


@strawberry.type(description="One version of a force's hate crime lead entry.")
class HateCrimeLead:
    id: str
    force_code: str
    role_title: str
    name: str | None
    team: str | None
    email: str | None
    phone: str | None
    contact_route: str
    notes: str | None
    reason: str
    recorded_by: str
    recorded_at: datetime

    @classmethod
    def of(cls, lead: RecordedLead) -> HateCrimeLead:
        e = lead.entry
        return cls(
            id=lead.id, force_code=e.force_code, role_title=e.role_title, name=e.name,
            team=e.team, email=e.email, phone=e.phone, contact_route=e.contact_route,
            notes=e.notes, reason=lead.reason, recorded_by=lead.recorded_by,
            recorded_at=lead.recorded_at,
        )  # fmt: skip


@strawberry.type(description="A force in the directory, with its current hate crime lead.")
class DirectoryEntry:
    force_code: str
    force_name: str
    lead: HateCrimeLead | None

    @classmethod
    def of(cls, listing: advice.LeadListing) -> DirectoryEntry:
        lead = HateCrimeLead.of(listing.lead) if listing.lead else None
        return cls(force_code=listing.force_code, force_name=listing.force_name, lead=lead)


@strawberry.type(description="Every version of a force's entry, newest first.")
class HateCrimeLeadHistory:
    force_code: str
    entries: list[HateCrimeLead]


@strawberry.type(description="Cases in one outcome group.")
class OutcomeGroupCount:
    group: str
    label: str
    cases: int


@strawberry.type(description="Outcomes of the cases about one offence, strand, force or note.")
class OutcomeReportRow:
    key: str
    cases: int
    charged_share: float
    groups: list[OutcomeGroupCount]

    @classmethod
    def of(cls, row: OutcomeRow) -> OutcomeReportRow:
        labels = {g.id: g.label for g in outcome_groups().group}
        return cls(
            key=row.key,
            cases=row.cases,
            charged_share=round(row.charged_share, 4),
            groups=[
                OutcomeGroupCount(group=g, label=labels.get(g, "Other outcome"), cases=n)
                for g, n in row.by_group.items()
            ],
        )


@strawberry.type(description="Which responses led to which outcomes, in a window.")
class OutcomeReport:
    by: Dimension
    since: datetime
    until: datetime
    rows: list[OutcomeReportRow]


@strawberry.input(description="A force's hate crime lead: at least an email or a phone number.")
class HateCrimeLeadInput:
    force_code: str
    role_title: str
    contact_route: str = strawberry.field(
        description="How to reach the lead, in words (hours, secure email, out of hours route)."
    )
    name: str | None = None
    team: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None


GuidanceLibraryResult = Annotated[
    GuidanceNotes | ForbiddenError, strawberry.union("GuidanceLibraryResult")
]
HateCrimeLeadsResult = Annotated[
    Connection[DirectoryEntry] | InvalidInputError | ForbiddenError,
    strawberry.union("HateCrimeLeadsResult"),
]
HateCrimeLeadHistoryResult = Annotated[
    HateCrimeLeadHistory | ForbiddenError, strawberry.union("HateCrimeLeadHistoryResult")
]
OutcomeReportResult = Annotated[
    OutcomeReport | InvalidInputError | ForbiddenError, strawberry.union("OutcomeReportResult")
]
SetHateCrimeLeadResult = Annotated[
    HateCrimeLead | InvalidInputError | NotFoundError | ForbiddenError,
    strawberry.union("SetHateCrimeLeadResult"),
]


async def guidance_library(info: Info) -> GuidanceLibraryResult:
    notes = await info.context.run(advice.guidance_library)
    return GuidanceNotes(notes=[GuidanceNote.of(n) for n in notes])


async def hate_crime_leads(
    info: Info, first: int = 50, after: str | None = None
) -> HateCrimeLeadsResult:
    try:
        page = await info.context.run(advice.lead_directory, PageRequest(first, after))
    except InvalidInput as error:
        return InvalidInputError.of(error)
    return Connection.of(page, DirectoryEntry.of)


async def hate_crime_lead_history(info: Info, force_code: str) -> HateCrimeLeadHistoryResult:
    entries = await info.context.run(advice.lead_history, force_code)
    return HateCrimeLeadHistory(
        force_code=force_code, entries=[HateCrimeLead.of(e) for e in entries]
    )


async def outcome_report(
    info: Info, since: datetime, until: datetime, by: Dimension = Dimension.OFFENCE
) -> OutcomeReportResult:
    try:
        window = Window.of(since, until)
        rows = await info.context.run(advice.outcome_report, window, by)
    except InvalidInput as error:
        return InvalidInputError.of(error)
    return OutcomeReport(
        by=by, since=window.since, until=window.until, rows=[OutcomeReportRow.of(r) for r in rows]
    )


@strawberry.type
class AdviceQueries:
    guidance_library: GuidanceLibraryResult = strawberry.field(
        resolver=guidance_library, description="The guidance notes the hub gives forces."
    )
    hate_crime_leads: HateCrimeLeadsResult = strawberry.field(
        resolver=hate_crime_leads,
        description="The directory: each force and its current hate crime lead.",
    )
    hate_crime_lead_history: HateCrimeLeadHistoryResult = strawberry.field(
        resolver=hate_crime_lead_history,
        description="Every version of one force's hate crime lead entry.",
    )
    outcome_report: OutcomeReportResult = strawberry.field(
        resolver=outcome_report,
        description="Outcomes forces reported in a window, by offence, strand, force or the "
        "guidance the assignment carried.",
    )


@strawberry.type
class AdviceMutations:
    @strawberry.mutation(description="Record a new version of a force's hate crime lead entry.")
    async def set_hate_crime_lead(
        self, info: Info, lead: HateCrimeLeadInput, reason: str
    ) -> SetHateCrimeLeadResult:
        fields = {k: v for k, v in vars(lead).items() if v is not None}
        try:
            recorded = await info.context.run(advice.set_hate_crime_lead, fields, reason)
        except (InvalidInput, NotFound) as error:
            return failure(error)  # type: ignore[return-value]
        return HateCrimeLead.of(recorded)
