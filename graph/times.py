"""Times as the hub writes them in its files: UTC, ISO 8601, ending in ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_iso(moment: datetime) -> str:
    """``2026-03-01T12:00:00Z``: as pydantic writes the hub's own UTC datetimes."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
