"""Advice to forces: guidance matched to a case, the hate crime lead directory, outcomes.

The guidance a case is matched to now (hub staff, from its live assessment) differs from the
guidance its assignment carried to the force (recorded when it was assigned, what the force
was given): both are shown, and the outcome report counts the second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from graph.access import Capability
from graph.advice import outcomes, store
from graph.advice.leads import RecordedLead, lead_entry
from graph.advice.matching import CaseTopics, NoteMatch, match_notes
from graph.advice.notes import GuidanceNote, read_library, shipped_library
from graph.advice.outcomes import Dimension, OutcomeRow
from graph.assessment.models import Assessment
from graph.cases import store as cases_store
from graph.errors import InvalidValue
from graph.intel.bounds import Window
from graph.settings import load_settings
from services.paging import Page, PageRequest, keyed_page
from services.use_case import Caller, use_case

C = Capability

RULES: Mapping[str, Capability] = {
    "guidance_library": C.FORCE_CASES,
    "guidance_for_case": C.HUB_CASEWORK,
    "carried_guidance": C.FORCE_CASES,  # then only cases assigned or notified to their force
    "attach_guidance": C.HUB_CASEWORK,
    "lead_directory": C.FORCE_CASES,
    "lead_history": C.FORCE_CASES,
    "set_hate_crime_lead": C.MAINTAIN_DIRECTORY,
    "outcome_report": C.HUB_CASEWORK,
}


@cache
def _library(folder: Path | None) -> tuple[GuidanceNote, ...]:
    return read_library(folder) if folder is not None else shipped_library()


def library() -> tuple[GuidanceNote, ...]:
    """The hub's notes: its own folder (``OHCH_GUIDANCE_DIR``, read once a process) or those
    that ship with it."""
    folder = load_settings().guidance_dir
    return _library(folder.resolve() if folder is not None else None)


@dataclass(frozen=True, slots=True)
class LeadListing:
    """A force in the directory and its current entry (None: nobody recorded yet)."""

    force_code: str
    force_name: str
    lead: RecordedLead | None


def topics_of(assessment: Assessment, platforms: frozenset[str]) -> CaseTopics:
    return CaseTopics(
        offences=frozenset(c.offence_id for c in assessment.candidates),
        strands=frozenset(assessment.strands),
        platforms=platforms,
    )


@use_case
def guidance_library(caller: Caller) -> tuple[GuidanceNote, ...]:
    return library()


@use_case
def guidance_for_case(
    caller: Caller, case_id: str, today: date | None = None
) -> tuple[NoteMatch, ...]:
    """The notes that match the case's live assessment and its platforms, most specific first."""
    view = cases_store.view(caller.graph, case_id)
    topics = topics_of(view.assessment, store.case_platforms(caller.graph, case_id))
    return match_notes(library(), topics, today or datetime.now(UTC).date())


@use_case
def attach_guidance(caller: Caller, case_id: str) -> None:
    """Record on the case's latest assignment the offences and strands it was made on and the
    notes matched to them: what the force was given (called as the case is assigned)."""
    view = cases_store.view(caller.graph, case_id)
    topics = topics_of(view.assessment, store.case_platforms(caller.graph, case_id))
    matches = match_notes(library(), topics, datetime.now(UTC).date())
    store.attach_guidance(
        caller.graph, case_id, topics.offences, (s.value for s in topics.strands), matches
    )


@use_case
def carried_guidance(caller: Caller, case_ids: list[str]) -> list[list[GuidanceNote]]:
    """Per case (a batch, in order), the notes its latest assignment carried, in the text of
    the version it carried where the library still has it, else the current one."""
    carried = store.carried_guidance(caller.graph, case_ids, caller.viewer.cypher_scope())
    notes = {n.id: n for n in library()}
    return [
        [notes[note_id] for note_id, _version in carried.get(case_id, []) if note_id in notes]
        for case_id in case_ids
    ]


@use_case
def lead_directory(caller: Caller, page: PageRequest) -> Page[LeadListing]:
    rows = store.directory_page(caller.graph, page.after_key, page.first + 1)
    listings = [LeadListing(code, name, lead) for code, name, lead in rows]
    return keyed_page(listings, page, key=lambda listing: listing.force_code)


@use_case
def lead_history(caller: Caller, force_code: str) -> list[RecordedLead]:
    return store.lead_history(caller.graph, force_code)


@use_case
def set_hate_crime_lead(caller: Caller, fields: dict[str, object], reason: str) -> RecordedLead:
    """Record a new version of a force's entry; every problem named at once."""
    entry = lead_entry(fields)
    if not reason.strip():
        raise InvalidValue("reason", "say why the entry changes")
    at = datetime.now(UTC)
    entry_id = store.record_lead(caller.graph, entry, reason.strip(), caller.viewer.user_id, at)
    return RecordedLead(
        id=entry_id, entry=entry, reason=reason.strip(), recorded_by=caller.viewer.user_id,
        recorded_at=at,
    )  # fmt: skip


@use_case
def outcome_report(caller: Caller, window: Window, by: Dimension) -> Sequence[OutcomeRow]:
    """Cases with an outcome reported in the window, counted by outcome group per ``by``."""
    rows = store.case_outcomes(caller.graph, window.since, window.until)
    return outcomes.outcome_report(rows, by)
