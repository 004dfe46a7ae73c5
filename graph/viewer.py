"""Who is asking: a role and, for force roles, their force.

Roles decide and the force narrows: what a viewer may do follows from the role alone
(``graph/access.py`` holds the table), and a force code only narrows a force role's view to
that force. A force code on any other role is refused when the viewer is made, so no check
anywhere can be passed by "has a force code".

Access control is enforced inside Cypher (queries take ``$viewer_force`` and
``$viewer_sees_all``), with the API's role rules as a second layer. This module has no I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Role(enum.StrEnum):
    PUBLIC = "public"  # not signed in: may submit a referral and read reference data
    VICTIM = "victim"  # a complainant with a reference and access code
    HUB_ANALYST = "hub_analyst"
    HUB_SUPERVISOR = "hub_supervisor"  # an analyst who also oversees: reads the audit trail
    CASE_MANAGER = "case_manager"
    INTELLIGENCE_ANALYST = "intelligence_analyst"
    FORCE_OFFICER = "force_officer"  # sees only their force's assigned and linked cases
    FORCE_HATE_CRIME_LEAD = "force_hate_crime_lead"  # a force's lead: its cases, and advice
    EXPORTER = "exporter"  # a service account that runs the NIM export (client credentials)
    # A partner organisation or bulk feed (client credentials): writes referrals under its own
    # source only (``ingest/sources.py``), named by its token (``api/signin/claims.py``).
    PARTNER = "partner"
    ADMIN = "admin"


HUB_ROLES = frozenset(
    {
        Role.HUB_ANALYST,
        Role.HUB_SUPERVISOR,
        Role.CASE_MANAGER,
        Role.INTELLIGENCE_ANALYST,
        Role.ADMIN,
    }
)
FORCE_ROLES = frozenset({Role.FORCE_OFFICER, Role.FORCE_HATE_CRIME_LEAD})
# Subscriber data from platform disclosures (emails, phones, IPs) is the most sensitive
# material the hub holds: only these roles may read it.
DISCLOSURE_READERS = frozenset(
    {Role.HUB_ANALYST, Role.HUB_SUPERVISOR, Role.INTELLIGENCE_ANALYST, Role.ADMIN}
)


@dataclass(frozen=True, slots=True)
class Viewer:
    role: Role
    user_id: str
    force_code: str | None = None
    source: str | None = None  # a partner's source namespace: the only one it may write into

    def __post_init__(self) -> None:
        if not self.user_id:
            raise ValueError("a viewer must have a user id")
        if self.role is not Role.PARTNER and self.source is not None:
            raise ValueError(f"a {self.role.value} writes under no source of its own")
        if self.role in FORCE_ROLES and not self.force_code:
            raise ValueError(f"a {self.role.value} must belong to a force")
        if self.role not in FORCE_ROLES and self.force_code is not None:
            raise ValueError(f"a {self.role.value} belongs to no force; only force roles do")

    @property
    def is_hub_staff(self) -> bool:
        return self.role in HUB_ROLES

    @property
    def is_force_staff(self) -> bool:
        return self.role in FORCE_ROLES

    @property
    def sees_all_forces(self) -> bool:
        return self.is_hub_staff

    @property
    def may_read_disclosures(self) -> bool:
        return self.role in DISCLOSURE_READERS

    def cypher_scope(self) -> dict[str, object]:
        """Parameters every access-controlled query takes. A viewer that is neither hub nor
        force staff passes no force and sees all of nothing."""
        return {"viewer_force": self.force_code, "viewer_sees_all": self.sees_all_forces}


ANONYMOUS = Viewer(role=Role.PUBLIC, user_id="anonymous")


def parse_dev_token(token: str) -> Viewer:
    """Development tokens: ``dev-analyst`` or ``dev:<role>:<user>[:<force code>]`` (for a
    partner, ``dev:partner:<user>:<source>``).

    Only accepted outside production and on an API bound to loopback
    (``api/signin/viewer.py``); a real deployment signs staff in through an identity provider
    (``api/signin/oidc.py``).
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
    fourth = parts[3] if len(parts) == 4 else None
    if role is Role.PARTNER:
        return Viewer(role=role, user_id=parts[2], source=fourth)
    return Viewer(role=role, user_id=parts[2], force_code=fourth)
