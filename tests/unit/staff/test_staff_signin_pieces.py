"""The staff sign-in's pieces: a sealed session nobody can forge or stretch, PKCE as RFC 7636
computes it, and a sign-in that only ever returns to the workspace."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from graph.errors import Unauthenticated
from graph.settings import Settings
from graph.viewer import Role
from pages.staff import signin
from pages.staff.session import StaffSession, opened
from pages.staff.signin import Endpoints

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _session(hours: int = 10) -> StaffSession:
    return StaffSession("dc.patel", Role.HUB_ANALYST, None, NOW + timedelta(hours=hours))


def test_a_sealed_session_opens_until_it_expires() -> None:
    cookie = _session().seal()
    assert opened(cookie, NOW) == _session()
    assert opened(cookie, NOW + timedelta(hours=10)) is None


def test_a_changed_session_is_refused() -> None:
    value, _, signature = _session().seal().rpartition(".")
    data = json.loads(base64.urlsafe_b64decode(value))
    data["r"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).decode()
    assert opened(f"{forged}.{signature}", NOW) is None
    assert opened("not-a-cookie", NOW) is None
    assert opened(None, NOW) is None


def test_pkce_challenge_is_rfc_7636_s256() -> None:
    # RFC 7636, appendix B
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert signin._challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


@pytest.mark.parametrize(
    ("asked", "returned"),
    [("/staff/cases/1", "/staff/cases/1"), ("https://evil.example/staff", "/staff"),
     ("//evil.example/staff", "/staff"), ("/graphql", "/staff"), (None, "/staff")],
)  # fmt: skip
def test_the_sign_in_returns_only_to_the_workspace(asked: str | None, returned: str) -> None:
    assert signin._safe_return(asked) == returned


def test_begin_sends_the_challenge_and_finish_needs_the_same_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = Endpoints("https://idp.example/auth", "https://idp.example/token", None)
    monkeypatch.setattr(signin, "endpoints", lambda settings: found)
    settings = Settings(oidc_issuer="https://idp.example")
    address, cookie = signin.begin(settings, "http://127.0.0.1:8000/staff/sign-in/callback", None)
    query = {k: v[0] for k, v in parse_qs(urlsplit(address).query).items()}
    assert address.startswith("https://idp.example/auth?")
    assert query["code_challenge_method"] == "S256"
    assert query["client_id"] == "ohch-web"
    assert query["response_type"] == "code"
    flow = signin._flow(cookie, query["state"])
    assert signin._challenge(flow["v"]) == query["code_challenge"]
    with pytest.raises(Unauthenticated, match="state does not match"):
        signin._flow(cookie, "another state")
    with pytest.raises(Unauthenticated, match="not started here"):
        signin._flow(cookie + "x", query["state"])
