"""The role rules read as a table: who may do what (graph/access.py)."""

from __future__ import annotations

import pytest

from graph import access
from graph.access import Capability
from graph.errors import Forbidden
from graph.viewer import Role, Viewer

# Columns: REFerence data, SUBmit a referral, hub CASEwork, IDentity evidence, INTELligence
# items, FORCE cases, OUTcome, EXPort to the NIM, AUDIT trail, REFER content to platforms,
# APPROVE requests to platforms, keep the hate crime lead DIRectory, CHecK a report's progress.
COLUMNS = (
    Capability.REFERENCE_DATA,
    Capability.SUBMIT_REFERRAL,
    Capability.HUB_CASEWORK,
    Capability.IDENTITY_EVIDENCE,
    Capability.CREATE_INTELLIGENCE,
    Capability.FORCE_CASES,
    Capability.RECORD_OUTCOME,
    Capability.EXPORT_INTELLIGENCE,
    Capability.READ_AUDIT,
    Capability.REFER_CONTENT,
    Capability.APPROVE_REQUESTS,
    Capability.MAINTAIN_DIRECTORY,
    Capability.CHECK_OWN_REPORT,
)
TABLE = {
    #                              REF SUB CASE ID  INTEL FORCE OUT EXP AUDIT REFER APPROVE DIR CHK
    Role.PUBLIC:                  "Y   Y   .    .   .     .     .   .   .   .     .       .   Y",
    Role.VICTIM:                  "Y   Y   .    .   .     .     .   .   .   .     .       .   Y",
    Role.HUB_ANALYST:             "Y   Y   Y    Y   Y     Y     Y   .   .   Y     .       .   Y",
    Role.HUB_SUPERVISOR:          "Y   Y   Y    Y   Y     Y     Y   .   Y   Y     Y       Y   Y",
    Role.CASE_MANAGER:            "Y   Y   Y    .   .     Y     Y   .   .   Y     .       Y   Y",
    Role.INTELLIGENCE_ANALYST:    "Y   Y   Y    Y   Y     Y     Y   Y   .   Y     .       .   Y",
    Role.FORCE_OFFICER:           "Y   Y   .    .   .     Y     Y   .   .   .     .       .   Y",
    Role.FORCE_HATE_CRIME_LEAD:   "Y   Y   .    .   .     Y     Y   .   .   .     .       .   Y",
    Role.EXPORTER:                "Y   .   .    .   .     .     .   Y   .   .     .       .   .",
    Role.PARTNER:                 "Y   Y   .    .   .     .     .   .   .   .     .       .   .",
    Role.ADMIN:                   "Y   Y   Y    Y   Y     Y     Y   Y   Y   Y     Y       Y   Y",
}  # fmt: skip


def _viewer(role: Role) -> Viewer:
    force = "E23000010" if role in (Role.FORCE_OFFICER, Role.FORCE_HATE_CRIME_LEAD) else None
    return Viewer(role, "someone", force)


def test_every_role_is_in_the_table() -> None:
    assert set(TABLE) == set(Role)
    assert set(COLUMNS) | {Capability.OWN_IDENTITY} == set(Capability)


@pytest.mark.parametrize("role", list(Role))
def test_the_table(role: Role) -> None:
    expected = dict(zip(COLUMNS, (cell == "Y" for cell in TABLE[role].split()), strict=True))
    viewer = _viewer(role)
    assert {c: access.may(viewer, c) for c in COLUMNS} == expected
    assert access.may(viewer, Capability.OWN_IDENTITY)


def test_a_refusal_names_who_may_and_the_role() -> None:
    with pytest.raises(Forbidden, match=r"only hub staff may see or do this \(a force_officer"):
        access.require(_viewer(Role.FORCE_OFFICER), Capability.HUB_CASEWORK)
    access.require(_viewer(Role.FORCE_OFFICER), Capability.FORCE_CASES)
