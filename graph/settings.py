"""The hub's settings: one class, read from ``OHCH_*`` environment variables and ``.env``.

Every variable is documented in ``docs/SETTINGS.md``; a test keeps that table and this class in
step. Unsafe defaults (no Neo4j auth, the development viewer token, the development password) are
refused when ``OHCH_ENV=production``.
"""

from __future__ import annotations

import enum
import ipaddress
from datetime import date
from pathlib import Path
from typing import Literal, Self
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.attachments.clamd import parse_address
from graph.attachments.scanning import Unscanned

# Before it, a date a bulk file carries is a mistake (ingest/report_dates.py): the hub counts
# online hate reported since True Vision's online form (2011), with years to spare.
DEFAULT_EARLIEST_REPORT_DATE = date(2005, 1, 1)

# The password local stores made before graph/neo4j_password.py were given; refused in production.
DEV_PASSWORD = "ohch-dev-password"  # noqa: S105


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
    neo4j_password: SecretStr | None = Field(
        None,
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
    startup_write_wait_s: float = Field(
        30.0,
        ge=0,
        description="How long a write waits for the API's start-up preparation (schema, data "
        "upgrades) before the caller is told the graph is unavailable",
    )
    earliest_report_date: date = Field(
        DEFAULT_EARLIEST_REPORT_DATE,
        description="The earliest report or incident date a bulk file may carry; an earlier "
        "one is counted at its receipt, with a warning (docs/STATISTICS.md)",
    )
    audit_log: Path = Field(
        Path(".ohch/audit/audit.jsonl"),
        description="The audit trail (DPA 2018 s62): append-only, hash-chained",
    )
    graphql_max_depth: int = Field(10, ge=2)
    graphql_max_aliases: int = Field(15, ge=1)
    graphql_max_tokens: int = Field(5000, ge=100, description="Tokens in one GraphQL document")
    graphql_explore: bool | None = Field(
        None,
        description="Introspection, field suggestions and GraphiQL (default: on except in "
        "production)",
    )
    graphql_max_body_bytes: int = Field(
        262_144, ge=4096, description="Largest GraphQL request body read (413 above it)"
    )
    api_max_json_depth: int = Field(
        32, ge=4, description="Deepest nesting of arrays and objects in a JSON body"
    )

    intake_rate_per_minute: int = Field(
        20,
        ge=0,
        description="Submissions a minute one address may make to the public door without a "
        "token (0: no limit)",
    )
    intake_partner_rate_per_minute: int = Field(
        600,
        ge=0,
        description="Submissions a minute one partner (role partner) may make (0: no limit)",
    )
    intake_rate_lease: int = Field(
        16,
        ge=1,
        le=1000,
        description="Most tokens an API worker takes at once from a client's shared rate "
        "bucket and spends itself (never more than a tenth of the rate; 1: one a submission)",
    )
    intake_public_source: str = Field(
        "true-vision",
        pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$",
        description="The source every anonymous referral (the public site, the report form) "
        "is written under",
    )
    intake_batch_window_ms: float = Field(
        5.0,
        ge=0,
        le=1000,
        description="How long the API gathers referrals submitted together into one "
        "transaction (0: each its own)",
    )
    intake_batch_max: int = Field(
        64, ge=1, le=1000, description="Most referrals the API writes in one transaction"
    )

    web_secret: SecretStr | None = Field(
        None,
        min_length=32,
        description="Signs the web forms' CSRF and form tokens (32 characters or more)",
    )
    limits_key: SecretStr | None = Field(
        None,
        min_length=32,
        description="Keys the hash that names a rate or attempt counter in the graph "
        "(graph/limits/; unset: derived from OHCH_WEB_SECRET)",
    )
    web_assets_dir: Path | None = Field(
        None, description="Built web assets (default: web/dist beside the code)"
    )
    evidence_signing_key: Path | None = Field(
        None, description="PEM file of the hub's Ed25519 key that signs evidence packages"
    )
    evidence_dir: Path = Field(
        Path(".ohch/evidence"),
        description="Evidence files people send, stored by SHA-256 (graph/attachments/)",
    )
    evidence_max_image_bytes: int = Field(
        10 * 1024 * 1024, ge=1024, description="Largest image (PNG, JPEG, GIF, WebP) taken"
    )
    evidence_max_pdf_bytes: int = Field(10 * 1024 * 1024, ge=1024, description="Largest PDF taken")
    evidence_max_video_bytes: int = Field(
        200 * 1024 * 1024, ge=1024, description="Largest video (MP4, WebM, MOV) taken"
    )
    clamd: str | None = Field(
        None,
        description="The virus scanner's clamd (unix:///run/clamav/clamd.ctl or tcp://host:3310); "
        "unset: no scanner (graph/attachments/clamd.py)",
    )
    clamd_timeout_s: float = Field(
        120.0, gt=0, le=600, description="How long clamd may take over each step of a scan"
    )
    evidence_unscanned: Literal["hold", "refuse", "accept"] | None = Field(
        None,
        description="What to do with an evidence file that could not be scanned; unset: hold "
        "in production, accept elsewhere (graph/attachments/scanning.py)",
    )
    reupload_image_distance: int = Field(
        31, ge=0, le=128, description="PDQ bits two images may differ by and be the same picture"
    )
    log_format: Literal["json", "text"] = Field(
        "json", description="json: one JSON object a line (production); text: for a terminal"
    )
    metrics_token: SecretStr | None = Field(
        None,
        description="Bearer token Prometheus sends for /metrics (required in production; "
        "without it /metrics is not served there)",
    )
    nim_export_dir: Path | None = Field(
        None, description="The NIM export folder the scheduler writes to and /metrics watches"
    )
    schedule_file: Path | None = Field(
        None, description="The deployment's job schedule (TOML; default: the hub's own)"
    )
    guidance_dir: Path | None = Field(
        None,
        description="Folder of the hub's own guidance notes (*.md), used instead of the "
        "notes that ship with it (docs/ADVICE.md)",
    )
    smtp_host: str | None = Field(
        None, description="SMTP server for complainant updates (unset: nothing is sent)"
    )
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_sender: str | None = Field(None, description="From address of complainant updates")
    smtp_starttls: bool = Field(True, description="Upgrade SMTP connections to TLS")
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    platform_api_endpoints: dict[str, str] = Field(
        default_factory=dict,
        description="JSON: platform id -> the https endpoint its removal packs are posted to",
    )
    platform_api_tokens: dict[str, SecretStr] = Field(
        default_factory=dict, description="JSON: platform id -> the bearer token for its API"
    )

    oidc_issuer: str | None = Field(
        None, description="The identity provider's issuer URL (its discovery document is read)"
    )
    oidc_audience: str = Field("ohch-api", description="The audience access tokens must carry")
    oidc_roles_claim: str = Field(
        "realm_access.roles", description="Dotted path to the claim listing the user's roles"
    )
    oidc_force_claim: str = Field(
        "force_code", description="Claim holding a force role's force code"
    )
    oidc_user_claim: str = Field(
        "preferred_username", description="Claim naming the user in the audit trail"
    )
    oidc_source_claim: str = Field(
        "ohch_source", description="Claim naming the source a partner may write under"
    )
    oidc_role_map: dict[str, str] = Field(
        default_factory=dict,
        description="JSON: identity provider role name -> hub role (default: the hub's own "
        "role names)",
    )
    oidc_algorithms: tuple[str, ...] = Field(
        ("RS256", "PS256", "ES256"), description="Signature algorithms accepted (JSON list)"
    )
    oidc_clock_skew_s: int = Field(30, ge=0, le=300, description="Leeway on exp, nbf and iat")
    oidc_web_client_id: str = Field(
        "ohch-web", description="The client the staff pages sign in with (code flow, PKCE)"
    )
    oidc_web_client_secret: SecretStr | None = Field(
        None, description="Its secret, if the provider makes it a confidential client"
    )
    public_url: str | None = Field(
        None,
        description="The hub's address as staff browsers reach it (https://...), for the "
        "sign-in redirect; default: the address of each request",
    )
    staff_session_hours: int = Field(
        10, ge=1, le=24, description="How long a staff sign-in lasts (about a shift)"
    )
    oidc_jwks_cache_s: int = Field(
        300, ge=10, description="How long published keys are kept before they are read again"
    )

    @field_validator("dev_viewer_token", "metrics_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Self:
        if self.env is Environment.PRODUCTION:
            problems = []
            if not self.neo4j_auth:
                problems.append("OHCH_NEO4J_AUTH must be true")
            if self.neo4j_password is None:
                problems.append("NEO4J_PASSWORD must be set")
            elif self.neo4j_password.get_secret_value() == DEV_PASSWORD:
                problems.append("NEO4J_PASSWORD must not be the development default")
            if self.dev_viewer_token is not None:
                problems.append("OHCH_DEV_VIEWER_TOKEN must be unset")
            if self.oidc_issuer is None:
                problems.append("OHCH_OIDC_ISSUER must name the identity provider")
            if self.web_secret is None:
                problems.append("OHCH_WEB_SECRET must be set (every worker signs forms with it)")
            if problems:
                raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @field_validator("clamd")
    @classmethod
    def _clamd_is_an_address(cls, value: str | None) -> str | None:
        if not value:
            return None
        parse_address(value)  # its ValueError names what is wrong
        return value

    @field_validator("oidc_issuer")
    @classmethod
    def _issuer_is_https_or_loopback(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname)):
            return value.rstrip("/")
        raise ValueError("must be an https URL (plain http only on this machine's loopback)")

    @field_validator("platform_api_endpoints")
    @classmethod
    def _endpoints_are_https_or_loopback(cls, value: dict[str, str]) -> dict[str, str]:
        for platform, url in value.items():
            parts = urlsplit(url)
            if not (
                parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname))
            ):
                raise ValueError(f"{platform}: must be an https URL (http only on loopback)")
        return value

    @property
    def explorable(self) -> bool:
        """Introspection, field suggestions and the GraphiQL page."""
        if self.graphql_explore is not None:
            return self.graphql_explore
        return self.env is not Environment.PRODUCTION

    @property
    def dev_tokens_accepted(self) -> bool:
        """Development tokens name any role; they are honoured only outside production and
        only on an API bound to loopback, where no one else can send one."""
        return (
            self.env is not Environment.PRODUCTION
            and self.dev_viewer_token is not None
            and is_loopback(self.api_host)
        )

    @property
    def unscanned_policy(self) -> Unscanned:
        """``OHCH_EVIDENCE_UNSCANNED``, or its default: production never keeps an unscanned
        public file where staff could open it, so it holds them; development and tests,
        which rarely run a scanner, accept them (docs/SETTINGS.md)."""
        if self.evidence_unscanned is not None:
            return Unscanned(self.evidence_unscanned)
        return Unscanned.HOLD if self.env is Environment.PRODUCTION else Unscanned.ACCEPT

    @property
    def uses_external_neo4j(self) -> bool:
        return self.neo4j_uri is not None

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.local_neo4j_port}"


def is_loopback(host: str | None) -> bool:
    """``localhost`` or a loopback address (``[::1]`` as a URL writes it too)."""
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_settings() -> Settings:
    return Settings()
