"""Hate: the perception test, the NCHI Code of Practice steps, and the Sentencing Act s66 note.

Sources (copied into ``data/assessment_policy.toml``): College of Policing Hate Crime Operational
Guidance 2014 s1.2.3-1.2.4 and the PSNI perception-test page (who may perceive hostility); the
Non-Crime Hate Incidents Code of Practice 2023 paras 20-25 (when an NCHI may be recorded, and the
personal-data threshold); Sentencing Act 2020 s66 (hostility as an aggravating factor).
"""

from __future__ import annotations

from graph.assessment.models import (
    CandidateOffence,
    CaseFacts,
    PerceivedBy,
    Recommendation,
    SentencingUplift,
)
from graph.assessment.policy import AssessmentPolicy, NchiMode
from graph.law.offences import Offence, Strand

RACE_RELIGION = frozenset({Strand.RACE, Strand.RELIGION})


def perception(facts: CaseFacts, policy: AssessmentPolicy) -> tuple[bool, str]:
    if not facts.monitored_strands:
        return False, "No hostility towards a monitored strand is alleged."
    accepted = {p for p in facts.perceived_by if p.satisfies_perception_test}
    if accepted:
        who = ", ".join(sorted(p.value for p in accepted))
        return True, f"Perception test met: hostility perceived by {who} (HCOG 2014 s1.2.3)."
    if PerceivedBy.BYSTANDER_NO_CONNECTION in facts.perceived_by:
        if policy.accept_unconnected_bystander_perception:
            return True, (
                "Perception test met only by a bystander with no connection; "
                f"policy {policy.id} accepts that perception."
            )
        return False, (
            "Perception test not met: the only perception of hostility is that of a bystander "
            "with no knowledge of the victim, the incident or the area, reacting to material "
            "seen online; such a perception is not a basis to record (College HCOG 2014 "
            f"s1.2.3-1.2.4; PSNI perception test; policy {policy.id})."
        )
    return False, "Perception test not met: no one's perception of hostility is recorded."


def non_crime(
    facts: CaseFacts, policy: AssessmentPolicy, perceived: bool
) -> tuple[Recommendation, bool | None, list[str]]:
    """Steps for hostility that is not a crime: NCHI Code of Practice, then policy."""
    if not facts.monitored_strands:
        return Recommendation.NO_FURTHER_ACTION, None, ["Not a crime and not a hate incident."]
    if not perceived:
        return Recommendation.NO_FURTHER_ACTION, None, []
    if facts.school_aged_parties:
        return (
            Recommendation.NO_FURTHER_ACTION,
            None,
            [
                "Between school-aged children: an NCHI is not recorded on policing systems and the "
                "subject's personal data is not recorded (NCHI Code; handle through the school)."
            ],
        )
    if facts.trivial_irrational_or_malicious:
        return (
            Recommendation.NO_FURTHER_ACTION,
            None,
            ["NCHI Code: a trivial, irrational or malicious report must not be recorded."],
        )
    if not facts.basis_for_intentional_hostility:
        return (
            Recommendation.NO_FURTHER_ACTION,
            None,
            [
                "NCHI Code para 20: perception alone is not enough; there is no basis to "
                "conclude the act was intentionally hostile (lawful debate, humour, satire and "
                "offence alone are not grounds)."
            ],
        )
    if policy.nchi_mode is NchiMode.INTELLIGENCE_ONLY:
        return (
            Recommendation.INTELLIGENCE_ONLY,
            None,
            [
                f"Policy {policy.id}: hate incidents that are not crimes are kept as intelligence "
                "only, not recorded as NCHIs."
            ],
        )
    if policy.nchi_mode is NchiMode.RECORD_WITHOUT_PERSONAL_DATA:
        return (
            Recommendation.NON_CRIME_HATE_INCIDENT,
            False,
            [f"Policy {policy.id}: record an NCHI without the subject's personal data."],
        )
    if not policy.nchi_personal_data_threshold:
        return (
            Recommendation.NON_CRIME_HATE_INCIDENT,
            True,
            [
                f"Policy {policy.id}: record an NCHI "
                "(no personal-data threshold before the 2023 Code)."
            ],
        )
    risk = facts.real_risk_of_significant_harm or facts.real_risk_of_future_offence
    if risk:
        reason = (
            "NCHI Code paras 21-25: real risk of significant harm or of a future offence, so the "
            "NCHI may include the subject's personal data."
        )
    else:
        reason = (
            "NCHI Code paras 21-25: no real risk of significant harm or of a future offence, so "
            "record the NCHI without the subject's personal data and remove any already recorded."
        )
    reasons = [reason]
    if risk and not facts.suspect_identified:
        reasons.append("The subject is not identified yet: there is no personal data to record.")
    return Recommendation.NON_CRIME_HATE_INCIDENT, risk, reasons


def _names(strands: tuple[Strand, ...]) -> str:
    return ", ".join(s.value.replace("_", " ") for s in strands)


def offence_uplift(
    offence: Offence, strands: tuple[Strand, ...], aggravated_alternative: str | None
) -> SentencingUplift | None:
    """Sentencing Act 2020 s66 for one offence: hostility on each flagged strand, except race
    and religion for a CDA 1998 aggravated form (the aggravation is its own element). For a
    basic offence whose aggravated form is also proposed, race and religion count under s66
    only if the basic offence is the one charged."""
    covered = RACE_RELIGION if offence.aggravated_form_of is not None else frozenset()
    uplift = tuple(s for s in strands if s not in covered)
    if not uplift:
        return None
    note = (
        f"Sentencing Act 2020 s66 ({offence.citation}): the court must treat hostility based on "
        f"{_names(uplift)}, if demonstrated or the motivation, as aggravating and say so in "
        "open court"
    )
    alternative = tuple(s for s in uplift if s in RACE_RELIGION)
    if aggravated_alternative is not None and alternative:
        note += (
            f"; {_names(alternative)} only if charged as this offence, not as the aggravated "
            f"form {aggravated_alternative}"
        )
    elif offence.aggravated_form_of is not None and covered & set(strands):
        note += "; racial or religious hostility is this aggravated offence's own element"
    return SentencingUplift(strands=uplift, note=note + ".")


def case_uplift(candidates: tuple[CandidateOffence, ...]) -> SentencingUplift | None:
    """The s66 notes of the recordable candidates, offence by offence, with their strands."""
    notes = [c.sentencing_uplift for c in candidates if c.recordable and c.sentencing_uplift]
    if not notes:
        return None
    strands = tuple(sorted({s for n in notes for s in n.strands}))
    return SentencingUplift(strands=strands, note=" ".join(n.note for n in notes))
