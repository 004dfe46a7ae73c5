"""A cleaned referral -> what duplicate matching compares (:class:`ReportEvidence`).

A report is matched by its first content item: the one the form asks for first, and in
practice the post being reported. Further items stay linked to the report as their own
``Content`` nodes.
"""

from __future__ import annotations

from graph.dedup.models import ReportEvidence
from ingest.contract import ReporterRole
from ingest.normalise import CleanParty, CleanReferral


def _person_key(party: CleanParty | None) -> str | None:
    if party is None:
        return None
    if party.email:
        return f"email:{party.email.key}"
    if party.phone:
        return f"phone:{party.phone.key}"
    if party.name:
        return f"name:{' '.join(party.name.casefold().split())}"
    return None


def report_evidence(clean: CleanReferral, report_id: str) -> ReportEvidence:
    first = clean.content[0]
    victim = clean.victim
    if victim is None and clean.reporter.role is ReporterRole.VICTIM:
        victim = clean.reporter
    handles = [s.handle.value for s in clean.suspects if s.handle and s.platform == first.platform]
    if first.url and first.url.handle:
        handles.insert(0, first.url.handle)
    return ReportEvidence.build(
        report_key=report_id,
        platform=first.platform,
        reporter_key=_person_key(clean.reporter) or report_id,
        post_key=first.post_key,
        raw_handles=tuple(handles),
        text=first.text,
        captured_at=first.captured_at,
        # Without an incident time, when the reporter submitted is the nearest evidence of
        # when the content was seen (a backlog file is received long after: never use that).
        occurred_at=clean.referral.incident.occurred_at or clean.referral.submitted_at,
        victim_key=_person_key(victim),
    )
