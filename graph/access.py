"""What each role may do: the one table of the hub's role rules.

A use case names the capability it needs; :func:`require` checks the viewer's role against
:data:`ROLE_CAPABILITIES`. The force never grants anything here: it narrows a force role's
view inside the queries (``Viewer.cypher_scope``). Pure, no I/O; the API's per-field table
(``api/access_rules.py``) maps every GraphQL field and REST route to one capability.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from graph.errors import Forbidden
from graph.viewer import Role, Viewer


class Capability(enum.StrEnum):
    REFERENCE_DATA = "read reference data (forces, postcodes)"
    SUBMIT_REFERRAL = "submit a referral"
    OWN_IDENTITY = "see who the hub thinks is asking"
    CHECK_OWN_REPORT = "check a report's progress with its reference and access code"
    HUB_CASEWORK = "read and work the hub's content, reports, cases and queues"
    IDENTITY_EVIDENCE = "read and record identity evidence and platform disclosures"
    CREATE_INTELLIGENCE = "create graded intelligence items"
    FORCE_CASES = "read cases as a force sees them"
    RECORD_OUTCOME = "record a case's outcome"
    EXPORT_INTELLIGENCE = "export intelligence to the NIM"
    READ_AUDIT = "read the audit trail"
    REFER_CONTENT = "refer content to platforms, request their data and record their answers"
    APPROVE_REQUESTS = "approve removal referrals and data requests to platforms"
    MAINTAIN_DIRECTORY = "keep the directory of forces' hate crime leads"


_EVERYONE = frozenset(
    {
        Capability.REFERENCE_DATA,
        Capability.SUBMIT_REFERRAL,
        Capability.OWN_IDENTITY,
        Capability.CHECK_OWN_REPORT,
    }
)
_HUB = _EVERYONE | {
    Capability.HUB_CASEWORK,
    Capability.FORCE_CASES,
    Capability.RECORD_OUTCOME,
    Capability.REFER_CONTENT,
}
_FORCE = _EVERYONE | {Capability.FORCE_CASES, Capability.RECORD_OUTCOME}

ROLE_CAPABILITIES: Mapping[Role, frozenset[Capability]] = {
    Role.PUBLIC: _EVERYONE,
    Role.VICTIM: _EVERYONE,
    Role.HUB_ANALYST: _HUB | {Capability.IDENTITY_EVIDENCE, Capability.CREATE_INTELLIGENCE},
    Role.HUB_SUPERVISOR: _HUB
    | {
        Capability.IDENTITY_EVIDENCE,
        Capability.CREATE_INTELLIGENCE,
        Capability.READ_AUDIT,
        Capability.APPROVE_REQUESTS,
        Capability.MAINTAIN_DIRECTORY,
    },
    Role.CASE_MANAGER: _HUB | {Capability.MAINTAIN_DIRECTORY},
    Role.INTELLIGENCE_ANALYST: _HUB
    | {
        Capability.IDENTITY_EVIDENCE,
        Capability.CREATE_INTELLIGENCE,
        Capability.EXPORT_INTELLIGENCE,
    },
    Role.FORCE_OFFICER: _FORCE,
    Role.FORCE_HATE_CRIME_LEAD: _FORCE,
    Role.EXPORTER: frozenset({Capability.REFERENCE_DATA, Capability.OWN_IDENTITY})
    | {Capability.EXPORT_INTELLIGENCE},
    # A partner feed submits referrals (under its own source only: ingest/sources.py).
    Role.PARTNER: frozenset(
        {Capability.REFERENCE_DATA, Capability.OWN_IDENTITY, Capability.SUBMIT_REFERRAL}
    ),
    Role.ADMIN: frozenset(Capability),
}


def may(viewer: Viewer, capability: Capability) -> bool:
    return capability in ROLE_CAPABILITIES[viewer.role]


# Who may, in the words a refused caller reads.
_WHO: Mapping[Capability, str] = {
    Capability.HUB_CASEWORK: "only hub staff may see or do this",
    Capability.IDENTITY_EVIDENCE: "only roles cleared for disclosures see identity evidence",
    Capability.CREATE_INTELLIGENCE: "only analysts may create intelligence items",
    Capability.FORCE_CASES: "only hub staff and force officers see cases",
    Capability.RECORD_OUTCOME: "only hub staff and force officers record outcomes",
    Capability.EXPORT_INTELLIGENCE: "only exporters and intelligence analysts export intelligence",
    Capability.READ_AUDIT: "only supervisors and administrators read the audit trail",
    Capability.REFER_CONTENT: "only hub staff refer content to platforms",
    Capability.APPROVE_REQUESTS: "only hub supervisors approve requests to platforms",
    Capability.MAINTAIN_DIRECTORY: "only hub supervisors and case managers keep the directory",
}


def refusal(viewer: Viewer, capability: Capability) -> Forbidden:
    who = _WHO.get(capability, f"no role may {capability.value}")
    return Forbidden(f"{who} (a {viewer.role.value} may not {capability.value})")


def require(viewer: Viewer, capability: Capability) -> None:
    """Raise :class:`Forbidden` naming who may, and what this role may not do."""
    if not may(viewer, capability):
        raise refusal(viewer, capability)
