"""The facts an assessment starts from and the recommendation it returns (pure values).

Course of conduct is computed elsewhere (from the graph, ``graph/cases/course.py``); the engine
takes the count of occasions on which the same suspect person or account targeted the same
victim, and the day of the last of them. ``docs/CASE-FACTS.md`` says what each fact means and
which offences and rules use it.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph.assessment.calendars import uk_date
from graph.law.offences import MONITORED_STRANDS, PointKind, Strand


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a timezone")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PerceivedBy(enum.StrEnum):
    """Who perceived the hostility (the perception test's "victim or any other person")."""

    VICTIM = "victim"
    REPORTER_WITH_CONNECTION = "reporter_with_connection"  # family, carer, friend, witness
    THIRD_PARTY_ORGANISATION = "third_party_organisation"  # e.g. CST, Tell MAMA
    OFFICER = "officer"
    BYSTANDER_NO_CONNECTION = "bystander_no_connection"  # reacting to something seen online

    @property
    def satisfies_perception_test(self) -> bool:
        return self is not PerceivedBy.BYSTANDER_NO_CONNECTION


class ThreatKind(enum.StrEnum):
    """What a threat threatens; all but OTHER are "death or serious harm" (OSA 2023 s181)."""

    DEATH = "death"
    GRIEVOUS_BODILY_HARM = "grievous_bodily_harm"
    RAPE_OR_ASSAULT_BY_PENETRATION = "rape_or_assault_by_penetration"
    SERIOUS_FINANCIAL_LOSS = "serious_financial_loss"
    OTHER = "other"


class Jurisdiction(enum.StrEnum):
    """Whose criminal law the case falls under: the lead force's country (the offence table is
    the law of England and Wales)."""

    ENGLAND_AND_WALES = "england_and_wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"


class Media(enum.StrEnum):
    WRITTEN = "written"  # text, images of text, memes: "written material"
    RECORDING = "recording"  # video or audio
    OTHER = "other"


class CaseFacts(_Frozen):
    """What is known about one incident when it is assessed."""

    occurred_on: date
    received_at: UtcDatetime
    strands: frozenset[Strand] = frozenset()
    online: bool = True
    # the message
    threat_of_death_or_serious_harm: bool = False
    threat_kind: ThreatKind | None = None
    grossly_offensive: bool = False
    indecent: bool = False
    menacing: bool = False  # CA 2003 s127(1) "menacing character"; not "threatening" (POA)
    threatening: bool = False  # POA 1986 Parts 3 and 3A "threatening" words or material
    abusive_or_insulting: bool = False  # POA 1986 Part 3 (race) only
    false_information: bool = False
    # POA 1986 Parts 3 / 3A: None = not assessed yet, False = recorded as absent
    intent_to_stir_up_hatred: bool | None = None
    likely_to_stir_up_hatred: bool | None = None  # Part 3 only, a circumstance
    published_to_public: bool = False
    sent_to_victim_directly: bool = False
    media: Media = Media.WRITTEN
    # the victim and the conduct towards them
    occasions_targeting_victim: int = Field(default=1, ge=0)  # 0: no specific victim
    last_incident_on: date | None = None  # the course of conduct's last incident (else occurred_on)
    victim_feared_violence: bool = False
    serious_alarm_or_distress: bool = False
    stalking_behaviour: bool = False
    victim_is_public_figure_or_group: bool = False
    victim_under_18: bool = False
    victim_contactable: bool = True  # anonymous reporters get no updates
    # perception and the NCHI Code
    perceived_by: frozenset[PerceivedBy] = frozenset()
    # evidence of hostility (CDA 1998 s28(1)(a)/(b), SA 2020 s66(4)(a)/(b)), by strand: the
    # reporter's tick is only a flag; these are what an analyst found
    hostility_demonstrated: frozenset[Strand] = frozenset()
    hostility_motivated: frozenset[Strand] = frozenset()
    basis_for_intentional_hostility: bool = False  # NCHI Code: else must not record
    trivial_irrational_or_malicious: bool = False  # NCHI Code: must not record
    real_risk_of_significant_harm: bool = False  # NCHI Code personal-data threshold (a)
    real_risk_of_future_offence: bool = False  # NCHI Code personal-data threshold (b)
    school_aged_parties: bool = False  # between school-aged children: not on police systems
    # the suspect and the clocks
    suspect_identified: bool = False
    # the youngest identified suspect's age on the day of the act: below the age of criminal
    # responsibility no prosecution is possible (responsibility.py); under 18 youth justice
    suspect_age: int | None = Field(default=None, ge=0, le=120)
    sufficient_evidence_on: date | None = None  # prosecutor's sufficient-evidence date
    crime_recording_decided_at: UtcDatetime | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CaseFacts:
        if self.occurred_on > uk_date(self.received_at):
            raise ValueError("occurred_on must not be after received_at")
        serious = self.threat_kind not in (None, ThreatKind.OTHER)
        if serious and not self.threat_of_death_or_serious_harm:
            raise ValueError(
                f"threat_kind {self.threat_kind} is a threat of death or serious harm: "
                "set threat_of_death_or_serious_harm"
            )
        if self.sufficient_evidence_on is not None and self.sufficient_evidence_on < (
            self.occurred_on
        ):
            raise ValueError("sufficient_evidence_on must not be before occurred_on")
        if self.last_incident_on is not None and self.last_incident_on < self.occurred_on:
            raise ValueError("last_incident_on must not be before occurred_on")
        return self

    @property
    def last_incident(self) -> date:
        """The day of the last incident (of a course of conduct; else the offence day)."""
        return self.last_incident_on or self.occurred_on

    @property
    def monitored_strands(self) -> tuple[Strand, ...]:
        """The centrally monitored strands among ``strands``, the ones assessed (``other`` is
        recorded locally), in alphabetical order as assessments list them."""
        return tuple(sorted(self.strands & MONITORED_STRANDS))


class Recommendation(enum.StrEnum):
    CRIME = "crime"
    NON_CRIME_HATE_INCIDENT = "non_crime_hate_incident"
    NO_FURTHER_ACTION = "no_further_action"
    INTELLIGENCE_ONLY = "intelligence_only"


class PointStatus(enum.StrEnum):
    EVIDENCED = "evidenced"
    MISSING = "missing"  # not established yet (to investigate)
    ABSENT = "absent"  # recorded as absent: the offence is not made out on these facts


class PointAssessment(_Frozen):
    id: str
    text: str
    kind: PointKind
    status: PointStatus


class SentencingUplift(_Frozen):
    """Sentencing Act 2020 s66: hostility the court must treat as aggravating."""

    strands: tuple[Strand, ...]
    note: str


class CandidateOffence(_Frozen):
    offence_id: str
    title: str
    citation: str
    recordable: bool  # every conduct, circumstance and defining point evidenced, none absent
    aggravated_form: bool  # a CDA 1998 racially or religiously aggravated form
    ag_consent: bool
    verified: bool
    points: tuple[PointAssessment, ...]
    sentencing_uplift: SentencingUplift | None = None  # s66, for this offence
    # the codes a force records against, from the offence table (None: no source found)
    hocr_class: str | None = None  # Home Office Counting Rules class, e.g. "9B"
    hocr_code: str | None = None  # its sub-code, e.g. "125/9"
    cjs_code: str | None = None  # CJS offence code, e.g. "CD98075"
    codes_verified: bool = False  # codes present and each confirmed in its primary source

    @property
    def recording_codes(self) -> str:
        """The codes as a line reads them: "HOCR 9B; CJS CD98075 (unconfirmed)", or ""."""
        hocr = "/".join(c for c in (self.hocr_class, self.hocr_code) if c)
        codes = "; ".join(
            f"{name} {code}" for name, code in (("HOCR", hocr), ("CJS", self.cjs_code)) if code
        )
        if codes and not self.codes_verified:
            codes += " (unconfirmed)"
        return codes

    @property
    def evidenced(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.points if p.status is PointStatus.EVIDENCED)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.points if p.status is PointStatus.MISSING)

    @property
    def absent(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.points if p.status is PointStatus.ABSENT)


class DeadlineStatus(enum.StrEnum):
    DUE = "due"  # not yet passed
    OVERDUE = "overdue"  # passed and not met
    MET = "met"  # done in time
    MET_LATE = "met_late"  # done, after the deadline
    NOT_STARTED = "not_started"  # the clock has not started (e.g. no sufficient-evidence date)
    NO_LIMIT = "no_limit"  # the law sets no limit


class Deadline(_Frozen):
    name: str  # crime_recording_decision / prosecution_time_limit / victim_informed_of_decision
    rule: str  # the rule it comes from, citable
    offence_id: str | None = None
    due_at: UtcDatetime | None = None
    status: DeadlineStatus
    note: str | None = None


class Assessment(_Frozen):
    recommendation: Recommendation
    nchi_with_personal_data: bool | None  # only for an NCHI: the Code's threshold result
    hate_flag: bool
    strands: tuple[Strand, ...]  # flagged strands (empty when the perception test fails)
    perception_satisfied: bool
    online_flag: bool
    candidates: tuple[CandidateOffence, ...]  # recordable first, then table order
    aggravated_forms: tuple[str, ...]  # ids of CDA 1998 forms proposed
    sentencing_uplift: SentencingUplift | None  # every candidate's s66 strands, per offence
    enhanced_rights: bool
    deadlines: tuple[Deadline, ...]
    reasons: tuple[str, ...]
    policy_id: str
    offence_table_version: int
    decided_at: UtcDatetime
    jurisdiction: Jurisdiction = Jurisdiction.ENGLAND_AND_WALES
