"""``reportStatus``: a complainant's reference and access code in, their report's progress out
(``services/status.py``: counted against guessing, audited there)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from api.graphql.context import Context
from api.graphql.types.common import ForbiddenError, NotFoundError
from services.attempts import WINDOW_S
from services.status import Refusal, Step, check_report

Info = strawberry.Info[Context, None]
ENDPOINT = "graphql:reportStatus"

strawberry.enum(Step, name="ReportStep", description="A step of a report's progress.")


@strawberry.type(description="One step of a report's progress, in plain words.")
class TimelineEntry:
    step: Step
    at: datetime | None = strawberry.field(description="When; null while still to come.")
    text: str


@strawberry.type(description="A report's own progress: never anyone else's details.")
class ReportStatus:
    reference: str
    timeline: list[TimelineEntry]


@strawberry.type(description="Too many wrong codes for this reference, or from this client.")
class TooManyAttemptsError:
    message: str
    retry_after_seconds: int


ReportStatusResult = Annotated[
    ReportStatus | NotFoundError | TooManyAttemptsError | ForbiddenError,
    strawberry.union("ReportStatusResult"),
]


async def report_status(info: Info, reference: str, access_code: str) -> ReportStatusResult:
    request = info.context.request
    client = request.client.host if request is not None and request.client else "unknown"
    typed = "".join(reference.split()).upper()[:64]
    answer = await info.context.run(
        check_report, typed, access_code[:64], client, info.context.audit_log, ENDPOINT
    )
    if isinstance(answer, Refusal):
        if answer is Refusal.TOO_MANY:
            return TooManyAttemptsError(
                message="Too many attempts: wait, then try again.",
                retry_after_seconds=int(WINDOW_S),
            )
        return NotFoundError(message="No report matches that reference and access code.")
    entries = [TimelineEntry(step=e.step, at=e.at, text=e.text) for e in answer.timeline()]
    return ReportStatus(reference=typed, timeline=entries)


@strawberry.type
class StatusQueries:
    report_status: ReportStatusResult = strawberry.field(
        resolver=report_status,
        description="A report's progress, for its reference and access code (the complainant's).",
    )
