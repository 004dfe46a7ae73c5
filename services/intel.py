"""Graded intelligence items, created by analysts from cases (``graph/intel/from_case.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.access import Capability
from graph.intel import from_case
from graph.intel.models import IntelItem
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "create_intel_item": Capability.CREATE_INTELLIGENCE,
}


@use_case
def create_intel_item(
    caller: Caller, case_id: str, grade: Mapping[str, Any], summary: str, purpose: str
) -> IntelItem:
    """Validate (3x5x2 grade, C needs conditions, POLE shape) and store an item about a case,
    created by the viewer; NotFound if the case does not exist or has no reports."""
    return from_case.create_item(
        caller.graph, case_id, dict(grade), summary, purpose, caller.viewer.user_id
    )
