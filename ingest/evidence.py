"""A cleaned referral -> what duplicate matching compares (:class:`ReportEvidence`).

A report is matched by its first content item: the one the form asks for first, and in
practice the post being reported. Further items stay linked to the report as their own
``Content`` nodes.
"""

from __future__ import annotations

from graph.dedup.models import ReportEvidence
from ingest.contract import ReporterRole
from ingest.normalise import CleanParty, CleanReferral


def person_key(email_key: str | None, phone_key: str | None, name: str | None) -> str | None:
    """What duplicate matching calls a person: their email, else phone, else spaced name."""
    if email_key:
        return f"email:{email_key}"
    if phone_key:
        return f"phone:{phone_key}"
    if name:
        return f"name:{' '.join(name.casefold().split())}"
    return None


def _person_key(party: CleanParty | None) -> str | None:
    if party is None:
        return None
    return person_key(
        party.email.key if party.email else None,
        party.phone.key if party.phone else None,
        party.name,
    )


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
