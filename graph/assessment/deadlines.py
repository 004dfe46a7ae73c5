"""The deadlines an assessment sets: crime recording, prosecution time limits, victim updates,
each with its status (due, overdue, met ...); the calendars they count in are ``calendars.py``.

Each offence's time limit states its counting (``graph/law/data/offences.toml``; conservative,
the earlier day, when the words are unconfirmed):

* ``from`` -- Magistrates' Courts Act 1980 s127(1) ("within six months from the time when the
  offence was committed"): the starting day is left out, the last day is the same date six
  months later.
* ``beginning_with`` -- CA 2003 s127(5) ("before the end of the period of 3 years beginning with
  the day on which the offence was committed", and of 6 months beginning with the day the
  prosecutor's sufficient evidence came to their knowledge), OSA 2023 s179(7): the starting day
  is day one, so the last day is the day before the same date N months (years) later.

The offence-date clocks start on the offence day, or, for an offence the table says runs from
the last incident (a course of conduct: PHA 1997 ss2, 2A, DPP v Baker [2004] EWHC 2782 (Admin)),
on the day of the course's last incident.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from graph.assessment.calendars import (
    WorkingDays,
    add_months,
    end_of_uk_day,
    working_days_after,
)
from graph.assessment.models import CaseFacts, Deadline, DeadlineStatus
from graph.assessment.policy import AssessmentPolicy
from graph.law.offences import Counting, Offence, RunsFrom, TimeLimitKind

__all__ = [
    "DeadlineStatus",  # defined beside Deadline in models.py
    "crime_recording_deadline",
    "last_day",
    "prosecution_deadline",
    "status_of",
    "victim_notification_deadline",
]


def status_of(due_at: datetime, now: datetime, done_at: datetime | None = None) -> DeadlineStatus:
    if done_at is not None:
        return DeadlineStatus.MET if done_at <= due_at else DeadlineStatus.MET_LATE
    return DeadlineStatus.OVERDUE if now > due_at else DeadlineStatus.DUE


def crime_recording_deadline(facts: CaseFacts, now: datetime, hours: int) -> Deadline:
    """NCRS: the crime recording decision is due ``hours`` (24) after the report is received."""
    due = facts.received_at + timedelta(hours=hours)
    return Deadline(
        name="crime_recording_decision",
        rule=f"NCRS / HOCR: crime recording decision within {hours} hours of the report",
        due_at=due,
        status=status_of(due, now, facts.crime_recording_decided_at),
    )


def last_day(start: date, months: int, counting: Counting) -> date:
    """The last day of a period of ``months`` counted ``from`` or ``beginning_with`` ``start``."""
    end = add_months(start, months)
    return end - timedelta(days=1) if counting is Counting.BEGINNING_WITH else end


def _start(offence: Offence, facts: CaseFacts) -> tuple[date, str]:
    if offence.time_limit.runs_from is RunsFrom.LAST_INCIDENT:
        return facts.last_incident, "the last incident of the course of conduct"
    return facts.occurred_on, "the offence"


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
    start, what = _start(offence, facts)
    authority = f" ({rule.authority})" if rule.authority else ""
    if rule.kind is TimeLimitKind.SUMMARY_SIX_MONTHS:
        due = end_of_uk_day(last_day(start, 6, rule.counting))
        return Deadline(
            name=name,
            rule=f"{cite}: summary only; 6 months from {what} on {start}{authority}",
            offence_id=offence.id,
            due_at=due,
            status=status_of(due, now),
        )
    months = rule.months or 0
    evidence_on = facts.sufficient_evidence_on
    if rule.kind is TimeLimitKind.EVIDENCE_ONLY:
        text = (
            f"{cite}: {months} months from the prosecutor's sufficient evidence"
            f"{unverified}{authority}"
        )
        if evidence_on is None:
            return Deadline(
                name=name,
                rule=text,
                offence_id=offence.id,
                status=DeadlineStatus.NOT_STARTED,
                note="the prosecutor's sufficient-evidence date is not known yet",
            )
        due = end_of_uk_day(last_day(evidence_on, months, rule.counting))
        return Deadline(
            name=name, rule=text, offence_id=offence.id, due_at=due, status=status_of(due, now)
        )
    years = rule.longstop_years or 0
    text = (
        f"{cite}: within {years} years of {what} on {start} and {months} months of the "
        f"prosecutor's sufficient evidence{unverified}{authority}"
    )
    longstop = last_day(start, 12 * years, rule.counting)
    note = None
    if evidence_on is None:
        last = longstop
        note = (
            f"long-stop only: the {months}-month clock from the prosecutor's sufficient "
            "evidence has not started"
        )
    else:
        last = min(longstop, last_day(evidence_on, months, rule.counting))
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
    calendar: WorkingDays,
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
