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

A point is evidenced when one of its fact sets is wholly established, absent when a fact of each
set is recorded as absent (then the offence is not recordable whatever the point's kind), and
missing otherwise. The offence table is the law of England and Wales: for a case referred to
Police Scotland or PSNI the reasons say so.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph.assessment.calendars import uk_date
from graph.assessment.deadlines import crime_recording_deadline, prosecution_deadline
from graph.assessment.hate import (
    RACE_RELIGION,
    case_uplift,
    non_crime,
    offence_uplift,
    perception,
)
from graph.assessment.models import (
    Assessment,
    CandidateOffence,
    CaseFacts,
    Deadline,
    Jurisdiction,
    Media,
    PerceivedBy,
    PointAssessment,
    PointStatus,
    Recommendation,
    SentencingUplift,
    ThreatKind,
)
from graph.assessment.policy import AssessmentPolicy, policy_on
from graph.assessment.responsibility import below_criminal_responsibility
from graph.errors import InvalidValue
from graph.law.offences import Offence, OffenceTable, Strand, offence_table

_PART_3A = frozenset({Strand.RELIGION, Strand.SEXUAL_ORIENTATION})


def derived_facts(facts: CaseFacts, table: OffenceTable) -> dict[str, bool]:
    """The named facts the offence table's ``indicated_by`` and ``evidenced_by`` refer to
    (``True``: established); the table says how many occasions a course of conduct needs."""
    threat = facts.threat_of_death_or_serious_harm or facts.threat_kind is not None
    threatening = threat or facts.threatening  # "menacing" (s127) is not "threatening" (POA)
    abusive = threatening or facts.abusive_or_insulting or facts.grossly_offensive
    course = table.course_of_conduct.reached_by(facts.occasions_targeting_victim)
    hostility = facts.hostility_demonstrated | facts.hostility_motivated
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
        "abusive_or_insulting": abusive,
        "harassing_content": abusive or facts.menacing or facts.indecent,
        "intent_to_stir_up_hatred": facts.intent_to_stir_up_hatred is True,
        "likely_to_stir_up_hatred": facts.likely_to_stir_up_hatred is True,
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
        "race_or_religion_hostility_evidenced": bool(RACE_RELIGION & hostility),
    }


def recorded_absent(facts: CaseFacts) -> frozenset[str]:
    """Fact names an analyst recorded as absent (not merely not established)."""
    tri_state = {
        "intent_to_stir_up_hatred": facts.intent_to_stir_up_hatred,
        "likely_to_stir_up_hatred": facts.likely_to_stir_up_hatred,
    }
    return frozenset(name for name, value in tri_state.items() if value is False)


def _status(
    fact_sets: tuple[tuple[str, ...], ...], known: dict[str, bool], absent: frozenset[str]
) -> PointStatus:
    if any(all(known[f] for f in facts) for facts in fact_sets):
        return PointStatus.EVIDENCED
    if fact_sets and all(absent.intersection(facts) for facts in fact_sets):
        return PointStatus.ABSENT
    return PointStatus.MISSING


def _candidate(
    offence: Offence,
    known: dict[str, bool],
    absent: frozenset[str],
    uplift: SentencingUplift | None = None,
) -> CandidateOffence:
    points = []
    recordable = True
    for point in offence.points:
        status = _status(point.fact_sets, known, absent)
        points.append(PointAssessment(id=point.id, text=point.text, kind=point.kind, status=status))
        if status is PointStatus.ABSENT or (
            point.needed_to_record and status is not PointStatus.EVIDENCED
        ):
            recordable = False
    return CandidateOffence(
        offence_id=offence.id,
        title=offence.title,
        citation=offence.citation,
        recordable=recordable,
        aggravated_form=offence.aggravated_form_of is not None,
        ag_consent=offence.ag_consent,
        verified=offence.verified,
        points=tuple(points),
        sentencing_uplift=uplift,
        hocr_class=offence.hocr.class_ if offence.hocr else None,
        hocr_code=offence.hocr.code if offence.hocr else None,
        cjs_code=offence.cjs.code if offence.cjs else None,
        codes_verified=offence.codes_verified,
    )


def evaluate(
    offence: Offence, facts: CaseFacts, table: OffenceTable | None = None
) -> CandidateOffence:
    """One offence's points against the facts, whether or not the facts indicate it."""
    known = derived_facts(facts, table or offence_table())
    return _candidate(offence, known, recorded_absent(facts))


def _fact_names(table: OffenceTable) -> set[str]:
    names = {f for o in table.offences for c in o.indicated_by for f in c}
    for offence in table.offences:
        for point in offence.points:
            names |= {f for facts in point.fact_sets for f in facts}
    return names


def candidate_offences(
    facts: CaseFacts,
    table: OffenceTable,
    strands: tuple[Strand, ...] = (),
) -> tuple[tuple[CandidateOffence, ...], tuple[Offence, ...]]:
    """Offences in force on the offence date that the facts indicate, recordable first.

    ``strands`` (the flagged strands) give each candidate its Sentencing Act 2020 s66 note.
    """
    known = derived_facts(facts, table)
    unknown = _fact_names(table) - known.keys()
    if unknown:
        raise InvalidValue("offences.indicated_by", f"unknown fact names {sorted(unknown)}")
    absent = recorded_absent(facts)
    chosen: list[Offence] = []
    for offence in table.in_force_on(facts.occurred_on):
        if any(all(known[f] for f in cond) for cond in offence.indicated_by):
            chosen.append(offence)
    if known["race_or_religion_strand"] or known["race_or_religion_hostility_evidenced"]:
        for base in list(chosen):
            aggravated = table.aggravated_form(base.id)
            if aggravated is not None and aggravated.in_force_on(facts.occurred_on):
                chosen.append(aggravated)
    ids = {o.id for o in chosen}
    candidates = []
    for offence in chosen:
        alternative = table.aggravated_form(offence.id)
        uplift = offence_uplift(
            offence, strands, alternative.id if alternative and alternative.id in ids else None
        )
        candidates.append(_candidate(offence, known, absent, uplift))
    candidates.sort(key=lambda c: not c.recordable)  # stable: table order within each group
    return tuple(candidates), tuple(chosen)


ADULT_AGE = 18  # a child under 18 is dealt with by youth justice in each UK jurisdiction

_LAW_OF = {
    Jurisdiction.SCOTLAND: ("Police Scotland", "Scotland"),
    Jurisdiction.NORTHERN_IRELAND: ("the Police Service of Northern Ireland", "Northern Ireland"),
}


def _stirring_up_reasons(
    candidates: tuple[CandidateOffence, ...], table: OffenceTable
) -> list[str]:
    reasons = []
    for candidate in candidates:
        offence = table.get(candidate.offence_id)
        if offence.ag_consent:
            reasons.append(
                f"{candidate.citation}: a prosecution needs the Attorney General's consent "
                f"({offence.ag_consent_provision})."
            )
        if offence.savings:
            reasons.append(
                f"{candidate.citation}: free-expression savings apply. {offence.savings}."
            )
        if candidate.absent:
            reasons.append(
                f"{candidate.citation}: not recordable, recorded as absent: "
                + ", ".join(candidate.absent)
                + "."
            )
    return reasons


def _suspect_age_reasons(facts: CaseFacts, jurisdiction: Jurisdiction) -> list[str]:
    """What the suspect's age means for a prosecution (the recording decision is unchanged:
    it is about the victim's report, not about who can be prosecuted)."""
    age = facts.suspect_age
    if age is None:
        return []
    barred = below_criminal_responsibility(age, jurisdiction, facts.occurred_on)
    if barred is not None:
        unverified = "" if barred.verified else " (unverified: confirm before relying on it)"
        return [
            f"Suspect aged {age}: under the age of criminal responsibility "
            f"({barred.minimum_age}; {barred.source}){unverified}. No prosecution is possible; "
            "the outcome is 'prosecution prevented: suspect under the age of criminal "
            "responsibility', and the complainant is told no enforcement action is possible."
        ]
    if age < ADULT_AGE:
        return [
            f"Suspect aged {age}: a child; the jurisdiction's youth justice arrangements "
            "apply (in England and Wales a youth caution, the youth offending team, the youth "
            "court; in Scotland the children's hearings system)."
        ]
    return []


def assess(
    facts: CaseFacts,
    now: datetime,
    *,
    policy: AssessmentPolicy | None = None,
    offences: OffenceTable | None = None,
    jurisdiction: Jurisdiction = Jurisdiction.ENGLAND_AND_WALES,
) -> Assessment:
    """Recommend what to do with one incident, with candidate offences, deadlines and reasons.

    ``now`` (timezone-aware) is the decision time: it picks the policy in force and the status
    of each deadline. ``policy`` and ``offences`` default to the shipped tables.
    ``jurisdiction`` is the lead force's: outside England and Wales the reasons say that the
    offences and the uplift listed are England and Wales law.
    """
    decided_at = _aware(now)
    policy = policy or policy_on(uk_date(decided_at))
    table = offences or offence_table()
    perceived, perception_reason = perception(facts, policy)
    strands = facts.monitored_strands if perceived else ()
    candidates, chosen = candidate_offences(facts, table, strands)
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
                + "; ".join(
                    f"{c.citation} (missing {', '.join(c.missing + c.absent)})" for c in candidates
                )
                + "."
            )
        else:
            reasons.append(f"No offence in force on {facts.occurred_on} fits the facts.")
        recommendation, nchi_personal, more = non_crime(facts, policy, perceived)
        reasons.extend(more)
    if facts.monitored_strands:
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
        proved = [c.offence_id for c in candidates if c.aggravated_form and c.recordable]
        reasons.append(
            "Racial or religious hostility: CDA 1998 aggravated form(s) proposed: "
            + ", ".join(aggravated)
            + (
                "; aggravation (s28) evidenced by the hostility recorded."
                if proved
                else "; the strand ticked is a hostility flag, not evidence: record demonstrated "
                "hostility or hostile motivation (CDA 1998 s28(1)(a)/(b)) to make them recordable."
            )
        )
    reasons.extend(_stirring_up_reasons(candidates, table))
    uplift = None
    if recommendation is Recommendation.CRIME and strands:
        uplift = case_uplift(candidates)
    if jurisdiction in _LAW_OF:
        force, country = _LAW_OF[jurisdiction]
        reasons.append(
            f"Jurisdiction: the case is referred to {force}. The offences, time limits and "
            "Sentencing Act 2020 s66 uplift listed are the law of England and Wales, for "
            f"reference only; the conduct is assessed under the law of {country}."
        )
    reasons.extend(_suspect_age_reasons(facts, jurisdiction))
    persistently_targeted = table.course_of_conduct.reached_by(facts.occasions_targeting_victim)
    why_enhanced = []
    if recommendation is Recommendation.CRIME:  # the Victims' Code is for victims of crime
        if facts.victim_under_18:
            why_enhanced.append("the victim is under 18 (vulnerable)")
        if hate_flag and policy.enhanced_rights_for_hate_crime:
            why_enhanced.append(f"hate crime (policy {policy.id})")
        if persistently_targeted:
            why_enhanced.append("the victim is persistently targeted")
    if why_enhanced:
        reasons.append("Victims' Code Enhanced Rights: " + "; ".join(why_enhanced) + ".")
    deadlines: list[Deadline] = [
        crime_recording_deadline(facts, decided_at, policy.crime_recording_hours)
    ]
    deadlines.extend(prosecution_deadline(o, facts, decided_at) for o in chosen)
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
        enhanced_rights=bool(why_enhanced),
        deadlines=tuple(deadlines),
        reasons=tuple(reasons),
        policy_id=policy.id,
        offence_table_version=table.version,
        decided_at=decided_at,
        jurisdiction=jurisdiction,
    )


def _aware(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise InvalidValue("now", "must include a timezone")
    return now.astimezone(UTC)
