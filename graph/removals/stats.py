"""How platforms answer: time to removal and refusal rate, per platform and per offence. Pure.

Time to removal runs from when the referral was sent to when the platform removed or
restricted the content. Percentiles are nearest-rank (the value a reader can find in the
list), so a median of an even count is the lower middle value.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from graph.removals.lifecycle import ANSWERS, Status


@dataclass(frozen=True, slots=True)
class Answered:
    """One referral that was sent: its platform, offences and answer (if any yet)."""

    platform: str
    offences: tuple[str, ...]
    status: Status
    sent_at: datetime
    answered_at: datetime | None


@dataclass(frozen=True, slots=True)
class RemovalStats:
    key: str  # a platform id or an offence id
    sent: int
    answered: int
    removed: int  # removed or restricted
    refused: int
    no_response: int
    median_hours_to_removal: float | None
    p90_hours_to_removal: float | None

    @property
    def refusal_rate(self) -> float | None:
        return self.refused / self.answered if self.answered else None


def nearest_rank(values: list[float], percentile: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percentile / 100 * len(ordered)) - 1)]


def _stats(key: str, items: list[Answered]) -> RemovalStats:
    hours = [
        (i.answered_at - i.sent_at).total_seconds() / 3600
        for i in items
        if i.status in (Status.REMOVED, Status.RESTRICTED) and i.answered_at is not None
    ]
    return RemovalStats(
        key=key,
        sent=len(items),
        answered=sum(i.status in ANSWERS for i in items),
        removed=len(hours),
        refused=sum(i.status is Status.REFUSED for i in items),
        no_response=sum(i.status is Status.NO_RESPONSE for i in items),
        median_hours_to_removal=nearest_rank(hours, 50),
        p90_hours_to_removal=nearest_rank(hours, 90),
    )


def by_platform(items: Iterable[Answered]) -> list[RemovalStats]:
    groups: dict[str, list[Answered]] = defaultdict(list)
    for item in items:
        groups[item.platform].append(item)
    return [_stats(key, groups[key]) for key in sorted(groups)]


def by_offence(items: Iterable[Answered]) -> list[RemovalStats]:
    groups: dict[str, list[Answered]] = defaultdict(list)
    for item in items:
        for offence in item.offences or ("platform_policy",):
            groups[offence].append(item)
    return [_stats(key, groups[key]) for key in sorted(groups)]


class StatsBy(enum.StrEnum):
    """What removal statistics are grouped by."""

    PLATFORM = "platform"
    OFFENCE = "offence"


def grouped(items: Iterable[Answered], by: StatsBy) -> list[RemovalStats]:
    return by_platform(items) if by is StatsBy.PLATFORM else by_offence(items)
