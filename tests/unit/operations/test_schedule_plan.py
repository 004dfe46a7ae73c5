"""The schedule: which slot of each job is due, and the file a deployment declares it in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from graph.errors import InvalidInput
from graph.policy_files import parse_policy
from graph.scheduling.plan import Job, JobName, Schedule, load_schedule


def test_slots_are_aligned_on_the_epoch_and_shifted_by_the_offset() -> None:
    daily_at_two = Job(name=JobName.RETENTION_REVIEW, every_minutes=1440, offset_minutes=120)
    assert daily_at_two.slot(datetime(2026, 12, 7, 1, 59, tzinfo=UTC)) == datetime(
        2026, 12, 6, 2, 0, tzinfo=UTC
    )
    assert daily_at_two.slot(datetime(2026, 12, 7, 2, 0, tzinfo=UTC)) == datetime(
        2026, 12, 7, 2, 0, tzinfo=UTC
    )
    quarter = Job(name=JobName.COMPLAINANT_UPDATES, every_minutes=15)
    moment = datetime(2026, 12, 7, 10, 44, 59, tzinfo=UTC)
    assert quarter.slot(moment) == datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    assert quarter.slot(moment + timedelta(seconds=1)) == datetime(2026, 12, 7, 10, 45, tzinfo=UTC)


def test_a_slot_is_the_same_whatever_the_time_zone_of_the_clock() -> None:
    job = Job(name=JobName.LINK_IDENTITIES, every_minutes=360, offset_minutes=15)
    utc = datetime(2026, 7, 1, 12, 20, tzinfo=UTC)
    london = utc.astimezone(ZoneInfo("Europe/London"))
    assert job.slot(utc) == job.slot(london) == datetime(2026, 7, 1, 12, 15, tzinfo=UTC)


def test_the_shipped_schedule_names_every_job_once() -> None:
    schedule = load_schedule()
    assert sorted(j.name for j in schedule.job) == sorted(JobName)


def test_disabled_jobs_are_never_due() -> None:
    schedule = Schedule(
        version=1, valid_from="2026-12-07", source="test",
        job=(Job(name=JobName.NIM_EXPORT, every_minutes=60, enabled=False),
             Job(name=JobName.LINK_PEOPLE, every_minutes=60)),
    )  # fmt: skip
    assert [j.name for j, _ in schedule.due(datetime.now(UTC))] == [JobName.LINK_PEOPLE]


PEOPLE = 'name = "link_people"\n'
BAD_SCHEDULES = [
    (PEOPLE + "every_minutes = 60\n[[job]]\n" + PEOPLE + "every_minutes = 30\n",
     "schedule.job", "named more than once: link_people"),
    (PEOPLE + "every_minutes = 60\noffset_minutes = 60\n",
     "schedule.job[0].offset_minutes", "less than every_minutes"),
    ('name = "make_tea"\nevery_minutes = 60\n', "schedule.job[0].name", "Input should be"),
    (PEOPLE + "every_minutes = 1\n",
     "schedule.job[0].every_minutes", "greater than or equal to 5"),
]  # fmt: skip


@pytest.mark.parametrize(("jobs", "field", "message"), BAD_SCHEDULES)
def test_a_bad_schedule_names_the_field(jobs: str, field: str, message: str) -> None:
    text = f'version = 1\nvalid_from = 2026-12-07\nsource = "test"\n[[job]]\n{jobs}'
    with pytest.raises(InvalidInput) as caught:
        parse_policy(text, "schedule.toml", Schedule)
    problem = caught.value.problems[0]
    assert problem.field == field
    assert message in problem.message
