"""Who is asking: a role and, for force officers, their force.

Access control is enforced inside Cypher (queries take ``$viewer_force`` and
``$viewer_sees_all``), with GraphQL permissions as a second layer. This module only says
what each role may do; it has no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    PUBLIC = "public"  # not signed in: may submit a referral and read reference data
    VICTIM = "victim"  # a complainant with a reference and access code
    HUB_ANALYST = "hub_analyst"
    CASE_MANAGER = "case_manager"
    INTELLIGENCE_ANALYST = "intelligence_analyst"
    FORCE_OFFICER = "force_officer"  # sees only their force's assigned and linked cases
    ADMIN = "admin"


HUB_ROLES = frozenset({Role.HUB_ANALYST, Role.CASE_MANAGER, Role.INTELLIGENCE_ANALYST, Role.ADMIN})
# Subscriber data from platform disclosures (emails, phones, IPs) is the most sensitive
# material the hub holds: only these roles may read it.
DISCLOSURE_READERS = frozenset({Role.HUB_ANALYST, Role.INTELLIGENCE_ANALYST, Role.ADMIN})


@dataclass(frozen=True, slots=True)
class Viewer:
    role: Role
    user_id: str
    force_code: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.FORCE_OFFICER and not self.force_code:
            raise ValueError("a force officer must belong to a force")

    @property
    def is_hub_staff(self) -> bool:
        return self.role in HUB_ROLES

    @property
    def sees_all_forces(self) -> bool:
        return self.is_hub_staff

    @property
    def may_read_disclosures(self) -> bool:
        return self.role in DISCLOSURE_READERS

    def cypher_scope(self) -> dict[str, object]:
        """Parameters every access-controlled query takes."""
        return {"viewer_force": self.force_code, "viewer_sees_all": self.sees_all_forces}


ANONYMOUS = Viewer(role=Role.PUBLIC, user_id="anonymous")


def parse_dev_token(token: str) -> Viewer:
    """Development tokens: ``dev-analyst`` or ``dev:<role>:<user>[:<force code>]``.

    Only accepted outside production (see ``api/auth.py``); a real deployment puts an identity
    provider in front of the hub and maps its claims to a :class:`Viewer`.
    """
    if token == "dev-analyst":  # noqa: S105 - a development token, refused in production
        return Viewer(role=Role.HUB_ANALYST, user_id="dev-analyst")
    parts = token.split(":")
    if len(parts) not in (3, 4) or parts[0] != "dev":
        raise ValueError("not a development token")
    try:
        role = Role(parts[1])
    except ValueError:
        raise ValueError(f"unknown role {parts[1]!r}") from None
    return Viewer(role=role, user_id=parts[2], force_code=parts[3] if len(parts) == 4 else None)
