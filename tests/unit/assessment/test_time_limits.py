"""Every prosecution time limit in the offence table, counted as its words say.

"Within six months from the time when the offence was committed" (MCA 1980 s127(1)) leaves the
day out: the last day is the same date six months later. "The period of ... beginning with the
day" (CA 2003 s127(5), OSA 2023 s179(7)) counts the day as day one: the last day is the day
before. A course of conduct (PHA 1997 ss2, 2A) runs from its last incident (DPP v Baker).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from graph.assessment.calendars import end_of_uk_day
from graph.assessment.deadlines import DeadlineStatus, prosecution_deadline
from graph.law.offences import Counting, RunsFrom, TimeLimitKind, offence_table
from tests.unit.assessment.builders import facts

NOW = datetime(2024, 3, 2, 12, tzinfo=UTC)
FIRST = date(2023, 10, 1)  # the first incident (the offence date)
LAST = date(2024, 3, 1)  # the last incident of a course of conduct
EVIDENCE = date(2024, 3, 1)  # the prosecutor's sufficient evidence

# every offence with a time limit -> last day with no evidence date, with EVIDENCE
LIMITS: list[tuple[str, date, date]] = [
    # MCA 1980 s127(1) "from" the offence: 1 October 2023 + 6 months
    ("cda1998_s31_poa_s5", date(2024, 4, 1), date(2024, 4, 1)),
    # a course of conduct: 6 months from its last incident, 1 March 2024
    ("pha1997_s2", date(2024, 9, 1), date(2024, 9, 1)),
    ("pha1997_s2a", date(2024, 9, 1), date(2024, 9, 1)),
    # CA 2003 s127(5): 3 years beginning with 1 October 2023; 6 months beginning with 1 March
    ("ca2003_s127_1", date(2026, 9, 30), date(2024, 8, 31)),
    ("ca2003_s127_2_ab", date(2026, 9, 30), date(2024, 8, 31)),
    ("ca2003_s127_2_c", date(2026, 9, 30), date(2024, 8, 31)),
    # OSA 2023 s179(7): 6 months beginning with the evidence date; long-stop counted the same
    ("osa2023_s179", date(2026, 9, 30), date(2024, 8, 31)),
]


def test_the_table_lists_every_time_limited_offence() -> None:
    limited = {
        o.id for o in offence_table().offences if o.time_limit.kind is not TimeLimitKind.NONE
    }
    assert limited == {offence_id for offence_id, _, _ in LIMITS}


@pytest.mark.parametrize(("offence_id", "no_evidence", "with_evidence"), LIMITS)
def test_each_time_limit_counts_as_its_words_say(
    offence_id: str, no_evidence: date, with_evidence: date
) -> None:
    offence = offence_table().get(offence_id)
    for evidence, last_day in ((None, no_evidence), (EVIDENCE, with_evidence)):
        case = facts(
            occurred_on=FIRST,
            last_incident_on=LAST,
            received_at=datetime(2024, 3, 2, 9, tzinfo=UTC),
            sufficient_evidence_on=evidence,
        )
        deadline = prosecution_deadline(offence, case, NOW)
        assert deadline.due_at == end_of_uk_day(last_day), (offence_id, evidence)


@pytest.mark.parametrize(
    ("offence_id", "counting", "runs_from"),
    [
        ("cda1998_s31_poa_s5", Counting.FROM, RunsFrom.OFFENCE),
        ("pha1997_s2", Counting.FROM, RunsFrom.LAST_INCIDENT),
        ("pha1997_s2a", Counting.FROM, RunsFrom.LAST_INCIDENT),
        ("ca2003_s127_1", Counting.BEGINNING_WITH, RunsFrom.OFFENCE),
        ("ca2003_s127_2_ab", Counting.BEGINNING_WITH, RunsFrom.OFFENCE),
        ("ca2003_s127_2_c", Counting.BEGINNING_WITH, RunsFrom.OFFENCE),
        ("osa2023_s179", Counting.BEGINNING_WITH, RunsFrom.OFFENCE),
    ],
)
def test_every_time_limit_states_its_counting_and_authority(
    offence_id: str, counting: Counting, runs_from: RunsFrom
) -> None:
    rule = offence_table().get(offence_id).time_limit
    assert "counting" in rule.model_fields_set  # stated in the table, not defaulted
    assert (rule.counting, rule.runs_from) == (counting, runs_from)
    assert rule.authority
    if runs_from is RunsFrom.LAST_INCIDENT:
        assert "DPP v Baker" in rule.authority


# (first incident, last incident) -> harassment's last day: from the last incident
COURSE: list[tuple[date, date | None, date]] = [
    (date(2024, 1, 10), date(2024, 3, 1), date(2024, 9, 1)),
    (date(2024, 1, 10), None, date(2024, 7, 10)),  # one incident (or unknown): the offence day
    (date(2024, 1, 10), date(2024, 1, 10), date(2024, 7, 10)),
    (date(2023, 8, 31), date(2024, 2, 29), date(2024, 8, 29)),
]


@pytest.mark.parametrize(("first", "last", "last_day"), COURSE)
def test_harassment_runs_from_the_last_incident(
    first: date, last: date | None, last_day: date
) -> None:
    case = facts(occurred_on=first, last_incident_on=last)
    deadline = prosecution_deadline(offence_table().get("pha1997_s2"), case, NOW)
    assert deadline.due_at == end_of_uk_day(last_day)
    assert deadline.status is DeadlineStatus.DUE


def test_a_single_message_offence_still_runs_from_the_first_incident() -> None:
    case = facts(occurred_on=date(2024, 1, 10), last_incident_on=date(2024, 3, 1))
    deadline = prosecution_deadline(offence_table().get("ca2003_s127_1"), case, NOW)
    assert deadline.due_at == end_of_uk_day(date(2027, 1, 9))


def test_last_incident_before_the_first_is_refused() -> None:
    with pytest.raises(ValueError, match="last_incident_on"):
        facts(occurred_on=date(2024, 3, 1), last_incident_on=date(2024, 2, 1))
