"""A referral document as a GraphQL variable of type ``ReferralInput``: the same fields under
the same names; only the closed vocabularies are written as the enums' member names."""

from __future__ import annotations

import copy
from typing import Any


def _member(value: str) -> str:
    return value.upper()


def referral_input(payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` (a contract document, e.g. ``tests.factories.referral()``) as the input."""
    document = copy.deepcopy(payload)
    for party in ("reporter", "victim"):
        if isinstance(document.get(party), dict) and "role" in document[party]:
            document[party]["role"] = _member(document[party]["role"])
    incident = document.get("incident")
    if isinstance(incident, dict):
        if "location_type" in incident:
            incident["location_type"] = _member(incident["location_type"])
        if "strands" in incident:
            incident["strands"] = [_member(s) for s in incident["strands"]]
    return document
