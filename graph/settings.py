"""The hub's settings: one class, read from ``OHCH_*`` environment variables and ``.env``.

Every variable is documented in ``docs/SETTINGS.md``; a test keeps that table and this class in
step. Unsafe defaults (no Neo4j auth, the development viewer token, the development password) are
refused when ``OHCH_ENV=production``.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Self

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_PASSWORD = "ohch-dev-password"  # noqa: S105 - a documented development default, refused in production


class Environment(enum.StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="OHCH_", env_file=".env", extra="ignore", frozen=True
    )

    env: Environment = Field(Environment.DEVELOPMENT, description="development, test or production")

    neo4j_uri: str | None = Field(
        None,
        validation_alias=AliasChoices("NEO4J_URI", "OHCH_NEO4J_URI"),
        description="Use this Neo4j instead of starting the local one",
    )
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "OHCH_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        SecretStr(DEV_PASSWORD),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "OHCH_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field("neo4j", description="Database every query names")
    neo4j_auth: bool = Field(True, description="Authenticate to Neo4j (refused off in production)")
    neo4j_retry_s: float = Field(5.0, ge=0, description="How long a transaction retries")

    local_neo4j_port: int = Field(7687, ge=1024, le=65535)
    local_neo4j_dir: Path = Field(Path(".ohch/neo4j"))
    local_neo4j_heap_mb: int = Field(2048, ge=256)
    local_neo4j_pagecache_mb: int = Field(1024, ge=64)
    local_neo4j_tx_log_retention: str = Field(
        "1G size",
        pattern=r"^(true|false|keep_all|keep_none"
        r"|[0-9]+[kKmMgG]? (files|size|txs|entries|hours|days))$",
        description="db.tx_log.rotation.retention_policy of the local Neo4j",
    )
    local_neo4j_start_timeout_s: float = Field(120.0, gt=0)
    launcher_dir: Path = Field(Path("neo4j-launcher"), description="Maven project of the launcher")

    api_host: str = "127.0.0.1"
    api_port: int = Field(8000, ge=1, le=65535)
    dev_viewer_token: SecretStr | None = Field(
        SecretStr("dev-analyst"),
        description="Development bearer token naming the viewer; refused in production",
    )

    journal_dir: Path = Field(Path(".ohch/journal"), description="Durable intake journal")
    journal_drain_interval_s: float = Field(5.0, gt=0)
    disclosure_log: Path = Field(
        Path(".ohch/disclosures.jsonl"), description="DPA 2018 s62 log of every export"
    )
    graphql_max_depth: int = Field(10, ge=2)
    graphql_max_aliases: int = Field(15, ge=1)

    @field_validator("dev_viewer_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        if self.env is Environment.PRODUCTION:
            problems = []
            if not self.neo4j_auth:
                problems.append("OHCH_NEO4J_AUTH must be true")
            if self.neo4j_password.get_secret_value() == DEV_PASSWORD:
                problems.append("NEO4J_PASSWORD must not be the development default")
            if self.dev_viewer_token is not None:
                problems.append("OHCH_DEV_VIEWER_TOKEN must be unset")
            if problems:
                raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @property
    def uses_external_neo4j(self) -> bool:
        return self.neo4j_uri is not None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.local_neo4j_port}"


def load_settings() -> Settings:
    return Settings()
