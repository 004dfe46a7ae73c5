"""Builders for intelligence items shared by the intel tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from graph.intel.models import IntelItem

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

ItemFactory = Callable[..., IntelItem]


def item_data(
    n: int,
    *,
    handling: str = "P",
    purpose: str = "subject_identification",
    minutes: int | None = None,
) -> dict[str, Any]:
    """A typical item: suspect with account, victim with account and address, the incident."""
    updated = T0 + timedelta(minutes=n if minutes is None else minutes)
    grade: dict[str, Any] = {
        "source_evaluation": "2",
        "intelligence_assessment": "B",
        "handling_code": handling,
    }
    if handling == "C":
        grade["handling_conditions"] = ["Not to be shared outside policing", "Contact OIC first"]
    return {
        "id": f"intel-{n:07d}",
        "created_at": T0.isoformat(),
        "updated_at": updated.isoformat(),
        "summary": f"Account posting abuse, item {n}",
        "purpose": purpose,
        "grade": grade,
        "case_ids": [f"case-{n}"],
        "entities": [
            {
                "kind": "person",
                "id": f"s{n}",
                "full_name": "Sam Suspect",
                "categories": ["suspect"],
            },
            {"kind": "person", "id": f"v{n}", "full_name": "Vic Tim", "categories": ["victim"]},
            {"kind": "object", "id": f"sa{n}", "object_type": "account", "identifier": "@abuser"},
            {"kind": "object", "id": f"va{n}", "object_type": "account", "identifier": "@target"},
            {"kind": "object", "id": f"u{n}", "object_type": "url", "identifier": "https://x/1"},
            {"kind": "location", "id": f"l{n}", "postcode": "M46 9XF", "latitude": 53.5},
            {"kind": "event", "id": f"e{n}", "event_type": "incident", "description": 'a, "b"'},
        ],
        "relationships": [
            {"source_id": f"s{n}", "type": "USES", "target_id": f"sa{n}"},
            {"source_id": f"v{n}", "type": "USES", "target_id": f"va{n}"},
            {"source_id": f"v{n}", "type": "RESIDES_AT", "target_id": f"l{n}"},
            {"source_id": f"sa{n}", "type": "POSTED", "target_id": f"u{n}"},
            {"source_id": f"sa{n}", "type": "TARGETED", "target_id": f"va{n}"},
            {"source_id": f"s{n}", "type": "INVOLVED_IN", "target_id": f"e{n}"},
        ],
    }
