"""The clocks an assessment starts: crime recording, prosecution time limits, victim updates.

Counting conventions (conservative: when in doubt the earlier day):

* Magistrates' Courts Act 1980 s127 ("within six months from the time when the offence was
  committed"): the last day is the same date six months later.
* "The period of 6 months beginning with the date on which evidence sufficient in the opinion of
  the prosecutor ... came to his knowledge" (CA 2003 s127(5), OSA 2023 s179(7)): the day of
  knowledge is day one, so the last day is the day before the same date six months later.
* The long-stop ("more than 3 years after the commission of the offence"): the same date three
  years later.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from graph.assessment.deadlines import (
    DeadlineStatus,
    WorkingDayCalendar,
    add_months,
    add_years,
    end_of_uk_day,
    status_of,
    working_days_after,
)
from graph.assessment.models import CaseFacts, Deadline
from graph.assessment.policy import AssessmentPolicy
from graph.law.offences import Offence, TimeLimitKind


def crime_recording_deadline(facts: CaseFacts, now: datetime, hours: int) -> Deadline:
    """NCRS: the crime recording decision is due ``hours`` (24) after the report is received."""
    due = facts.received_at + timedelta(hours=hours)
    return Deadline(
        name="crime_recording_decision",
        rule=f"NCRS / HOCR: crime recording decision within {hours} hours of the report",
        due_at=due,
        status=status_of(due, now, facts.crime_recording_decided_at),
    )


def _evidence_last_day(evidence_on: date, months: int) -> date:
    return add_months(evidence_on, months) - timedelta(days=1)


def prosecution_deadline(offence: Offence, facts: CaseFacts, now: datetime) -> Deadline:
    """The last day proceedings may start for ``offence`` committed on ``facts.occurred_on``."""
    rule = offence.time_limit
    name = "prosecution_time_limit"
    cite = offence.citation
    unverified = "" if rule.verified else " (part of this rule is UNVERIFIED)"
    if rule.kind is TimeLimitKind.NONE:
        return Deadline(
            name=name,
            rule=f"{cite}: {offence.mode_of_trial.value.replace('_', ' ')}, no time limit",
            offence_id=offence.id,
            status=DeadlineStatus.NO_LIMIT,
        )
    if rule.kind is TimeLimitKind.SUMMARY_SIX_MONTHS:
        due = end_of_uk_day(add_months(facts.occurred_on, 6))
        return Deadline(
            name=name,
            rule=f"{cite}: summary only; MCA 1980 s127, 6 months from the offence",
            offence_id=offence.id,
            due_at=due,
            status=status_of(due, now),
        )
    months = rule.months or 0
    evidence_on = facts.sufficient_evidence_on
    if rule.kind is TimeLimitKind.EVIDENCE_ONLY:
        text = f"{cite}: {months} months from the prosecutor's sufficient evidence{unverified}"
        if evidence_on is None:
            return Deadline(
                name=name,
                rule=text,
                offence_id=offence.id,
                status=DeadlineStatus.NOT_STARTED,
                note="the prosecutor's sufficient-evidence date is not known yet",
            )
        due = end_of_uk_day(_evidence_last_day(evidence_on, months))
        return Deadline(
            name=name, rule=text, offence_id=offence.id, due_at=due, status=status_of(due, now)
        )
    years = rule.longstop_years or 0
    text = (
        f"{cite}: within {years} years of the offence and {months} months of the "
        f"prosecutor's sufficient evidence{unverified}"
    )
    longstop = add_years(facts.occurred_on, years)
    note = None
    if evidence_on is None:
        last = longstop
        note = (
            f"long-stop only: the {months}-month clock from the prosecutor's sufficient "
            "evidence has not started"
        )
    else:
        last = min(longstop, _evidence_last_day(evidence_on, months))
    due = end_of_uk_day(last)
    return Deadline(
        name=name,
        rule=text,
        offence_id=offence.id,
        due_at=due,
        status=status_of(due, now),
        note=note,
    )


def victim_notification_deadline(
    event_at: datetime,
    *,
    enhanced: bool,
    now: datetime,
    policy: AssessmentPolicy,
    calendar: WorkingDayCalendar,
    done_at: datetime | None = None,
) -> Deadline:
    """Victims' Code Right 6: tell the victim of a key decision within 5 (enhanced: 1) working days.

    Key decisions: suspect arrested, interviewed under caution, released without charge, bailed
    or released under investigation, bail changed; a decision not to investigate.
    """
    days = (
        policy.victims_code_working_days_enhanced if enhanced else policy.victims_code_working_days
    )
    due = working_days_after(event_at, days, calendar)
    kind = "Enhanced Rights" if enhanced else "standard"
    return Deadline(
        name="victim_informed_of_decision",
        rule=f"Victims' Code Right 6: within {days} working day(s) ({kind})",
        due_at=due,
        status=status_of(due, now, done_at),
    )
