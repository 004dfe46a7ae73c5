"""The domain's enums shared by several parts of the schema, registered once each.

An enum used by one part of the schema is registered in that part's module. Each is the
domain's own Python enum, so the SDL and the rules cannot drift apart; GraphQL shows each
member by its Python name (``SEXUAL_ORIENTATION``).
"""

from __future__ import annotations

import strawberry

from graph.law.offences import Strand
from graph.viewer import Role

strawberry.enum(Strand, name="Strand", description="A hate strand.")
strawberry.enum(Role, name="Role", description="A role the hub grants a signed-in user.")

__all__ = ["Role", "Strand"]
