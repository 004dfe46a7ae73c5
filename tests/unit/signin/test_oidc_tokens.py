"""Every check on an access token, against a key set made here (the end-to-end test signs in
through a real Keycloak: tests/e2e/signin)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from api.signin.oidc import REFRESH_FLOOR_S, IdentityProvider, ProviderUnavailable
from graph.errors import Unauthenticated
from graph.settings import Settings

ISSUER = "https://sso.hub.police.example/realms/ohch"
JWKS_URI = f"{ISSUER}/protocol/openid-connect/certs"


class Provider:
    """A provider's published documents, with a clock the test moves."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {"k1": rsa.generate_private_key(65537, 2048)}
        self.fetched: list[str] = []
        self.now = 1000.0
        self.issuer = ISSUER

    def fetch(self, url: str) -> dict[str, Any]:
        self.fetched.append(url)
        if url.endswith("/.well-known/openid-configuration"):
            return {"issuer": self.issuer, "jwks_uri": JWKS_URI}
        assert url == JWKS_URI
        published = []
        for kid, key in self.keys.items():
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            published.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        return {"keys": published}

    def token(self, kid: str = "k1", **claims: Any) -> str:
        now = int(time.time())
        body = {
            "iss": ISSUER,
            "aud": ["ohch-api", "account"],
            "sub": "f00",
            "iat": now,
            "exp": now + 300,
            "preferred_username": "analyst.hub",
            **claims,
        }
        return jwt.encode(body, self.keys[kid], algorithm="RS256", headers={"kid": kid})

    def verifier(self, **settings: Any) -> IdentityProvider:
        return IdentityProvider(
            Settings(oidc_issuer=ISSUER, **settings), fetch=self.fetch, clock=lambda: self.now
        )


@pytest.fixture
def idp() -> Provider:
    return Provider()


def _segments(token: str) -> list[str]:
    return token.split(".")


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_good_token_gives_its_claims(idp: Provider) -> None:
    claims = idp.verifier().verify(idp.token())
    assert claims["preferred_username"] == "analyst.hub"
    assert idp.fetched == [f"{ISSUER}/.well-known/openid-configuration", JWKS_URI]


TIMES = ("exp", "nbf", "iat")  # given below as seconds from the moment the test runs


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({"exp": -120}, "expired"),
        ({"aud": "another-service"}, "not for this hub"),
        ({"iss": "https://sso.elsewhere.example/realms/ohch"}, "not issued by"),
        ({"nbf": 600}, "not valid yet"),
        ({"iat": 600}, "not valid yet"),
        ({"exp": None}, "lacks the .exp. claim"),
    ],
)
def test_claims_that_are_refused(idp: Provider, claims: dict[str, Any], message: str) -> None:
    now = int(time.time())  # at run time: a long run must not age the "future" claims
    token = idp.token(
        **{k: now + v if k in TIMES and v is not None else v for k, v in claims.items()}
    )
    if claims.get("exp", 0) is None:  # no expiry at all
        payload = json.loads(base64.urlsafe_b64decode(_segments(token)[1] + "=="))
        del payload["exp"]
        token = jwt.encode(payload, idp.keys["k1"], algorithm="RS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match=message):
        idp.verifier().verify(token)


def test_clocks_that_disagree_a_little_are_allowed(idp: Provider) -> None:
    token = idp.token(exp=int(time.time()) - 10)
    assert idp.verifier(oidc_clock_skew_s=30).verify(token)
    with pytest.raises(Unauthenticated, match="expired"):
        idp.verifier(oidc_clock_skew_s=0).verify(token)


def test_a_tampered_token_is_refused(idp: Provider) -> None:
    header, payload, signature = _segments(idp.token())
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["realm_access"] = {"roles": ["admin"]}
    with pytest.raises(Unauthenticated, match="signature does not verify"):
        idp.verifier().verify(f"{header}.{_b64(claims)}.{signature}")


def test_alg_none_is_refused(idp: Provider) -> None:
    claims = json.loads(base64.urlsafe_b64decode(_segments(idp.token())[1] + "=="))
    unsigned = f"{_b64({'alg': 'none', 'kid': 'k1'})}.{_b64(claims)}."
    with pytest.raises(Unauthenticated, match="'none' is not accepted"):
        idp.verifier().verify(unsigned)


def test_a_token_signed_with_the_public_key_as_an_hmac_secret_is_refused(idp: Provider) -> None:
    """The classic key-confusion attack: HS256 'signed' with the published RSA key."""
    public = (
        idp.keys["k1"]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    claims = json.loads(base64.urlsafe_b64decode(_segments(idp.token())[1] + "=="))
    forged = f"{_b64({'alg': 'HS256', 'kid': 'k1', 'typ': 'JWT'})}.{_b64(claims)}"
    mac = hmac.new(public, forged.encode(), hashlib.sha256).digest()
    signature = base64.urlsafe_b64encode(mac).rstrip(b"=").decode()
    with pytest.raises(Unauthenticated, match="'HS256' is not accepted"):
        idp.verifier().verify(f"{forged}.{signature}")


def test_a_key_the_provider_does_not_publish_is_refused(idp: Provider) -> None:
    stranger = rsa.generate_private_key(65537, 2048)
    token = jwt.encode(
        {"iss": ISSUER, "aud": "ohch-api", "sub": "x", "iat": 1, "exp": 2**31},
        stranger,
        algorithm="RS256",
        headers={"kid": "k9"},
    )
    with pytest.raises(Unauthenticated, match="key 'k9'"):
        idp.verifier().verify(token)


def test_a_key_id_reused_by_a_stranger_fails_the_signature(idp: Provider) -> None:
    stranger = rsa.generate_private_key(65537, 2048)
    token = jwt.encode(
        {"iss": ISSUER, "aud": "ohch-api", "sub": "x", "iat": 1, "exp": 2**31},
        stranger,
        algorithm="RS256",
        headers={"kid": "k1"},
    )
    with pytest.raises(Unauthenticated, match="signature does not verify"):
        idp.verifier().verify(token)


def test_rotated_keys_are_read_again_at_once(idp: Provider) -> None:
    verifier = idp.verifier()
    verifier.verify(idp.token())
    idp.now += REFRESH_FLOOR_S + 1
    idp.keys = {"k2": rsa.generate_private_key(65537, 2048)}
    assert verifier.verify(idp.token(kid="k2"))
    assert idp.fetched.count(JWKS_URI) == 2


def test_unknown_keys_do_not_make_the_hub_hammer_the_provider(idp: Provider) -> None:
    verifier = idp.verifier()
    verifier.verify(idp.token())
    other = Provider()
    for n in range(20):
        with pytest.raises(Unauthenticated):
            verifier.verify(jwt.encode({"sub": "x"}, other.keys["k1"], "RS256", {"kid": f"x{n}"}))
    assert idp.fetched.count(JWKS_URI) == 1


def test_keys_are_read_again_when_their_time_is_up(idp: Provider) -> None:
    verifier = idp.verifier(oidc_jwks_cache_s=300)
    verifier.verify(idp.token())
    idp.now += 301
    verifier.verify(idp.token())
    assert idp.fetched.count(JWKS_URI) == 2


def test_an_ec_key_is_accepted_when_published(idp: Provider) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))

    def fetch(url: str) -> dict[str, Any]:
        if url == JWKS_URI:
            return {"keys": [{**jwk, "kid": "e1", "use": "sig"}]}
        return idp.fetch(url)

    verifier = IdentityProvider(Settings(oidc_issuer=ISSUER), fetch=fetch)
    now = int(time.time())
    token = jwt.encode(
        {"iss": ISSUER, "aud": "ohch-api", "sub": "x", "iat": now, "exp": now + 60},
        key,
        algorithm="ES256",
        headers={"kid": "e1"},
    )
    assert verifier.verify(token)["sub"] == "x"


def test_a_discovery_document_for_another_issuer_is_not_trusted(idp: Provider) -> None:
    idp.issuer = "https://sso.elsewhere.example/realms/ohch"
    with pytest.raises(ProviderUnavailable, match="names issuer"):
        idp.verifier().verify(idp.token())


def test_not_a_jwt_at_all(idp: Provider) -> None:
    with pytest.raises(Unauthenticated, match="not a JWT"):
        idp.verifier().verify("abc.def")


def test_hmac_or_none_cannot_be_configured() -> None:
    with pytest.raises(ValueError, match="HS256"):
        IdentityProvider(Settings(oidc_issuer=ISSUER, oidc_algorithms=("RS256", "HS256")))
