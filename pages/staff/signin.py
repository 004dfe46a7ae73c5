"""Signing staff in: the OpenID Connect authorisation code flow with PKCE (RFC 7636).

1. ``begin``: a random ``state``, ``nonce`` and code verifier, sealed in a short-lived cookie;
   the browser goes to the provider's authorisation endpoint with the verifier's S256 challenge.
2. ``finish``: the provider sends the browser back with a code and the state; the state must
   match the cookie's, the code is exchanged (with the verifier) at the token endpoint, server
   to server, and the access token is checked as the API checks every token (issuer, audience,
   signature, times: ``api/signin/oidc.py``); its claims give the viewer. Only staff roles may
   sign in to the workspace.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from api.signin.claims import ClaimMapping, viewer_from_claims
from api.signin.oidc import IdentityProvider, ProviderUnavailable, fetch_json
from graph.errors import Forbidden, Unauthenticated
from graph.settings import Settings
from graph.viewer import Role, Viewer
from pages import csrf
from pages.staff.session import StaffSession

FLOW_COOKIE = "ohch_signin"
FLOW_PURPOSE = "staff-signin"
FLOW_MINUTES = 10
CALLBACK = "/staff/sign-in/callback"
NOT_STAFF = frozenset({Role.PUBLIC, Role.VICTIM, Role.EXPORTER})


@dataclass(frozen=True, slots=True)
class Endpoints:
    authorization: str
    token: str
    end_session: str | None


def endpoints(settings: Settings) -> Endpoints:
    if settings.oidc_issuer is None:
        raise ProviderUnavailable("no identity provider is configured (OHCH_OIDC_ISSUER)")
    document = fetch_json(f"{settings.oidc_issuer}/.well-known/openid-configuration")
    try:
        return Endpoints(
            authorization=str(document["authorization_endpoint"]),
            token=str(document["token_endpoint"]),
            end_session=document.get("end_session_endpoint"),
        )
    except KeyError as missing:
        raise ProviderUnavailable(f"the discovery document names no {missing}") from None


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _safe_return(path: str | None) -> str:
    """Only a path of the workspace itself: never an address elsewhere (an open redirect)."""
    if path and path.startswith("/staff") and not path.startswith("//") and "\\" not in path:
        return path
    return "/staff"


def begin(settings: Settings, redirect_uri: str, return_to: str | None) -> tuple[str, str]:
    """(the provider's sign-in address, the sealed flow cookie)."""
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    query = {
        "response_type": "code",
        "client_id": settings.oidc_web_client_id,
        "redirect_uri": redirect_uri,
        "scope": "openid",
        "state": state,
        "nonce": nonce,
        "code_challenge": _challenge(verifier),
        "code_challenge_method": "S256",
    }
    flow = json.dumps(
        {"s": state, "v": verifier, "r": _safe_return(return_to),
         "e": int((datetime.now(UTC) + timedelta(minutes=FLOW_MINUTES)).timestamp())},
        separators=(",", ":"),
    )  # fmt: skip
    cookie = csrf.sealed(FLOW_PURPOSE, base64.urlsafe_b64encode(flow.encode()).decode())
    address = f"{endpoints(settings).authorization}?{urllib.parse.urlencode(query)}"
    return address, cookie


def _flow(cookie: str | None, state: str) -> dict[str, Any]:
    value = csrf.unsealed(FLOW_PURPOSE, cookie)
    if value is None:
        raise Unauthenticated("the sign-in was not started here, or took too long: try again")
    flow: dict[str, Any] = json.loads(base64.urlsafe_b64decode(value.encode()))
    if flow["e"] < datetime.now(UTC).timestamp():
        raise Unauthenticated("the sign-in took more than ten minutes: try again")
    if not secrets.compare_digest(str(flow["s"]), state):
        raise Unauthenticated("the sign-in's state does not match: try again")
    return flow


def _exchange(settings: Settings, code: str, verifier: str, redirect_uri: str) -> str:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": settings.oidc_web_client_id,
        "code_verifier": verifier,
    }
    if settings.oidc_web_client_secret is not None:
        form["client_secret"] = settings.oidc_web_client_secret.get_secret_value()
    request = urllib.request.Request(  # noqa: S310 - the configured provider's token endpoint
        endpoints(settings).token,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            answer = json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise Unauthenticated("the identity provider refused the sign-in: try again") from error
    except (OSError, ValueError) as error:
        raise ProviderUnavailable(
            f"the identity provider's token endpoint failed: {error}"
        ) from None
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str):
        raise Unauthenticated("the identity provider sent no access token")
    return token


def finish(
    settings: Settings,
    provider: IdentityProvider,
    code: str,
    state: str,
    flow_cookie: str | None,
    redirect_uri: str,
) -> tuple[StaffSession, str]:
    """(the staff session, where to go next); Unauthenticated or Forbidden with the reason."""
    flow = _flow(flow_cookie, state)
    token = _exchange(settings, code, str(flow["v"]), redirect_uri)
    viewer: Viewer = viewer_from_claims(provider.verify(token), ClaimMapping.of(settings))
    if viewer.role in NOT_STAFF:
        raise Forbidden(
            f"the workspace is for hub staff and force officers, not a {viewer.role.value}"
        )
    expires = datetime.now(UTC) + timedelta(hours=settings.staff_session_hours)
    return StaffSession(viewer.user_id, viewer.role, viewer.force_code, expires), str(flow["r"])
