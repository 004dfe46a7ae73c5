"""The assessment engine, rule by rule; the tables read like the policy."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from graph.assessment.engine import assess
from graph.assessment.models import Media, PerceivedBy, Recommendation, ThreatKind
from graph.assessment.policy import NchiMode, policy_on
from graph.errors import InvalidValue
from graph.law.offences import Strand, offence_table
from tests.unit.assessment.builders import NOW, facts

AFTER = date(2024, 3, 1)
BEFORE = date(2024, 1, 15)
RACE = frozenset({Strand.RACE})
RELIGION = frozenset({Strand.RELIGION})
SO = frozenset({Strand.SEXUAL_ORIENTATION})
DISABILITY = frozenset({Strand.DISABILITY})

# what the message is and when -> offences proposed (in order), recordable ones first
CANDIDATES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("grossly offensive DM", {"grossly_offensive": True, "sent_to_victim_directly": True},
     ["mca1988_s1_offensive", "ca2003_s127_1"]),
    ("grossly offensive, not online", {"grossly_offensive": True, "online": False},
     ["mca1988_s1_offensive"]),
    ("false information after split", {"false_information": True}, ["osa2023_s179"]),
    ("false information before split", {"false_information": True, "occurred_on": BEFORE},
     ["mca1988_s1_false", "ca2003_s127_2_ab"]),
    ("serious-harm threat after split",
     {"threat_of_death_or_serious_harm": True, "threat_kind": ThreatKind.GRIEVOUS_BODILY_HARM},
     ["osa2023_s181", "ca2003_s127_1"]),
    ("minor threat after split: no s181", {"threat_kind": ThreatKind.OTHER},
     ["ca2003_s127_1"]),
    ("minor threat before split", {"threat_kind": ThreatKind.OTHER, "occurred_on": BEFORE},
     ["mca1988_s1_threat", "ca2003_s127_1"]),
    ("menacing only", {"menacing": True}, ["ca2003_s127_1"]),
    ("repeated messages: harassment, aggravated by race",
     {"occasions_targeting_victim": 3, "grossly_offensive": True},
     ["mca1988_s1_offensive", "ca2003_s127_1", "ca2003_s127_2_c", "pha1997_s2",
      "cda1998_s32_pha_s2"]),
    ("repeated, no race or religion: no CDA form",
     {"occasions_targeting_victim": 2, "grossly_offensive": True, "strands": DISABILITY},
     ["mca1988_s1_offensive", "ca2003_s127_1", "ca2003_s127_2_c", "pha1997_s2"]),
    ("stalking with fear of violence, religious hostility demonstrated",
     {"occasions_targeting_victim": 2, "stalking_behaviour": True,
      "victim_feared_violence": True, "strands": RELIGION, "hostility_demonstrated": RELIGION},
     ["ca2003_s127_2_c", "pha1997_s2a", "pha1997_s4", "pha1997_s4a", "cda1998_s32_pha_s2a",
      "cda1998_s32_pha_s4", "cda1998_s32_pha_s4a", "pha1997_s2", "cda1998_s32_pha_s2"]),
    ("stalking, religion ticked only: aggravated forms proposed, not recordable",
     {"occasions_targeting_victim": 2, "stalking_behaviour": True,
      "victim_feared_violence": True, "strands": RELIGION},
     ["ca2003_s127_2_c", "pha1997_s2a", "pha1997_s4", "pha1997_s4a", "pha1997_s2",
      "cda1998_s32_pha_s2", "cda1998_s32_pha_s2a", "cda1998_s32_pha_s4", "cda1998_s32_pha_s4a"]),
    ("public racist abuse in writing", {"published_to_public": True, "grossly_offensive": True},
     ["mca1988_s1_offensive", "ca2003_s127_1", "poa1986_s19"]),
    ("public racist video", {"published_to_public": True, "grossly_offensive": True,
                             "media": Media.RECORDING},
     ["mca1988_s1_offensive", "ca2003_s127_1", "poa1986_s21"]),
    ("abusive but not threatening, religion: no Part 3A",
     {"published_to_public": True, "grossly_offensive": True, "strands": RELIGION},
     ["mca1988_s1_offensive", "ca2003_s127_1"]),
    ("threatening with intent, sexual orientation: Part 3A",
     {"published_to_public": True, "threatening": True, "intent_to_stir_up_hatred": True,
      "strands": SO},
     ["poa1986_s29c"]),
    ("menacing (s127) is not threatening (POA): no Part 3A",
     {"published_to_public": True, "menacing": True, "intent_to_stir_up_hatred": True,
      "strands": SO},
     ["ca2003_s127_1"]),
    ("nothing", {}, []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "expected"), [c[1:] for c in CANDIDATES], ids=[c[0] for c in CANDIDATES]
)
def test_candidate_offences(overrides: dict[str, Any], expected: list[str]) -> None:
    result = assess(facts(**overrides), NOW)
    assert [c.offence_id for c in result.candidates] == expected


def test_harassment_without_harassing_content_is_not_recordable() -> None:
    result = assess(facts(occasions_targeting_victim=2), NOW)
    s2 = next(c for c in result.candidates if c.offence_id == "pha1997_s2")
    assert not s2.recordable
    assert "harassment" in s2.missing


def test_part_3a_needs_intent_not_likelihood() -> None:
    result = assess(
        facts(
            published_to_public=True, threatening=True, likely_to_stir_up_hatred=True, strands=SO
        ),
        NOW,
    )
    s29c = next(c for c in result.candidates if c.offence_id == "poa1986_s29c")
    assert "intent" in s29c.missing


# no crime, hostility perceived -> NCHI Code steps (default policy: record + threshold)
NCHI_STEPS: list[tuple[str, dict[str, Any], Recommendation, bool | None, str]] = [
    ("no basis for intentional hostility", {}, Recommendation.NO_FURTHER_ACTION, None,
     "para 20"),
    ("trivial or malicious", {"basis_for_intentional_hostility": True,
                              "trivial_irrational_or_malicious": True},
     Recommendation.NO_FURTHER_ACTION, None, "trivial"),
    ("school-aged parties", {"basis_for_intentional_hostility": True,
                             "school_aged_parties": True},
     Recommendation.NO_FURTHER_ACTION, None, "school-aged"),
    ("below the personal-data threshold", {"basis_for_intentional_hostility": True},
     Recommendation.NON_CRIME_HATE_INCIDENT, False, "without the subject's personal data"),
    ("real risk of significant harm", {"basis_for_intentional_hostility": True,
                                       "real_risk_of_significant_harm": True},
     Recommendation.NON_CRIME_HATE_INCIDENT, True, "may include the subject's personal data"),
    ("real risk of a future offence", {"basis_for_intentional_hostility": True,
                                       "real_risk_of_future_offence": True},
     Recommendation.NON_CRIME_HATE_INCIDENT, True, "paras 21-25"),
    ("no strand at all", {"strands": frozenset(), "basis_for_intentional_hostility": True},
     Recommendation.NO_FURTHER_ACTION, None, "not a hate incident"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "expected", "personal", "reason"),
    [s[1:] for s in NCHI_STEPS],
    ids=[s[0] for s in NCHI_STEPS],
)
def test_nchi_code_steps(
    overrides: dict[str, Any], expected: Recommendation, personal: bool | None, reason: str
) -> None:
    result = assess(facts(**overrides), NOW)
    assert result.recommendation is expected
    assert result.nchi_with_personal_data is personal
    assert any(reason in r for r in result.reasons), result.reasons


def test_before_the_2023_code_no_personal_data_threshold() -> None:
    old = datetime(2023, 6, 2, 12, tzinfo=UTC)
    case = facts(
        occurred_on=date(2023, 6, 1),
        received_at=datetime(2023, 6, 2, 9, tzinfo=UTC),
        basis_for_intentional_hostility=True,
    )
    before = assess(case, old)
    after = assess(case, datetime(2023, 6, 3, 12, tzinfo=UTC))
    assert (before.policy_id, before.nchi_with_personal_data) == ("assessment-2014", True)
    assert (after.policy_id, after.nchi_with_personal_data) == ("assessment-nchi-code-2023", False)


def test_crime_needs_no_perception_but_flag_does() -> None:
    result = assess(
        facts(
            grossly_offensive=True, perceived_by=frozenset({PerceivedBy.BYSTANDER_NO_CONNECTION})
        ),
        NOW,
    )
    assert result.recommendation is Recommendation.CRIME
    assert not result.hate_flag
    assert result.strands == ()
    assert result.sentencing_uplift is None


def test_a_locally_recorded_strand_is_not_a_monitored_one() -> None:
    """``other`` is kept on the report; the assessment reads the five monitored strands."""
    only_other = assess(facts(strands=frozenset({Strand.OTHER}), grossly_offensive=True), NOW)
    assert (only_other.hate_flag, only_other.strands) == (False, ())
    assert only_other == assess(facts(strands=frozenset(), grossly_offensive=True), NOW)
    both = assess(facts(strands=frozenset({Strand.OTHER, *RACE}), grossly_offensive=True), NOW)
    assert (both.hate_flag, both.strands) == (True, (Strand.RACE,))
    assert both == assess(facts(grossly_offensive=True), NOW)


@pytest.mark.parametrize(
    "perceiver",
    [
        PerceivedBy.VICTIM,
        PerceivedBy.REPORTER_WITH_CONNECTION,
        PerceivedBy.THIRD_PARTY_ORGANISATION,
        PerceivedBy.OFFICER,
    ],
)
def test_perception_by_anyone_connected_flags_hate(perceiver: PerceivedBy) -> None:
    result = assess(facts(grossly_offensive=True, perceived_by=frozenset({perceiver})), NOW)
    assert result.hate_flag
    assert result.perception_satisfied


RACE_DISABILITY = frozenset({Strand.RACE, Strand.DISABILITY})
TRANSGENDER = frozenset({Strand.TRANSGENDER})

# The s66 uplift belongs to each offence: race and religion are left out only for a CDA 1998
# aggravated form (its own element); an offence with no aggravated form keeps every strand,
# however many aggravated forms the case proposes.
# strands, occasions -> offence -> its s66 strands
UPLIFT: list[tuple[frozenset[Strand], int, str, tuple[Strand, ...]]] = [
    (RACE, 1, "mca1988_s1_offensive", (Strand.RACE,)),
    (RACE, 3, "mca1988_s1_offensive", (Strand.RACE,)),  # no aggravated form, kept case-wide
    (RACE, 3, "ca2003_s127_1", (Strand.RACE,)),
    (RACE, 3, "pha1997_s2", (Strand.RACE,)),  # if charged as the basic offence
    (RACE, 3, "cda1998_s32_pha_s2", ()),  # the aggravated form: race is its own element
    (RACE_DISABILITY, 3, "cda1998_s32_pha_s2", (Strand.DISABILITY,)),
    (RACE_DISABILITY, 3, "mca1988_s1_offensive", (Strand.DISABILITY, Strand.RACE)),
    (TRANSGENDER, 3, "pha1997_s2", (Strand.TRANSGENDER,)),
]


@pytest.mark.parametrize(("strands", "occasions", "offence_id", "uplift"), UPLIFT)
def test_sentencing_act_s66_uplift_per_offence(
    strands: frozenset[Strand], occasions: int, offence_id: str, uplift: tuple[Strand, ...]
) -> None:
    result = assess(
        facts(
            strands=strands,
            grossly_offensive=True,
            occasions_targeting_victim=occasions,
            hostility_demonstrated=strands,
        ),
        NOW,
    )
    candidate = next(c for c in result.candidates if c.offence_id == offence_id)
    got = candidate.sentencing_uplift.strands if candidate.sentencing_uplift else ()
    assert got == uplift


def test_case_uplift_survives_an_aggravated_form() -> None:
    result = assess(
        facts(grossly_offensive=True, occasions_targeting_victim=3, hostility_motivated=RACE), NOW
    )
    assert "cda1998_s32_pha_s2" in result.aggravated_forms
    assert result.sentencing_uplift is not None
    assert result.sentencing_uplift.strands == (Strand.RACE,)
    assert "Malicious Communications Act 1988" in result.sentencing_uplift.note


def test_aggravated_forms_listed_with_reason() -> None:
    result = assess(facts(grossly_offensive=True, occasions_targeting_victim=2), NOW)
    assert result.aggravated_forms == ("cda1998_s32_pha_s2",)
    assert any("CDA 1998 aggravated" in r for r in result.reasons)


def test_enhanced_rights() -> None:
    assert assess(facts(grossly_offensive=True), NOW).enhanced_rights  # hate crime
    no_hate = facts(grossly_offensive=True, strands=frozenset())
    assert not assess(no_hate, NOW).enhanced_rights
    child_victim_of_crime = facts(strands=frozenset(), victim_under_18=True, grossly_offensive=True)
    assert assess(child_victim_of_crime, NOW).enhanced_rights
    # issue 25 defect 12: the Victims' Code is for victims of a crime, not every case
    child_no_crime = facts(strands=frozenset(), victim_under_18=True)
    assert not assess(child_no_crime, NOW).enhanced_rights


def test_online_flag_reason() -> None:
    assert assess(facts(grossly_offensive=True), NOW).online_flag
    offline = assess(facts(grossly_offensive=True, online=False), NOW)
    assert not offline.online_flag
    assert not any("Online flag" in r for r in offline.reasons)


def test_policy_mode_intelligence_only_from_a_later_version() -> None:
    policy = policy_on(NOW.date()).model_copy(update={"nchi_mode": NchiMode.INTELLIGENCE_ONLY})
    result = assess(facts(basis_for_intentional_hostility=True), NOW, policy=policy)
    assert result.recommendation is Recommendation.INTELLIGENCE_ONLY
    assert result.hate_flag


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"occurred_on": date(2024, 3, 5)}, "occurred_on"),
        ({"threat_kind": ThreatKind.DEATH}, "threat_of_death_or_serious_harm"),
        ({"sufficient_evidence_on": date(2024, 2, 1)}, "sufficient_evidence_on"),
        ({"received_at": datetime(2024, 3, 2, 10)}, "timezone"),
        ({"occasions_targeting_victim": -1}, "occasions_targeting_victim"),
    ],
)
def test_inconsistent_facts_are_rejected(overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        facts(**overrides)


def test_naive_now_is_rejected() -> None:
    with pytest.raises(InvalidValue) as caught:
        assess(facts(), datetime(2024, 3, 2, 12))
    assert caught.value.field == "now"


def test_unknown_fact_name_in_the_offence_table_is_refused() -> None:
    table = offence_table()
    s181 = table.get("osa2023_s181")
    broken = s181.model_copy(update={"indicated_by": (("threat_of_doom",),)})
    bad = table.model_copy(update={"offences": (broken,)})
    with pytest.raises(InvalidValue, match="threat_of_doom"):
        assess(facts(), NOW, offences=bad)


def test_public_figure_and_unidentified_subject_reasons() -> None:
    result = assess(
        facts(
            victim_is_public_figure_or_group=True,
            perceived_by=frozenset({PerceivedBy.THIRD_PARTY_ORGANISATION}),
            basis_for_intentional_hostility=True,
            real_risk_of_future_offence=True,
        ),
        NOW,
    )
    assert result.recommendation is Recommendation.NON_CRIME_HATE_INCIDENT
    assert any("public figure or a group" in r for r in result.reasons)
    assert any("not identified yet" in r for r in result.reasons)
