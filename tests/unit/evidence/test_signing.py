"""The hub's signing key: from OHCH_EVIDENCE_SIGNING_KEY, else made once outside production."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from graph.evidence.signing import (
    DEV_KEY,
    ENV_VAR,
    SigningKeyError,
    create_key,
    fingerprint,
    hub_key,
    load_private_key,
)
from graph.settings import Environment, Settings


def test_development_makes_a_private_key_once_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    first = hub_key(Settings(env=Environment.DEVELOPMENT))
    assert stat.S_IMODE((tmp_path / DEV_KEY).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / DEV_KEY).parent.stat().st_mode) == 0o700
    again = hub_key(Settings(env=Environment.DEVELOPMENT))
    assert fingerprint(first.public_key()) == fingerprint(again.public_key())
    assert re.fullmatch(r"SHA256:[0-9a-f]{64}", fingerprint(first.public_key()))


def test_production_needs_the_setting_and_never_makes_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(ENV_VAR, raising=False)
    production = {
        "env": Environment.PRODUCTION,
        "NEO4J_PASSWORD": "a-real-secret",
        "dev_viewer_token": None,
        "oidc_issuer": "https://sso.example/realms/ohch",
        "web_secret": "w" * 32,
    }
    with pytest.raises(SigningKeyError, match=ENV_VAR):
        hub_key(Settings(**production))  # type: ignore[arg-type]
    missing = Settings(**production, evidence_signing_key=tmp_path / "missing.pem")  # type: ignore[arg-type]
    with pytest.raises(SigningKeyError, match="cannot read"):
        hub_key(missing)
    assert not (tmp_path / "missing.pem").exists()
    create_key(tmp_path / "hub.pem")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "hub.pem"))  # read as the setting
    assert fingerprint(hub_key(Settings(**production)).public_key()) == fingerprint(  # type: ignore[arg-type]
        load_private_key(tmp_path / "hub.pem", create=False).public_key()
    )


def test_a_key_that_is_not_ed25519_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.pem").write_text(
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"
    )
    with pytest.raises(SigningKeyError):
        load_private_key(tmp_path / "bad.pem", create=False)
