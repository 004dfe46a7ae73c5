"""The schema's one DateTime: UTC, ISO 8601, always to the microsecond, ending in ``Z``.

Every time the API returns has the same shape (``2026-03-01T12:00:00.000000Z``), whatever
precision the store kept, so clients compare and sort them as text. Inputs accept any ISO 8601
time with an offset, kept with that offset (a referral's times stay as the sender wrote them);
a time without one is refused, naming the value.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.errors import InvalidValue


def serialise(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a naive datetime reached the API")  # a defect, not a caller's error
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidValue("DateTime", f"{text!r} is not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise InvalidValue("DateTime", f"{text!r} has no UTC offset (add Z or +00:00)")
    return moment  # with the offset it was given: a referral keeps the times as sent


DATETIME = strawberry.scalar(
    name="DateTime",
    description="A UTC time, ISO 8601 to the microsecond: 2026-03-01T12:00:00.000000Z.",
    serialize=serialise,
    parse_value=parse,
)

SCALARS: Mapping[object, ScalarDefinition] = {datetime: DATETIME}  # the schema's scalar_map
