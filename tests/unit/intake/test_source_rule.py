"""Who may write under which source (ingest/sources.py), read as the rule's table."""

from __future__ import annotations

import pytest

from graph.errors import Forbidden
from graph.viewer import Role, Viewer
from ingest.sources import source_for, with_source

PUBLIC_SITE = "true-vision"
PUBLIC = Viewer(Role.PUBLIC, "anonymous")
CST = Viewer(Role.PARTNER, "service-account-ohch-partner-cst", source="cst")
ANALYST = Viewer(Role.HUB_ANALYST, "analyst.hub")

# (who, the source the body names (None: left out), written under, or the refusal's words)
RULE = [
    (PUBLIC, None, PUBLIC_SITE),
    (PUBLIC, PUBLIC_SITE, PUBLIC_SITE),
    (PUBLIC, "cst", "source: a referral sent without signing in is written under 'true-vision'"),
    (PUBLIC, 7, "source: a referral sent without signing in is written under 'true-vision'"),
    (CST, None, "cst"),
    (CST, "cst", "cst"),
    (CST, PUBLIC_SITE, "source: the partner 'service-account-ohch-partner-cst' writes only"),
    (CST, "tell-mama", "source: the partner 'service-account-ohch-partner-cst' writes only"),
    (ANALYST, "cst", "cst"),  # an operator's act, like a bulk file through the CLI
    (ANALYST, None, None),  # the contract then says source is required
]


@pytest.mark.parametrize(("viewer", "named", "outcome"), RULE)
def test_the_rule(viewer: Viewer, named: object, outcome: str | None) -> None:
    if outcome is not None and outcome.startswith("source: "):
        with pytest.raises(Forbidden) as refused:
            source_for(viewer, named, PUBLIC_SITE)
        assert str(refused.value).startswith(outcome)
        assert repr(named) in str(refused.value)
    else:
        assert source_for(viewer, named, PUBLIC_SITE) == outcome


def test_a_partner_without_a_source_writes_nowhere() -> None:
    nameless = Viewer(Role.PARTNER, "feed")
    for named in (None, "feed", PUBLIC_SITE):
        with pytest.raises(Forbidden, match="has no source of its own"):
            source_for(nameless, named, PUBLIC_SITE)


def test_the_source_is_filled_in_and_nothing_else_changes() -> None:
    payload = {"source_ref": "X-1", "reporter": {"role": "anonymous"}}
    assert with_source(payload, CST, PUBLIC_SITE) == {"source": "cst", **payload}
    assert with_source(payload, PUBLIC, PUBLIC_SITE) == {"source": PUBLIC_SITE, **payload}
    assert "source" not in payload  # the caller's document is not changed
    assert with_source(payload, ANALYST, PUBLIC_SITE) == payload
    assert with_source(["not", "an", "object"], CST, PUBLIC_SITE) == ["not", "an", "object"]


def test_only_a_partner_carries_a_source() -> None:
    with pytest.raises(ValueError, match="writes under no source of its own"):
        Viewer(Role.HUB_ANALYST, "a", source="cst")
