"""Removal referrals to platforms: the queues, the statistics, re-uploads, and each step.

A content item is referred once (however many report it), approved by a supervisor, sent in
its platform's pack (``ohch export referrals``, not here) and closed by the platform's answer.
Removed content that comes back raises a re-upload alert (``ohch link reuploads``), which an
analyst refers again in one step or dismisses. Every step is taken in the viewer's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from graph.access import Capability
from graph.errors import InvalidValue
from graph.removals import reuploads, store
from graph.removals.lifecycle import ANSWERS, OPEN, Status
from graph.removals.models import Alert, AlertStatus, Referral, ReferralDrafted, RepeatReuploader
from graph.removals.stats import RemovalStats, StatsBy, grouped
from services.paging import Page, PageRequest, keyed_page, ranked_page
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "removal_referrals": Capability.REFER_CONTENT,
    "removal_stats": Capability.REFER_CONTENT,
    "reupload_alerts": Capability.REFER_CONTENT,
    "repeat_reuploaders": Capability.REFER_CONTENT,
    "refer_content": Capability.REFER_CONTENT,
    "approve_removal_referral": Capability.APPROVE_REQUESTS,
    "record_removal_answer": Capability.REFER_CONTENT,
    "refer_reupload": Capability.REFER_CONTENT,
    "dismiss_reupload_alert": Capability.REFER_CONTENT,
}

PLATFORM_ANSWERS = ANSWERS | {Status.ACKNOWLEDGED}


@use_case
def removal_referrals(
    caller: Caller,
    statuses: Sequence[Status],
    platform: str | None,
    overdue_only: bool,
    request: PageRequest,
    now: datetime,
) -> Page[Referral]:
    """Referrals in ``statuses`` (none given: every open one), soonest due first; with
    ``overdue_only``, those sent and unanswered past the time their platform was given."""
    wanted = list(statuses) if statuses else sorted(OPEN)
    rows = store.queue(
        caller.graph, wanted, now, platform, overdue_only, request.first + 1, request.after_key
    )
    return keyed_page(rows, request, key=lambda row: row[0]).map(lambda row: row[1])


@use_case
def removal_stats(caller: Caller, by: StatsBy, platform: str | None) -> list[RemovalStats]:
    """Referrals sent and how they were answered, a row a platform (or offence): time to
    removal (median, 90th percentile, in hours from sending) and the refusal rate."""
    return grouped(store.answered(caller.graph, platform), by)


@use_case
def reupload_alerts(
    caller: Caller, statuses: Sequence[AlertStatus], request: PageRequest
) -> Page[Alert]:
    """Removed content that came back (none given: the open alerts), newest first."""
    wanted = list(statuses) if statuses else [AlertStatus.OPEN]
    rows = reuploads.alerts(caller.graph, wanted, request.first + 1, request.after_key)
    return keyed_page(rows, request, key=lambda row: row[0]).map(lambda row: row[1])


@use_case
def repeat_reuploaders(
    caller: Caller, min_alerts: int, request: PageRequest
) -> Page[RepeatReuploader]:
    """Accounts on at least ``min_alerts`` re-upload alerts, most first."""
    if min_alerts < 1:
        raise InvalidValue("minAlerts", "must be at least 1")
    ranked = reuploads.repeat_reuploaders(
        caller.graph, min_alerts, limit=request.offset + request.first + 1
    )
    return ranked_page(ranked[request.offset :], request)


@use_case
def refer_content(
    caller: Caller, content_id: str, policy_breached: str | None, now: datetime
) -> ReferralDrafted:
    """The content's referral, drafted now if it has none. Its reason is the case's
    recordable offences, with the platform policy named here if one is."""
    referral, created = store.draft(
        caller.graph, content_id, caller.viewer.user_id, now, policy_breached
    )
    return ReferralDrafted(referral, created)


@use_case
def approve_removal_referral(
    caller: Caller, referral_id: str, note: str | None, now: datetime
) -> Referral:
    """A supervisor approves a drafted referral for sending."""
    return store.step(caller.graph, referral_id, Status.APPROVED, caller.viewer.user_id, now, note)


@use_case
def record_removal_answer(
    caller: Caller,
    referral_id: str,
    answer: Status,
    note: str | None,
    evidence: str | None,
    now: datetime,
) -> Referral:
    """The platform's answer: acknowledged, removed, restricted, refused (with its reason) or
    no response; ``evidence`` names what shows it (a ticket, a capture)."""
    if answer not in PLATFORM_ANSWERS:
        raise InvalidValue(
            "status", "an answer is acknowledged, removed, restricted, refused or no_response"
        )
    who = caller.viewer.user_id
    return store.step(caller.graph, referral_id, answer, who, now, note, evidence)


@use_case
def refer_reupload(caller: Caller, alert_id: str, now: datetime) -> ReferralDrafted:
    """Refer re-uploaded content with the earlier referral's reason; the alert is closed as
    referred."""
    referral = reuploads.refer_again(caller.graph, alert_id, caller.viewer.user_id, now)
    return ReferralDrafted(referral, created=True)


@use_case
def dismiss_reupload_alert(caller: Caller, alert_id: str, note: str, now: datetime) -> Alert:
    """Close a re-upload alert as dismissed, saying why."""
    if not note.strip():
        raise InvalidValue("note", "say why the alert is dismissed")
    return reuploads.dismiss(caller.graph, alert_id, note, caller.viewer.user_id, now)
