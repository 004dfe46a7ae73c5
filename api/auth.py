"""Turn a request's bearer token into a :class:`graph.viewer.Viewer`."""

from __future__ import annotations

from graph.errors import Forbidden
from graph.settings import Environment, Settings
from graph.viewer import ANONYMOUS, Viewer, parse_dev_token


def viewer_from_header(authorization: str | None, settings: Settings) -> Viewer:
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Forbidden("Authorization must be 'Bearer <token>'")
    if settings.env is Environment.PRODUCTION or settings.dev_viewer_token is None:
        raise Forbidden("no identity provider is configured for this deployment")
    try:
        return parse_dev_token(token.strip())
    except ValueError as exc:
        raise Forbidden(f"invalid token: {exc}") from exc
