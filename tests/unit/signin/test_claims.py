"""An identity provider's claims become a staff viewer, or are refused by name."""

from __future__ import annotations

from typing import Any

import pytest

from api.signin.claims import ClaimMapping, viewer_from_claims
from graph.errors import Forbidden, Unauthenticated
from graph.settings import Settings
from graph.viewer import Role, Viewer

WEST_YORKSHIRE = "E23000010"
MAPPING = ClaimMapping.of(Settings())


def _claims(*roles: str, **extra: Any) -> dict[str, Any]:
    return {"preferred_username": "a.user", "realm_access": {"roles": list(roles)}, **extra}


def test_a_hub_role_among_the_providers_own_roles() -> None:
    claims = _claims("offline_access", "default-roles-ohch", "hub_analyst")
    assert viewer_from_claims(claims, MAPPING) == Viewer(Role.HUB_ANALYST, "a.user")


def test_a_force_role_takes_its_force_from_the_claim() -> None:
    claims = _claims("force_officer", force_code=WEST_YORKSHIRE)
    assert viewer_from_claims(claims, MAPPING) == Viewer(
        Role.FORCE_OFFICER, "a.user", WEST_YORKSHIRE
    )


def test_a_force_claim_on_a_hub_role_is_ignored() -> None:
    claims = _claims("case_manager", force_code=WEST_YORKSHIRE)
    assert viewer_from_claims(claims, MAPPING).force_code is None


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        (_claims(), "carries no role of this hub"),
        (_claims("uma_authorization"), "carries no role of this hub"),
        (_claims("public"), "carries no role of this hub"),  # a token never makes the public
        (_claims("victim"), "carries no role of this hub"),
        (_claims("hub_analyst", "admin"), "several hub roles"),
        (_claims("force_officer"), "must belong to a force"),
        (_claims("force_officer", force_code="WY"), "not one of the forces' codes"),
        ({"force_code": WEST_YORKSHIRE, "preferred_username": "x"}, "carries no role"),
    ],
)
def test_refused_claims(claims: dict[str, Any], message: str) -> None:
    with pytest.raises(Forbidden, match=message):
        viewer_from_claims(claims, MAPPING)


def test_a_token_without_a_user_is_not_signed_in() -> None:
    with pytest.raises(Unauthenticated, match="preferred_username"):
        viewer_from_claims({"realm_access": {"roles": ["hub_analyst"]}}, MAPPING)


def test_a_deployments_own_role_names_and_claims() -> None:
    settings = Settings(
        oidc_roles_claim="groups",
        oidc_user_claim="sub",
        oidc_force_claim="pfa",
        oidc_role_map={"OHCH-Analysts": "hub_analyst", "OHCH-Force": "force_officer"},
    )
    mapping = ClaimMapping.of(settings)
    claims = {"sub": "u-1", "groups": ["Staff", "OHCH-Force"], "pfa": WEST_YORKSHIRE}
    assert viewer_from_claims(claims, mapping) == Viewer(Role.FORCE_OFFICER, "u-1", WEST_YORKSHIRE)
    with pytest.raises(Forbidden):  # the hub's own names mean nothing once a map is given
        viewer_from_claims({"sub": "u-2", "groups": ["hub_analyst"]}, mapping)


def test_a_role_map_to_a_public_role_is_refused() -> None:
    with pytest.raises(ValueError, match="not a staff role"):
        ClaimMapping.of(Settings(oidc_role_map={"Everyone": "public"}))


def test_a_partner_takes_its_source_from_the_claim() -> None:
    claims = _claims("partner", ohch_source="cst", force_code=WEST_YORKSHIRE)
    assert viewer_from_claims(claims, MAPPING) == Viewer(Role.PARTNER, "a.user", source="cst")


def test_the_source_claim_is_the_deployments_to_name() -> None:
    mapping = ClaimMapping.of(Settings(oidc_source_claim="org.feed"))
    claims = _claims("partner", org={"feed": "tell-mama"}, ohch_source="cst")
    assert viewer_from_claims(claims, mapping).source == "tell-mama"


@pytest.mark.parametrize("source", [None, "", "CST", "c s t", ["cst"], "x" * 65])
def test_a_partner_without_a_well_formed_source_is_refused(source: object) -> None:
    claims = _claims("partner") | ({} if source is None else {"ohch_source": source})
    with pytest.raises(Forbidden, match="must name the source it writes under: the token's "):
        viewer_from_claims(claims, MAPPING)
