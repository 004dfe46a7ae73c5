"""Force assignment rules a-f, read as a table, plus confidence and reassignment."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from graph.assignment.models import (
    AssignmentInput,
    AssignmentPolicy,
    Disposition,
    ForceRole,
    NoVictimLocation,
    Rule,
    SuspectLocation,
    SuspectWhere,
    VictimLocation,
)
from graph.assignment.reassign import reassign
from graph.assignment.rules import assign, policy_on
from graph.errors import InvalidInput, InvalidValue, NotFound
from graph.reference.postcodes import Confidence

ON = date(2026, 11, 29)
LEEDS, WIGAN, MANCHESTER = "LS1 4AP", "WN1 1AA", "M1 1AD"
WYP, GMP, MET, PSNI, SCOT, ESSEX = (
    "E23000010",
    "E23000005",
    "E23000001",
    "N99999999",
    "S23000009",
    "E23000028",
)


def uk(postcode: str) -> SuspectLocation:
    return SuspectLocation(identified=True, where=SuspectWhere.UK_POSTCODE, postcode=postcode)


def victim(postcode: str) -> VictimLocation:
    return VictimLocation(postcode=postcode)


ANON = SuspectLocation(identified=False)
ABROAD = SuspectLocation(identified=True, where=SuspectWhere.ABROAD)
IN_SCOTLAND = SuspectLocation(identified=True, where=SuspectWhere.SCOTLAND)
IN_NI = SuspectLocation(identified=True, where=SuspectWhere.NORTHERN_IRELAND)

# case -> rule fired, lead force, disposition, notified (force, role)
RULES: list[tuple[str, AssignmentInput, Rule, str | None, Disposition, list[tuple[str, str]]]] = [
    ("a: reporter chose a force", AssignmentInput(
        reporter_chosen_force=ESSEX, victims=(victim(WIGAN),), suspects=(uk(LEEDS),)),
     Rule.REPORTER_CHOICE, ESSEX, Disposition.ASSIGNED, [(GMP, "victim_care")]),
    ("b: identified suspect in Leeds, victim in Wigan", AssignmentInput(
        victims=(victim(WIGAN),), suspects=(uk(LEEDS),)),
     Rule.SUSPECT_FORCE, WYP, Disposition.ASSIGNED, [(GMP, "victim_care")]),
    ("b: suspect and victim in the same force", AssignmentInput(
        victims=(victim(MANCHESTER),), suspects=(uk(WIGAN),)),
     Rule.SUSPECT_FORCE, GMP, Disposition.ASSIGNED, []),
    ("c: suspect unknown", AssignmentInput(victims=(victim(WIGAN),), suspects=(ANON,)),
     Rule.VICTIM_FORCE, GMP, Disposition.ASSIGNED, []),
    ("c: suspect abroad", AssignmentInput(victims=(victim(WIGAN),), suspects=(ABROAD,)),
     Rule.VICTIM_FORCE, GMP, Disposition.ASSIGNED, []),
    ("c: suspect's postcode outside the UK (Jersey) counts as abroad", AssignmentInput(
        victims=(victim(WIGAN),), suspects=(uk("JE2 4WD"),)),
     Rule.VICTIM_FORCE, GMP, Disposition.ASSIGNED, []),
    ("c: no suspect at all", AssignmentInput(victims=(victim(LEEDS),)),
     Rule.VICTIM_FORCE, WYP, Disposition.ASSIGNED, []),
    ("d: public figure, reporter's force by default", AssignmentInput(
        victim_is_public_figure_or_group=True, reporter_postcode="SE1 2DL", suspects=(ANON,)),
     Rule.NO_VICTIM_LOCATION, MET, Disposition.ASSIGNED, []),
    ("d: no reporter location either: hub keeps it", AssignmentInput(
        victim_is_public_figure_or_group=True, suspects=(ANON,)),
     Rule.NO_VICTIM_LOCATION, None, Disposition.HUB_RETAINS, []),
    ("e: suspect in Scotland", AssignmentInput(victims=(victim(WIGAN),), suspects=(IN_SCOTLAND,)),
     Rule.CROSS_BORDER, SCOT, Disposition.CROSS_BORDER_REFERRAL, [(GMP, "victim_care")]),
    ("e: suspect in Northern Ireland by postcode", AssignmentInput(
        victims=(victim(LEEDS),), suspects=(uk("BT1 1AA"),)),
     Rule.CROSS_BORDER, PSNI, Disposition.CROSS_BORDER_REFERRAL, [(WYP, "victim_care")]),
    ("e: suspect in NI, no postcode", AssignmentInput(victims=(victim(LEEDS),), suspects=(IN_NI,)),
     Rule.CROSS_BORDER, PSNI, Disposition.CROSS_BORDER_REFERRAL, [(WYP, "victim_care")]),
    ("b before e: suspects in Leeds and Scotland", AssignmentInput(
        victims=(victim(WIGAN),), suspects=(IN_SCOTLAND, uk(LEEDS))),
     Rule.SUSPECT_FORCE, WYP, Disposition.ASSIGNED,
     [(SCOT, "cross_border_referral"), (GMP, "victim_care")]),
    ("f: one suspect, victims in three forces", AssignmentInput(
        victims=(victim(WIGAN), victim("SE1 2DL"), victim(LEEDS)), suspects=(uk(LEEDS),)),
     Rule.ONE_SUSPECT_MANY_VICTIMS, WYP, Disposition.ASSIGNED,
     [(GMP, "linked"), (MET, "linked")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("inputs", "rule", "lead", "disposition", "notified"),
    [r[1:] for r in RULES],
    ids=[r[0] for r in RULES],
)
def test_rules(
    inputs: AssignmentInput,
    rule: Rule,
    lead: str | None,
    disposition: Disposition,
    notified: list[tuple[str, str]],
) -> None:
    result = assign(inputs, on=ON)
    assert result.rule is rule
    assert result.lead_force_code == lead
    assert result.disposition is disposition
    assert [(n.force_code, n.role.value) for n in result.notified] == notified
    assert result.reasons[0].startswith(f"Rule {rule.value[0]}")


def test_hub_platform_referral_policy_keeps_public_figure_reports() -> None:
    policy = policy_on(ON).model_copy(
        update={"no_victim_location": NoVictimLocation.HUB_PLATFORM_REFERRAL}
    )
    inputs = AssignmentInput(victim_is_public_figure_or_group=True, reporter_postcode="SE1 2DL")
    result = assign(inputs, on=ON, policy=policy)
    assert result.disposition is Disposition.HUB_RETAINS
    assert result.lead_force_code is None
    assert any("platform referral" in r for r in result.reasons)


def test_inputs_used_name_the_field_and_resolution() -> None:
    result = assign(AssignmentInput(victims=(victim(WIGAN),), suspects=(uk(LEEDS),)), on=ON)
    (used,) = result.inputs_used
    assert (used.field, used.value, used.force_code) == ("suspects[0].postcode", LEEDS, WYP)
    assert used.confidence is Confidence.HIGH
    assert result.confidence is Confidence.HIGH


def test_straddling_district_lowers_confidence_and_names_other_forces() -> None:
    result = assign(AssignmentInput(victims=(victim("AL3 4AA"),)), on=ON)
    assert result.lead_force_code == "E23000027"
    assert result.confidence is Confidence.MEDIUM
    assert result.possible_other_forces == ("E23000026",)
    assert any("may instead be E23000026" in r for r in result.reasons)


def test_victim_only_in_jersey_is_not_found() -> None:
    with pytest.raises(NotFound, match="outside the areas of the UK police forces"):
        assign(AssignmentInput(victims=(victim("JE2 4WD"),)), on=ON)


def test_victim_in_jersey_and_leeds_uses_leeds_and_says_so() -> None:
    result = assign(AssignmentInput(victims=(victim("JE2 4WD"), victim(LEEDS))), on=ON)
    assert result.lead_force_code == WYP
    assert any("JE2 4WD is outside" in r for r in result.reasons)


def test_unknown_chosen_force_is_named() -> None:
    with pytest.raises(InvalidValue) as caught:
        assign(AssignmentInput(reporter_chosen_force="E23999999"), on=ON)
    assert caught.value.field == "reporter_chosen_force"


def test_uk_suspect_needs_a_postcode() -> None:
    with pytest.raises(ValidationError, match="needs a postcode"):
        SuspectLocation(identified=True, where=SuspectWhere.UK_POSTCODE)


def _test_postcodes() -> list[dict[str, str]]:
    path = Path(__file__).parents[2] / "data" / "test_postcodes.csv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _test_postcodes(), ids=lambda r: r["postcode"])
def test_every_test_postcode_as_victim_with_unknown_suspect(row: dict[str, str]) -> None:
    inputs = AssignmentInput(victims=(victim(row["postcode"]),), suspects=(ANON,))
    expected = row["expected_pfa_code"]
    if expected.startswith("L"):  # Channel Islands: outside the UK forces
        with pytest.raises(NotFound):
            assign(inputs, on=ON)
        return
    result = assign(inputs, on=ON)
    assert result.lead_force_code == expected
    cross_border = expected in (SCOT, PSNI)
    assert (result.disposition is Disposition.CROSS_BORDER_REFERRAL) is cross_border


@pytest.mark.parametrize("row", _test_postcodes(), ids=lambda r: r["postcode"])
def test_every_test_postcode_as_identified_suspect(row: dict[str, str]) -> None:
    inputs = AssignmentInput(victims=(victim(WIGAN),), suspects=(uk(row["postcode"]),))
    result = assign(inputs, on=ON)
    expected = row["expected_pfa_code"]
    if expected.startswith("L"):  # Jersey suspect: treated as abroad -> victim's force
        assert (result.rule, result.lead_force_code) == (Rule.VICTIM_FORCE, GMP)
    elif expected == SCOT:
        assert (result.rule, result.lead_force_code) == (Rule.CROSS_BORDER, SCOT)
    else:
        assert result.lead_force_code == expected
        assert result.rule is Rule.SUSPECT_FORCE


AT = datetime(2026, 11, 29, 10, tzinfo=UTC)


def test_reassign_records_who_when_why() -> None:
    current = assign(AssignmentInput(victims=(victim(WIGAN),), suspects=(uk(LEEDS),)), on=ON)
    moved, record = reassign(current, GMP, reason="suspect moved to Wigan", by="DS Smith", at=AT)
    assert (record.from_force_code, record.to_force_code) == (WYP, GMP)
    assert (record.reason, record.by, record.at) == ("suspect moved to Wigan", "DS Smith", AT)
    assert moved.lead_force_code == GMP
    assert moved.rule is Rule.MANUAL
    assert all(n.force_code != GMP for n in moved.notified)


def test_reassign_from_the_hub() -> None:
    held = assign(AssignmentInput(victim_is_public_figure_or_group=True), on=ON)
    moved, record = reassign(held, SCOT, reason="suspect traced to Glasgow", by="hub", at=AT)
    assert record.from_force_code is None
    assert moved.disposition is Disposition.CROSS_BORDER_REFERRAL


@pytest.mark.parametrize(
    ("to", "reason", "by", "at", "fields"),
    [
        (WYP, "x", "DS Smith", AT, {"to_force_code"}),  # same force
        (GMP, "  ", "DS Smith", AT, {"reason"}),
        (GMP, "x", "", AT, {"by"}),
        (GMP, "x", "DS Smith", datetime(2026, 11, 29, 10), {"at"}),
        ("E23999999", "", "", AT, {"to_force_code", "reason", "by"}),
    ],
)
def test_reassign_validation(to: str, reason: str, by: str, at: datetime, fields: set[str]) -> None:
    current = assign(AssignmentInput(victims=(victim(WIGAN),), suspects=(uk(LEEDS),)), on=ON)
    with pytest.raises(InvalidInput) as caught:
        reassign(current, to, reason=reason, by=by, at=at)
    assert {p.field for p in caught.value.problems} == fields


def test_policy_versions() -> None:
    assert policy_on(ON).no_victim_location is NoVictimLocation.REPORTER_FORCE
    assert isinstance(policy_on(ON), AssignmentPolicy)
    with pytest.raises(InvalidValue):
        policy_on(date(2017, 10, 7))


def test_role_enum_values_are_stable() -> None:
    assert {r.value for r in ForceRole} == {"victim_care", "linked", "cross_border_referral"}
