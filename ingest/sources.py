"""Who may write under which source: the referral contract's ``source`` is decided by who sends.

A referral's key is (``source``, ``source_ref``), so a source is a namespace: whoever writes
into one could answer for, or collide with, another sender's referrals. The rule, by caller:

=====================  ===================================================================
the public (no token)  the public site's source, set by the server
                       (``OHCH_INTAKE_PUBLIC_SOURCE``); ``source`` may be left out, and a
                       body naming another is refused
a partner              its own source, named by its token (``OHCH_OIDC_SOURCE_CLAIM``);
                       ``source`` may be left out, and a body naming another is refused
hub staff, admin       the source they name: entering a referral for someone is an
                       operator's act, like a bulk file through the CLI
=====================  ===================================================================

Refusals are :class:`~graph.errors.Forbidden` (403) and name the field. Pure, no I/O.
"""

from __future__ import annotations

import re

from graph.errors import Forbidden
from graph.viewer import Role, Viewer

SOURCE_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
ANONYMOUS_ROLES = frozenset({Role.PUBLIC, Role.VICTIM})


def source_for(viewer: Viewer, named: object, public_source: str) -> object:
    """The source ``viewer``'s referral is written under, given the one its body ``named``
    (``None`` when left out). Staff get what they named, checked later by the contract."""
    if viewer.role is Role.PARTNER:
        if viewer.source is None:
            raise Forbidden(
                f"source: the partner {viewer.user_id!r} has no source of its own to write "
                "under; ask the hub's administrator to name it in the partner's client"
            )
        return _own(named, viewer.source, f"the partner {viewer.user_id!r} writes only under")
    if viewer.role in ANONYMOUS_ROLES:
        return _own(named, public_source, "a referral sent without signing in is written under")
    return named


def _own(named: object, own: str, who: str) -> str:
    if named is None or named == own:
        return own
    raise Forbidden(
        f"source: {who} {own!r}, not {named!r}; a partner writing under its own source signs "
        "in with its client credentials (docs/INTAKE.md)"
    )


def with_source(payload: object, viewer: Viewer, public_source: str) -> object:
    """``payload`` (a decoded referral) with the source it is written under filled in;
    anything that is not a JSON object is left for the contract to refuse."""
    if not isinstance(payload, dict):
        return payload
    source = source_for(viewer, payload.get("source"), public_source)
    if source is None:
        return payload
    return {"source": source} | {k: v for k, v in payload.items() if k != "source"}
