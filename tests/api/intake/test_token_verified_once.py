"""A partner's referral is rate-limited by its account, which needs its token verified before
the route runs; the route is given that viewer, so a token is verified once a request."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.signin.viewer import SignIn
from graph.viewer import Viewer
from tests.factories import referral


def test_a_partners_token_is_verified_once_a_request(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str | None] = []
    verify = SignIn._viewer

    async def counted(self: SignIn, authorization: str | None) -> Viewer:
        asked.append(authorization)
        return await verify(self, authorization)

    monkeypatch.setattr(SignIn, "_viewer", counted)
    headers = {"authorization": "Bearer dev:partner:cst-feed:cst"}
    payload = referral(source_ref="CST-ONCE-1") | {"source": "cst"}
    assert client.post("/api/v1/referrals", json=payload, headers=headers).status_code == 201
    assert asked == ["Bearer dev:partner:cst-feed:cst"]
