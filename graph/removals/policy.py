"""The removal policy: how long each platform is given to answer and what its pack holds."""

from __future__ import annotations

import enum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from graph.policy_files import VersionedPolicy, load_policy


class PackFormat(enum.StrEnum):
    JSON = "json"
    CSV = "csv"


class PlatformTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    due_hours: int = Field(ge=1, le=24 * 90)
    formats: tuple[PackFormat, ...] = Field(min_length=1)


class ReuploadTerms(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text_similarity: float = Field(ge=50, le=100)
    min_letters: int = Field(ge=1)


class RemovalPolicy(VersionedPolicy):
    default: PlatformTerms
    reupload: ReuploadTerms
    platform: dict[str, PlatformTerms] = Field(default_factory=dict)

    def terms(self, platform_id: str) -> PlatformTerms:
        return self.platform.get(platform_id, self.default)


@cache
def removal_policy() -> RemovalPolicy:
    return load_policy("graph.removals", "removal_policy.toml", RemovalPolicy)
