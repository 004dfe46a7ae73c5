"""Turn an identity provider's verified claims into a :class:`Viewer`. Pure: no I/O.

The mapping is the deployment's to configure (``OHCH_OIDC_*``, docs/SETTINGS.md): which claim
lists the roles (a dotted path such as Keycloak's ``realm_access.roles``, or ``groups``), how
the provider's role names map to the hub's, which claim carries a force role's force, which
claim names the source a partner feed may write under, and which claim names the user. Only
staff and partner roles come from a token: a token that maps to no hub role, or to more than
one, is refused rather than read as the public.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import Forbidden, Unauthenticated
from graph.reference.forces import forces_by_code
from graph.settings import Settings
from graph.viewer import FORCE_ROLES, Role, Viewer
from ingest.sources import SOURCE_PATTERN

# The public and complainants need no token; a token never makes one.
TOKEN_ROLES = frozenset(Role) - {Role.PUBLIC, Role.VICTIM}


@dataclass(frozen=True, slots=True)
class ClaimMapping:
    roles_claim: str
    force_claim: str
    user_claim: str
    role_map: Mapping[str, Role]
    source_claim: str = "ohch_source"

    @classmethod
    def of(cls, settings: Settings) -> ClaimMapping:
        role_map: dict[str, Role] = {}
        for name, role in (
            settings.oidc_role_map or {r.value: r.value for r in TOKEN_ROLES}
        ).items():
            if role not in {r.value for r in TOKEN_ROLES}:
                raise ValueError(f"OHCH_OIDC_ROLE_MAP: {name!r} maps to {role!r}, not a staff role")
            role_map[name] = Role(role)
        return cls(
            settings.oidc_roles_claim,
            settings.oidc_force_claim,
            settings.oidc_user_claim,
            role_map,
            settings.oidc_source_claim,
        )


def _at_path(claims: Mapping[str, Any], path: str) -> object:
    value: object = claims
    for step in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


def viewer_from_claims(claims: Mapping[str, Any], mapping: ClaimMapping) -> Viewer:
    """The viewer a verified token names; :class:`Unauthenticated` if the token lacks the user
    claim, :class:`Forbidden` if it holds no hub role, several, a force role without a known
    force, or the partner role without a well-formed source."""
    user = claims.get(mapping.user_claim)
    if not isinstance(user, str) or not user.strip():
        raise Unauthenticated(f"the token has no {mapping.user_claim!r} claim naming the user")
    listed = _at_path(claims, mapping.roles_claim)
    names = [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    roles = sorted(
        {mapping.role_map[n] for n in names if isinstance(n, str) and n in mapping.role_map}
    )
    if not roles:
        raise Forbidden(
            f"the token of {user!r} carries no role of this hub in {mapping.roles_claim!r}; "
            "ask the hub's administrator for one"
        )
    if len(roles) > 1:
        raise Forbidden(
            f"the token of {user!r} carries several hub roles "
            f"({', '.join(r.value for r in roles)}); each account holds one"
        )
    role = roles[0]
    if role is Role.PARTNER:
        return Viewer(role=role, user_id=user, source=_partner_source(claims, mapping, user))
    if role not in FORCE_ROLES:
        return Viewer(role=role, user_id=user)
    force = claims.get(mapping.force_claim)
    if not isinstance(force, str) or force not in forces_by_code():
        raise Forbidden(
            f"a {role.value} must belong to a force: the token's {mapping.force_claim!r} claim "
            f"is {force!r}, not one of the forces' codes"
        )
    return Viewer(role=role, user_id=user, force_code=force)


def _partner_source(claims: Mapping[str, Any], mapping: ClaimMapping, user: str) -> str:
    source = _at_path(claims, mapping.source_claim)
    if not isinstance(source, str) or not SOURCE_PATTERN.fullmatch(source):
        raise Forbidden(
            f"the partner {user!r} must name the source it writes under: the token's "
            f"{mapping.source_claim!r} claim is {source!r}, not a source of the referral contract"
        )
    return source
