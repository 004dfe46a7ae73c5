"""Which slot of each job is due: pure arithmetic on UTC time.

A job runs every ``every_minutes``, its slots aligned on the UTC epoch and shifted by
``offset_minutes``; the slot due at a moment is the latest that started at or before it. The
deployment's schedule file names each job at most once, from the jobs the hub has.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.policy_files import VersionedPolicy, load_policy, parse_policy

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class JobName(enum.StrEnum):
    LINK_DUPLICATES = "link_duplicates"
    LINK_IDENTITIES = "link_identities"
    LINK_PEOPLE = "link_people"
    SCAN_REUPLOADS = "scan_reuploads"
    COMPLAINANT_UPDATES = "complainant_updates"
    RETENTION_REVIEW = "retention_review"
    NIM_EXPORT = "nim_export"
    CLEAN_LIMITS = "clean_limits"
    RESCAN_EVIDENCE = "rescan_evidence"


class Job(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: JobName
    every_minutes: int = Field(ge=5, le=7 * 24 * 60)
    offset_minutes: int = Field(0, ge=0)
    enabled: bool = True

    @model_validator(mode="after")
    def _offset_within_period(self) -> Job:
        if self.offset_minutes >= self.every_minutes:
            raise ValueError("offset_minutes: must be less than every_minutes")
        return self

    def slot(self, now: datetime) -> datetime:
        """The start of the slot due at ``now``."""
        every = timedelta(minutes=self.every_minutes)
        offset = timedelta(minutes=self.offset_minutes)
        periods = (now.astimezone(UTC) - EPOCH - offset) // every
        return EPOCH + offset + periods * every


class Schedule(VersionedPolicy):
    job: tuple[Job, ...]

    @model_validator(mode="after")
    def _each_job_once(self) -> Schedule:
        names = [j.name for j in self.job]
        twice = sorted({n.value for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"job: named more than once: {', '.join(twice)}")
        return self

    def due(self, now: datetime) -> list[tuple[Job, datetime]]:
        """Each enabled job with the slot due at ``now``."""
        return [(job, job.slot(now)) for job in self.job if job.enabled]


def load_schedule(path: Path | None = None) -> Schedule:
    """The deployment's schedule (``OHCH_SCHEDULE_FILE``) or the hub's default."""
    if path is None:
        return load_policy("graph.scheduling", "schedule.toml", Schedule)
    return parse_policy(path.read_text(encoding="utf-8"), path.name, Schedule)
