"""The assessment engine: crime, non-crime hate incident, intelligence only, or no further action.

Pure: ``assess(facts, now)`` reads only the shipped law and policy tables (or the ones passed
in). The order of the questions follows the rules it cites:

1. Crime (NCRS): on the balance of probability the facts amount to an offence in force on the
   offence date, i.e. some candidate offence has every conduct and circumstance point evidenced
   (intent is normally inferred and is for the investigation).
2. Hate flag (perception test): hostility towards a monitored strand perceived by the victim or
   any other person, except someone with no connection reacting to something seen online
   (unless the policy accepts that).
3. Not a crime but hostility perceived: the NCHI Code of Practice (2023) decides whether an NCHI
   may be recorded and, by its threshold test, whether with the subject's personal data; the
   policy in force on the decision date decides record / without personal data / intelligence.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph.assessment import clocks
from graph.assessment.deadlines import uk_date
from graph.assessment.hate import RACE_RELIGION, non_crime, perception, sentencing_uplift
from graph.assessment.models import (
    Assessment,
    CandidateOffence,
    CaseFacts,
    Deadline,
    Media,
    PerceivedBy,
    PointAssessment,
    PointStatus,
    Recommendation,
    ThreatKind,
)
from graph.assessment.policy import AssessmentPolicy, policy_on
from graph.errors import InvalidValue
from graph.law.offences import Offence, OffenceTable, Strand, offence_table

_PART_3A = frozenset({Strand.RELIGION, Strand.SEXUAL_ORIENTATION})


def derived_facts(facts: CaseFacts, policy: AssessmentPolicy) -> dict[str, bool]:
    """The named facts the offence table's ``indicated_by`` and ``evidenced_by`` refer to."""
    threat = facts.threat_of_death_or_serious_harm or facts.threat_kind is not None
    threatening = threat or facts.menacing
    course = facts.occasions_targeting_victim >= policy.course_of_conduct_min_occasions
    return {
        "message_sent": True,
        "online": facts.online,
        "threat": threat,
        "threat_of_death_or_serious_harm": facts.threat_of_death_or_serious_harm,
        "threat_to_kill": facts.threat_kind is ThreatKind.DEATH,
        "grossly_offensive": facts.grossly_offensive,
        "indecent": facts.indecent,
        "menacing": facts.menacing,
        "offensive_or_indecent": facts.grossly_offensive or facts.indecent,
        "offensive_indecent_or_menacing": facts.grossly_offensive
        or facts.indecent
        or facts.menacing
        or threat,
        "false_information": facts.false_information,
        "threatening": threatening,
        "abusive_or_insulting": threatening or facts.grossly_offensive,
        "harassing_content": threatening or facts.grossly_offensive or facts.indecent,
        "intent_to_stir_up_hatred": facts.intent_to_stir_up_hatred,
        "published_to_public": facts.published_to_public,
        "written_material": facts.media is Media.WRITTEN,
        "recording": facts.media is Media.RECORDING,
        "course_of_conduct": course,
        "targets_victim": facts.occasions_targeting_victim >= 1,
        "fear_of_violence": facts.victim_feared_violence,
        "fear_or_serious_alarm": facts.victim_feared_violence or facts.serious_alarm_or_distress,
        "stalking_behaviour": facts.stalking_behaviour,
        "race_strand": Strand.RACE in facts.strands,
        "part_3a_strand": bool(_PART_3A & facts.strands),
        "race_or_religion_strand": bool(RACE_RELIGION & facts.strands),
    }


def _candidate(offence: Offence, known: dict[str, bool]) -> CandidateOffence:
    points = []
    for point in offence.points:
        evidenced = bool(point.evidenced_by) and all(known[f] for f in point.evidenced_by)
        status = PointStatus.EVIDENCED if evidenced else PointStatus.MISSING
        points.append(PointAssessment(id=point.id, text=point.text, kind=point.kind, status=status))
    recordable = all(p.status is PointStatus.EVIDENCED for p in points if p.kind.needed_to_record)
    return CandidateOffence(
        offence_id=offence.id,
        title=offence.title,
        citation=offence.citation,
        recordable=recordable,
        aggravated_form=offence.aggravated_form_of is not None,
        ag_consent=offence.ag_consent,
        verified=offence.verified,
        points=tuple(points),
    )


def candidate_offences(
    facts: CaseFacts, policy: AssessmentPolicy, table: OffenceTable
) -> tuple[tuple[CandidateOffence, ...], tuple[Offence, ...]]:
    """Offences in force on the offence date that the facts indicate, recordable first."""
    known = derived_facts(facts, policy)
    unknown = {f for o in table.offences for c in o.indicated_by for f in c} - known.keys()
    unknown |= {f for o in table.offences for p in o.points for f in p.evidenced_by} - known.keys()
    if unknown:
        raise InvalidValue("offences.indicated_by", f"unknown fact names {sorted(unknown)}")
    chosen: list[Offence] = []
    for offence in table.in_force_on(facts.occurred_on):
        if any(all(known[f] for f in cond) for cond in offence.indicated_by):
            chosen.append(offence)
    if known["race_or_religion_strand"]:
        for base in list(chosen):
            aggravated = table.aggravated_form(base.id)
            if aggravated is not None and aggravated.in_force_on(facts.occurred_on):
                chosen.append(aggravated)
    candidates = [_candidate(o, known) for o in chosen]
    candidates.sort(key=lambda c: not c.recordable)  # stable: table order within each group
    return tuple(candidates), tuple(chosen)


def assess(
    facts: CaseFacts,
    now: datetime,
    *,
    policy: AssessmentPolicy | None = None,
    offences: OffenceTable | None = None,
) -> Assessment:
    """Recommend what to do with one incident, with candidate offences, deadlines and reasons.

    ``now`` (timezone-aware) is the decision time: it picks the policy in force and the status
    of each deadline. ``policy`` and ``offences`` default to the shipped tables.
    """
    decided_at = _aware(now)
    policy = policy or policy_on(uk_date(decided_at))
    table = offences or offence_table()
    candidates, chosen = candidate_offences(facts, policy, table)
    perceived, perception_reason = perception(facts, policy)
    strands = tuple(s for s in Strand if s in facts.strands) if perceived else ()
    reasons: list[str] = []
    recordable = [c for c in candidates if c.recordable]
    nchi_personal: bool | None = None
    if recordable:
        recommendation = Recommendation.CRIME
        names = "; ".join(c.citation for c in recordable)
        reasons.append(
            f"Crime (NCRS, balance of probability): the conduct and circumstance points of "
            f"{names} are evidenced for an offence on {facts.occurred_on}."
        )
    else:
        if candidates:
            reasons.append(
                "Candidate offences lack evidenced conduct or circumstance points: "
                + "; ".join(f"{c.citation} (missing {', '.join(c.missing)})" for c in candidates)
                + "."
            )
        else:
            reasons.append(f"No offence in force on {facts.occurred_on} fits the facts.")
        recommendation, nchi_personal, more = non_crime(facts, policy, perceived)
        reasons.extend(more)
    if facts.strands:
        reasons.insert(1, perception_reason)
    if facts.victim_is_public_figure_or_group and PerceivedBy.VICTIM not in facts.perceived_by:
        reasons.append(
            "The target is a public figure or a group and has not reported hostility; "
            "the report rests on others' perception."
        )
    hate_flag = bool(strands) and recommendation is not Recommendation.NO_FURTHER_ACTION
    if hate_flag and recommendation is Recommendation.CRIME:
        reasons.append("Hate crime flag: " + ", ".join(s.value for s in strands) + ".")
    if facts.online:
        reasons.append(
            "Online flag: committed wholly or partly through a computer, network or "
            "computer-enabled device (HOCR flags, from 1 April 2017)."
        )
    aggravated = tuple(c.offence_id for c in candidates if c.aggravated_form)
    if aggravated:
        reasons.append(
            "Racial or religious hostility: CDA 1998 aggravated form(s) proposed: "
            + ", ".join(aggravated)
            + "."
        )
    uplift = None
    if recommendation is Recommendation.CRIME and strands:
        uplift = sentencing_uplift(strands, bool(aggravated))
    persistently_targeted = (
        facts.occasions_targeting_victim >= policy.course_of_conduct_min_occasions
    )
    enhanced = (
        facts.victim_under_18
        or (
            hate_flag
            and policy.enhanced_rights_for_hate_crime
            and recommendation is Recommendation.CRIME
        )
        or (persistently_targeted and recommendation is Recommendation.CRIME)
    )
    deadlines: list[Deadline] = [
        clocks.crime_recording_deadline(facts, decided_at, policy.crime_recording_hours)
    ]
    deadlines.extend(clocks.prosecution_deadline(o, facts, decided_at) for o in chosen)
    return Assessment(
        recommendation=recommendation,
        nchi_with_personal_data=nchi_personal,
        hate_flag=hate_flag,
        strands=strands,
        perception_satisfied=perceived,
        online_flag=facts.online,
        candidates=candidates,
        aggravated_forms=aggravated,
        sentencing_uplift=uplift,
        enhanced_rights=enhanced,
        deadlines=tuple(deadlines),
        reasons=tuple(reasons),
        policy_id=policy.id,
        offence_table_version=table.version,
        decided_at=decided_at,
    )


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise InvalidValue("now", "must include a timezone")
    return now.astimezone(UTC)
