"""OpenID Connect access tokens, checked with PyJWT against the identity provider's keys.

The provider's discovery document (``{issuer}/.well-known/openid-configuration``) names its
key set (``jwks_uri``). Keys are kept for ``OHCH_OIDC_JWKS_CACHE_S``; a token signed by a key
not in the set makes the hub read the set again at once (a provider that rotated its keys),
but at most once every :data:`REFRESH_FLOOR_S`, so tokens with made-up key ids cannot make the
hub hammer the provider. Checked on every token: the signature (with an accepted asymmetric
algorithm only: never ``none`` nor HMAC, whose key a client could choose), issuer, audience,
expiry, not-before and issued-at, with ``OHCH_OIDC_CLOCK_SKEW_S`` of leeway.

Reads are blocking (urllib); the API calls :meth:`IdentityProvider.verify` off the event loop.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

import jwt

from graph.errors import GraphUnavailable, Unauthenticated
from graph.settings import Settings

REFRESH_FLOOR_S = 60.0
FETCH_TIMEOUT_S = 5.0
ASYMMETRIC = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)


class ProviderUnavailable(GraphUnavailable):
    """The identity provider could not be read; the caller may retry (503)."""


def fetch_json(url: str) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - the configured provider
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_S) as response:  # noqa: S310
            document = json.loads(response.read())
    except (OSError, ValueError) as error:
        raise ProviderUnavailable(
            f"the identity provider did not answer at {url}: {error}"
        ) from None
    if not isinstance(document, dict):
        raise ProviderUnavailable(f"the identity provider's {url} is not a JSON object")
    return document


class IdentityProvider:
    """One provider (``OHCH_OIDC_ISSUER``); thread-safe, one per process."""

    def __init__(
        self,
        settings: Settings,
        fetch: Callable[[str], dict[str, Any]] = fetch_json,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if settings.oidc_issuer is None:
            raise ValueError("OHCH_OIDC_ISSUER is not set")
        refused = set(settings.oidc_algorithms) - ASYMMETRIC
        if refused:
            raise ValueError(f"OHCH_OIDC_ALGORITHMS: {sorted(refused)} are not accepted")
        self.issuer = settings.oidc_issuer
        self.audience = settings.oidc_audience
        self.algorithms = list(settings.oidc_algorithms)
        self.leeway = settings.oidc_clock_skew_s
        self.keys_lifetime = float(settings.oidc_jwks_cache_s)
        self._fetch = fetch
        self._clock = clock
        self._lock = threading.Lock()
        self._jwks_uri: str | None = None
        self._keys: Mapping[str, jwt.PyJWK] = {}
        self._keys_read_at: float | None = None

    def _discover(self) -> str:
        if self._jwks_uri is None:
            document = self._fetch(f"{self.issuer}/.well-known/openid-configuration")
            if document.get("issuer") != self.issuer:  # OpenID Connect Discovery 1.0, 4.3
                raise ProviderUnavailable(
                    f"the discovery document names issuer {document.get('issuer')!r}, "
                    f"not {self.issuer!r}"
                )
            uri = document.get("jwks_uri")
            if not isinstance(uri, str):
                raise ProviderUnavailable("the discovery document names no jwks_uri")
            self._jwks_uri = uri
        return self._jwks_uri

    def _read_keys(self) -> None:
        document = self._fetch(self._discover())
        keys: dict[str, jwt.PyJWK] = {}
        for entry in document.get("keys", []):
            if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
                continue
            try:
                key = jwt.PyJWK(entry)
            except jwt.PyJWTError:
                continue  # a key type this library cannot use (e.g. an encryption key)
            if isinstance(entry.get("kid"), str):
                keys[entry["kid"]] = key
        self._keys = keys
        self._keys_read_at = self._clock()

    def signing_key(self, kid: str) -> jwt.PyJWK:
        with self._lock:
            now = self._clock()
            stale = self._keys_read_at is None or now - self._keys_read_at > self.keys_lifetime
            may_refresh = self._keys_read_at is None or now - self._keys_read_at > REFRESH_FLOOR_S
            if stale or (kid not in self._keys and may_refresh):
                self._read_keys()
            key = self._keys.get(kid)
        if key is None:
            raise Unauthenticated(
                f"the token is signed by key {kid!r}, which the provider does not publish"
            )
        return key

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims once every check has passed; :class:`Unauthenticated` naming the
        first that failed."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"the bearer token is not a JWT: {error}") from None
        algorithm = header.get("alg")
        if algorithm not in self.algorithms:
            raise Unauthenticated(f"the token's algorithm {algorithm!r} is not accepted")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise Unauthenticated("the token names no signing key (kid)")
        key = self.signing_key(kid)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key=key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("the token has expired; sign in again") from None
        except jwt.MissingRequiredClaimError as error:
            if error.claim == "aud":
                raise Unauthenticated(
                    f"the token names no audience: it is not for this hub ({self.audience!r})"
                ) from None
            raise Unauthenticated(f"the token lacks the {error.claim!r} claim") from None
        except jwt.InvalidAudienceError:
            raise Unauthenticated(
                f"the token is not for this hub (audience {self.audience!r})"
            ) from None
        except jwt.InvalidIssuerError:
            raise Unauthenticated(f"the token was not issued by {self.issuer}") from None
        except jwt.ImmatureSignatureError:
            raise Unauthenticated("the token is not valid yet (nbf or iat in the future)") from None
        except jwt.InvalidSignatureError:
            raise Unauthenticated("the token's signature does not verify") from None
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"the token is not valid: {error}") from None
        return claims
