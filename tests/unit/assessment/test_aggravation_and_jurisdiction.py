"""CDA 1998 s28 aggravation needs recorded evidence of hostility (the reporter's tick is a flag);
the offence list is England and Wales law, and says so for Police Scotland and PSNI."""

from __future__ import annotations

from typing import Any

import pytest

from graph.assessment.engine import assess
from graph.assessment.models import Jurisdiction, Recommendation
from graph.law.offences import Strand
from tests.unit.assessment.builders import NOW, facts

RACE = frozenset({Strand.RACE})
RELIGION = frozenset({Strand.RELIGION})
DISABILITY = frozenset({Strand.DISABILITY})
NONE: frozenset[Strand] = frozenset()
HARASSMENT = {"grossly_offensive": True, "occasions_targeting_victim": 2}

# ticked strands, hostility demonstrated, hostility motivated -> aggravated form proposed,
# and recordable
Strands = frozenset[Strand]
AGGRAVATION: list[tuple[str, Strands, Strands, Strands, bool, bool]] = [
    ("race ticked, nothing recorded: a flag only", RACE, NONE, NONE, True, False),
    ("race ticked, hostility demonstrated (s28(1)(a))", RACE, RACE, NONE, True, True),
    ("religion ticked, hostile motivation (s28(1)(b))", RELIGION, NONE, RELIGION, True, True),
    ("race ticked, hostility recorded on disability only", RACE, DISABILITY, NONE, True, False),
    ("nothing ticked, racial hostility recorded by the analyst", NONE, RACE, NONE, True, True),
    ("disability ticked and evidenced: no CDA form", DISABILITY, DISABILITY, NONE, False, False),
    ("nothing ticked or recorded", NONE, NONE, NONE, False, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("ticked", "demonstrated", "motivated", "proposed", "recordable"),
    [a[1:] for a in AGGRAVATION],
    ids=[a[0] for a in AGGRAVATION],
)
def test_s28_aggravation_needs_recorded_hostility(
    ticked: frozenset[Strand],
    demonstrated: frozenset[Strand],
    motivated: frozenset[Strand],
    proposed: bool,
    recordable: bool,
) -> None:
    result = assess(
        facts(
            strands=ticked,
            hostility_demonstrated=demonstrated,
            hostility_motivated=motivated,
            **HARASSMENT,
        ),
        NOW,
    )
    aggravated = [c for c in result.candidates if c.offence_id == "cda1998_s32_pha_s2"]
    assert bool(aggravated) is proposed
    if aggravated:
        assert aggravated[0].recordable is recordable
        status = {p.id: p.status.value for p in aggravated[0].points}
        assert status["aggravation"] == ("evidenced" if recordable else "missing")
    basic = next(c for c in result.candidates if c.offence_id == "pha1997_s2")
    assert basic.recordable  # the basic offence stands either way


def test_a_flag_without_evidence_says_what_to_record() -> None:
    result = assess(facts(strands=RACE, **HARASSMENT), NOW)
    assert any("hostility flag, not evidence" in r and "s28(1)" in r for r in result.reasons)


# lead force's jurisdiction -> a caveat naming the force and the law of that country
JURISDICTIONS: list[tuple[Jurisdiction, str | None]] = [
    (Jurisdiction.ENGLAND_AND_WALES, None),
    (Jurisdiction.SCOTLAND, "Police Scotland"),
    (Jurisdiction.NORTHERN_IRELAND, "Police Service of Northern Ireland"),
]


@pytest.mark.parametrize(("jurisdiction", "force"), JURISDICTIONS)
def test_the_offence_list_says_whose_law_it_is(
    jurisdiction: Jurisdiction, force: str | None
) -> None:
    result = assess(facts(grossly_offensive=True), NOW, jurisdiction=jurisdiction)
    caveats = [r for r in result.reasons if r.startswith("Jurisdiction:")]
    assert result.jurisdiction is jurisdiction
    if force is None:
        assert caveats == []
    else:
        (caveat,) = caveats
        assert force in caveat
        assert "law of England and Wales" in caveat
        assert "s66" in caveat


# the case -> enhanced rights under the Victims' Code (victims of a crime only)
ENHANCED: list[tuple[str, dict[str, Any], bool]] = [
    ("hate crime", {"grossly_offensive": True}, True),
    ("crime, no hate, child victim", {"grossly_offensive": True, "strands": NONE,
                                      "victim_under_18": True}, True),
    ("crime, persistently targeted", {**HARASSMENT, "strands": NONE}, True),
    ("crime, no hate, adult, once", {"grossly_offensive": True, "strands": NONE}, False),
    ("NCHI, child victim", {"basis_for_intentional_hostility": True, "victim_under_18": True},
     False),
    ("no further action, child victim", {"strands": NONE, "victim_under_18": True}, False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "enhanced"), [e[1:] for e in ENHANCED], ids=[e[0] for e in ENHANCED]
)
def test_enhanced_rights_follow_the_victim_of_a_crime(
    overrides: dict[str, Any], enhanced: bool
) -> None:
    result = assess(facts(**overrides), NOW)
    assert result.enhanced_rights is enhanced
    if enhanced:
        assert result.recommendation is Recommendation.CRIME
        assert any(r.startswith("Victims' Code Enhanced Rights") for r in result.reasons)
