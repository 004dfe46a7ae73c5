"""How long a platform preserves data, and when the hub reminds the analyst."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from pydantic import Field

from graph.policy_files import VersionedPolicy, load_policy


class DataRequestPolicy(VersionedPolicy):
    preservation_days: int = Field(ge=1, le=365)
    extension_days: int = Field(ge=1, le=365)
    remind_days_before: int = Field(ge=0, le=90)
    platform_preservation_days: dict[str, int] = Field(default_factory=dict)

    def preserved_until(self, platform: str, sent_at: datetime) -> datetime:
        days = self.platform_preservation_days.get(platform, self.preservation_days)
        return sent_at + timedelta(days=days)

    def extended(self, expires_at: datetime) -> datetime:
        return expires_at + timedelta(days=self.extension_days)

    def reminder_from(self, expires_at: datetime) -> datetime:
        return expires_at - timedelta(days=self.remind_days_before)

    def reminder_horizon(self, now: datetime) -> datetime:
        """Preservations ending before this are in their reminder window now."""
        return now + timedelta(days=self.remind_days_before)


@cache
def data_request_policy() -> DataRequestPolicy:
    return load_policy("graph.data_requests", "data_request_policy.toml", DataRequestPolicy)
