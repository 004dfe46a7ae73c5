"""Hub issue 6 acceptance scenarios: threat to kill across forces, before/after the split,
and a bystander's report about a public figure."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from graph.assessment.engine import assess
from graph.assessment.models import CandidateOffence, PerceivedBy, Recommendation, ThreatKind
from graph.assessment.policy import NchiMode, policy_on
from graph.assignment.models import (
    AssignmentInput,
    ForceRole,
    Rule,
    SuspectLocation,
    SuspectWhere,
    VictimLocation,
)
from graph.assignment.rules import assign
from graph.law.offences import Strand
from tests.unit.assessment.builders import facts

THREAT = {
    "threat_of_death_or_serious_harm": True,
    "threat_kind": ThreatKind.DEATH,
    "sent_to_victim_directly": True,
    "suspect_identified": True,
}


def _ids(candidates: tuple[CandidateOffence, ...]) -> list[str]:
    return [c.offence_id for c in candidates]


def test_threat_to_kill_after_split_is_osa_s181_crime() -> None:
    result = assess(
        facts(occurred_on=date(2024, 3, 1), **THREAT), datetime(2024, 3, 2, 12, tzinfo=UTC)
    )
    assert result.recommendation is Recommendation.CRIME
    ids = _ids(result.candidates)
    assert ids[0] == "osa2023_s181"
    assert "oapa1861_s16" in ids
    assert "mca1988_s1_threat" not in ids
    s181 = result.candidates[0]
    assert s181.recordable
    assert s181.evidenced == ("sends", "threat")
    assert s181.missing == ("intent",)
    assert result.hate_flag
    assert result.strands == (Strand.RACE,)
    assert any("Online Safety Act 2023 s181" in r for r in result.reasons)


def test_same_message_before_split_is_mca_s1() -> None:
    result = assess(
        facts(occurred_on=date(2024, 1, 30), **THREAT), datetime(2024, 3, 2, 12, tzinfo=UTC)
    )
    assert result.recommendation is Recommendation.CRIME
    ids = _ids(result.candidates)
    assert ids[0] == "mca1988_s1_threat"
    assert "osa2023_s181" not in ids


@pytest.mark.parametrize(
    ("day", "offence"),
    [(date(2024, 1, 30), "mca1988_s1_threat"), (date(2024, 1, 31), "osa2023_s181")],
)
def test_offence_date_picks_the_threat_offence(day: date, offence: str) -> None:
    result = assess(facts(occurred_on=day, **THREAT), datetime(2024, 3, 2, tzinfo=UTC))
    assert result.candidates[0].offence_id == offence


def test_threat_to_kill_leeds_suspect_wigan_victim_is_west_yorkshire() -> None:
    result = assign(
        AssignmentInput(
            victims=(VictimLocation(postcode="WN1 1AA"),),
            suspects=(
                SuspectLocation(
                    identified=True, where=SuspectWhere.UK_POSTCODE, postcode="LS1 4AP"
                ),
            ),
        ),
        on=date(2024, 3, 2),
    )
    assert result.lead_force_code == "E23000010"
    assert result.rule is Rule.SUSPECT_FORCE
    assert [(n.force_code, n.role) for n in result.notified] == [
        ("E23000005", ForceRole.VICTIM_CARE)
    ]


BYSTANDER = {
    "perceived_by": frozenset({PerceivedBy.BYSTANDER_NO_CONNECTION}),
    "victim_is_public_figure_or_group": True,
    "published_to_public": True,
    "occasions_targeting_victim": 1,
    "basis_for_intentional_hostility": True,
}


def test_bystander_report_about_public_figure_is_nfa_by_default() -> None:
    result = assess(facts(**BYSTANDER), datetime(2024, 3, 2, tzinfo=UTC))
    assert result.recommendation is Recommendation.NO_FURTHER_ACTION
    assert not result.perception_satisfied
    assert not result.hate_flag
    assert any("Perception test not met" in r and "bystander" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("mode", "expected", "personal"),
    [
        (NchiMode.RECORD, Recommendation.NON_CRIME_HATE_INCIDENT, False),
        (NchiMode.RECORD_WITHOUT_PERSONAL_DATA, Recommendation.NON_CRIME_HATE_INCIDENT, False),
        (NchiMode.INTELLIGENCE_ONLY, Recommendation.INTELLIGENCE_ONLY, None),
    ],
)
def test_bystander_report_follows_configured_policy_when_bystanders_count(
    mode: NchiMode, expected: Recommendation, personal: bool | None
) -> None:
    policy = policy_on(date(2024, 3, 2)).model_copy(
        update={"accept_unconnected_bystander_perception": True, "nchi_mode": mode}
    )
    result = assess(facts(**BYSTANDER), datetime(2024, 3, 2, tzinfo=UTC), policy=policy)
    assert result.recommendation is expected
    assert result.nchi_with_personal_data is personal
    assert any("bystander" in r and policy.id in r for r in result.reasons)
