"""GraphQL's second layer of access control (the first is the WHERE inside each query)."""

from __future__ import annotations

from graph.errors import Forbidden
from graph.viewer import Viewer


def require_hub_staff(viewer: Viewer) -> None:
    if not viewer.is_hub_staff:
        raise Forbidden("only hub staff may see or do this")
