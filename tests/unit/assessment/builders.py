"""Case facts for the assessment tests: an ordinary online report, overridden per test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from graph.assessment.models import CaseFacts, PerceivedBy
from graph.law.offences import Strand

NOW = datetime(2024, 3, 2, 12, 0, tzinfo=UTC)


def facts(**overrides: Any) -> CaseFacts:
    data: dict[str, Any] = {
        "occurred_on": date(2024, 3, 1),
        "received_at": datetime(2024, 3, 2, 10, 0, tzinfo=UTC),
        "strands": frozenset({Strand.RACE}),
        "online": True,
        "perceived_by": frozenset({PerceivedBy.VICTIM}),
    }
    data.update(overrides)
    return CaseFacts.model_validate(data)
