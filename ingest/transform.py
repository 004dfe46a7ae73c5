"""A cleaned referral and its receipt -> the :class:`~ingest.intake_row.IntakeRow` intake writes.

Pure: no database. One row per report; people, content, accounts and value nodes nested in it.
Details kept unverified (``ingest/normalise.py``) go on the report as two parallel lists,
``unverified_fields`` and ``unverified_reasons`` (``IntakeRow.params``), and a person's
unverified email, phone (with a possible number's parsed form) and postcode on the person as
typed; each list or property is null (not stored) when there is nothing to say.
"""

from __future__ import annotations

from datetime import datetime

import orjson

from graph.dedup.blocking import report_keys
from graph.dedup.evidence_props import evidence_properties
from graph.dedup.policy import default_policy
from ingest.contract import CONTRACT_VERSION, LocationType, ReporterRole
from ingest.evidence import report_evidence
from ingest.intake_row import IntakeRow, Row
from ingest.normalise import CleanContent, CleanParty, CleanReferral
from ingest.receipt import Receipt, intake_key, report_id
from ingest.report_dates import DateBounds, report_times


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


_NONE_TYPED: Row = dict.fromkeys(
    ("unverified_email", "unverified_phone", "possible_phone", "unverified_postcode")
)


def _as_typed(clean: CleanReferral, path: str, party: CleanParty) -> Row:
    """A person's unverified details, as typed. An anonymous reporter's contact details are
    never put on the person: only the postcode, which the contract allows them."""
    found = dict(_NONE_TYPED)
    details = ("postcode",) if party.role is ReporterRole.ANONYMOUS else _DETAILS
    for item in clean.unverified:
        where, _, detail = item.field.partition(".")
        if where == path and detail in details:
            found[f"unverified_{detail}"] = item.value
            if item.parsed:
                found["possible_phone"] = item.parsed
    return found


_DETAILS = ("email", "phone", "postcode")


def _party_row(
    party: CleanParty, person_id: str, reporter: bool, victim: bool, as_typed: Row
) -> Row:
    force = party.force
    return as_typed | {
        "id": person_id,
        "is_reporter": reporter,
        "is_victim": victim,
        "reporter_role": party.role.value if reporter else None,
        "name": party.name,
        "email": party.email.key if party.email else None,
        "phone": party.phone.key if party.phone else None,
        "postcode": str(party.postcode) if party.postcode else None,
        "district": party.postcode.district if party.postcode else None,
        "force_code": force.force_code if force else None,
        "force_confidence": force.confidence.value if force else None,
        "other_force_codes": list(force.other_force_codes) if force else [],
        "consent_to_contact": party.consent_to_contact,
    }


def _parties(clean: CleanReferral, rid: str) -> list[Row]:
    reporter_is_victim = clean.victim is None and clean.reporter.role is ReporterRole.VICTIM
    reporter = _as_typed(clean, "reporter", clean.reporter) if clean.unverified else _NONE_TYPED
    parties = [_party_row(clean.reporter, f"{rid}:reporter", True, reporter_is_victim, reporter)]
    if clean.victim is not None:
        victim = _as_typed(clean, "victim", clean.victim) if clean.unverified else _NONE_TYPED
        parties.append(_party_row(clean.victim, f"{rid}:victim", False, True, victim))
    return parties


def is_online(clean: CleanReferral) -> bool:
    """Whether the report is about something online. "At a specific location" on the form
    routes the report to a force; it does not say the content was offline (issue 25, defect 1).
    A content item with a link, or on a named platform, is online wherever the form says the
    incident happened; only a report whose every item is text on no named platform (what a
    person says was said to them, not a post) is offline when the form says so."""
    if clean.referral.incident.location_type is LocationType.ONLINE:
        return True
    return any(_posted_online(item) for item in clean.content)


def _posted_online(item: CleanContent) -> bool:
    return item.raw_url is not None or item.platform != "other"


def _content(clean: CleanReferral, rid: str) -> list[Row]:
    rows = []
    for item in clean.content:
        post_key = item.post_key
        rows.append(
            {
                # A post is one node however many reports name it; other items get their own
                # node, which duplicate matching may later judge the same as another.
                "content_id": post_key or f"{rid}:content:{item.index}",
                "post_key": post_key,
                "platform": item.platform,
                "index": item.index,
                "url": item.url.canonical if item.url else None,
                "raw_url": item.raw_url,
                "url_kind": item.url.kind.value if item.url else None,
                "author_key": item.account_key if post_key else None,
                "author_handle": item.url.handle if item.url and post_key else None,
                "text": item.text,
                "captured_at": _iso(item.captured_at),
                "attachments": orjson.dumps([a.model_dump() for a in item.attachments]).decode(),
            }
        )
    return rows


def _accounts(clean: CleanReferral) -> list[Row]:
    """Accounts the report names as the suspect: by handle, or by a profile URL as content."""
    seen: dict[str, Row] = {}
    for suspect in clean.suspects:
        if suspect.handle is None:
            continue
        seen.setdefault(
            suspect.handle.key,
            {
                "key": suspect.handle.key,
                "platform": suspect.handle.platform,
                "handle": suspect.handle.value,
                "via": "suspect",
                "handle_conforms": suspect.handle.conforms,
                "suspect_index": suspect.index,
                "display_name": suspect.display_name,
                "profile_url": suspect.profile_url,
            },
        )
    for item in clean.content:
        if item.post_key is None and item.account_key and item.url and item.url.handle:
            seen.setdefault(
                item.account_key,
                {
                    "key": item.account_key,
                    "platform": item.url.platform,
                    "handle": item.url.handle,
                    "via": "content_profile_url",
                    "handle_conforms": True,
                    "suspect_index": None,
                    "display_name": None,
                    "profile_url": item.url.canonical,
                },
            )
    return list(seen.values())


def _suspect_people(clean: CleanReferral, rid: str) -> list[Row]:
    return [
        {
            "id": f"{rid}:suspect:{s.index}",
            "index": s.index,
            "name": s.name,
            "location": s.location,
            "account_key": s.account_key,
        }
        for s in clean.suspects
        if s.name or s.location
    ]


def report_row(
    clean: CleanReferral, receipt: Receipt, dates: DateBounds | None = None
) -> IntakeRow:
    """The row; with ``dates``, its report and incident dates kept within them (each one
    corrected is a warning on the report, ``ingest/report_dates.py``)."""
    referral = clean.referral
    rid = report_id(referral.source, referral.source_ref)
    incident = referral.incident
    evidence = report_evidence(clean, rid)
    times = report_times(referral.submitted_at, incident.occurred_at, receipt.received_at, dates)
    return IntakeRow(
        id=rid,
        source=referral.source,
        source_ref=referral.source_ref,
        intake_key=intake_key(referral.source, referral.source_ref),
        receipt=receipt,
        evidence=evidence,
        block_keys=tuple(report_keys(evidence, default_policy())),
        unverified=clean.unverified + times.corrected,
        written={
            "match": evidence_properties(evidence),
            "submitted_at": _iso(referral.submitted_at),
            "occurred_at": _iso(incident.occurred_at),
            "reported_at": _iso(times.reported_at),
            "incident_at": _iso(times.incident_at),
            "contract_version": CONTRACT_VERSION,
            "description": incident.description,
            "location_type": incident.location_type.value,
            "online": is_online(clean),
            "strands": [s.value for s in clean.strands],
            "chosen_force_code": clean.chosen_force_code,
            "anonymous": clean.reporter.role is ReporterRole.ANONYMOUS,
            "parties": _parties(clean, rid),
            "content": _content(clean, rid),
            "accounts": _accounts(clean),
            "suspect_people": _suspect_people(clean, rid),
        },
    )
