"""Turn a request's Authorization header into a :class:`graph.viewer.Viewer`.

No header: the public. ``Bearer <JWT>``: an access token from the identity provider
(``api/signin/oidc.py``), its claims mapped to a staff viewer (``api/signin/claims.py``).
``Bearer dev…``: a development token, honoured only where ``Settings.dev_tokens_accepted``
(never in production, never on an API reachable from another machine).
"""

from __future__ import annotations

import asyncio

from starlette.types import Scope

from api.serving import note_viewer
from api.signin.claims import ClaimMapping, viewer_from_claims
from api.signin.oidc import IdentityProvider
from graph.errors import Unauthenticated
from graph.settings import Settings
from graph.viewer import ANONYMOUS, Viewer, parse_dev_token

_VERIFIED = "ohch_viewer"  # (the Authorization header, its viewer) in the request's state


class SignIn:
    """What the API needs to name a request's viewer; one per app."""

    def __init__(self, settings: Settings, provider: IdentityProvider | None = None) -> None:
        self.settings = settings
        self.provider = provider or (IdentityProvider(settings) if settings.oidc_issuer else None)
        self.mapping = ClaimMapping.of(settings)

    async def viewer(self, authorization: str | None) -> Viewer:
        """Who the request is from (noted for the request's log lines)."""
        viewer = await self._viewer(authorization)
        note_viewer(viewer)
        return viewer

    async def viewer_in(self, scope: Scope) -> Viewer:
        """The viewer of the request ``scope`` describes, its token verified once per request:
        the request guard (a partner's rate) and the route ask alike, and the second is given
        what the first found."""
        authorization = dict(scope["headers"]).get(b"authorization")
        header = None if authorization is None else authorization.decode("latin-1")
        state = scope.setdefault("state", {})
        known = state.get(_VERIFIED)
        if known is not None and known[0] == header:
            viewer: Viewer = known[1]
            note_viewer(viewer)
            return viewer
        viewer = await self.viewer(header)
        state[_VERIFIED] = (header, viewer)
        return viewer

    async def _viewer(self, authorization: str | None) -> Viewer:
        if not authorization:
            return ANONYMOUS
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise Unauthenticated("Authorization must be 'Bearer <token>'")
        if token.startswith("dev") and token.count(".") != 2:
            return self._dev_viewer(token)
        if self.provider is None:
            raise Unauthenticated("no identity provider is configured for this deployment")
        claims = await asyncio.to_thread(self.provider.verify, token)
        return viewer_from_claims(claims, self.mapping)

    def _dev_viewer(self, token: str) -> Viewer:
        if not self.settings.dev_tokens_accepted:
            raise Unauthenticated(
                "development tokens are refused here (production, or an API not bound to "
                "loopback); sign in through the identity provider"
            )
        try:
            return parse_dev_token(token)
        except ValueError as exc:
            raise Unauthenticated(f"invalid token: {exc}") from exc
