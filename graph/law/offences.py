"""The offence reference table (``data/offences.toml``): law as data, chosen by offence date.

Each :class:`Offence` is one offence, or one limb of a section when the limbs have different
validity (the communications offences split on 31 January 2024: the MCA 1988 s1 threat and
false-information limbs and CA 2003 s127(2)(a)(b) stop, OSA 2023 ss179 and 181 start). The
offence date picks the offence: :meth:`Offence.in_force_on`.
"""

from __future__ import annotations

import enum
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.errors import InvalidInput, NotFound, Problem
from graph.policy_files import policy_text, read_toml
from graph.validation import parse, parse_each


class Strand(enum.StrEnum):
    """The hate strands a report can name: the five centrally monitored
    (:data:`MONITORED_STRANDS`, in the Home Office's order) and ``other``, recorded locally."""

    RACE = "race"
    RELIGION = "religion"
    SEXUAL_ORIENTATION = "sexual_orientation"
    DISABILITY = "disability"
    TRANSGENDER = "transgender"
    OTHER = "other"


MONITORED_STRANDS = frozenset(s for s in Strand if s is not Strand.OTHER)


class ModeOfTrial(enum.StrEnum):
    SUMMARY = "summary"
    EITHER_WAY = "either_way"
    INDICTABLE = "indictable"


class PointKind(enum.StrEnum):
    CONDUCT = "conduct"
    CIRCUMSTANCE = "circumstance"
    MENTAL = "mental"
    DEFENCE = "defence"

    @property
    def needed_to_record(self) -> bool:
        """Conduct and circumstance must be evidenced to record a crime; intent is inferred."""
        return self in (PointKind.CONDUCT, PointKind.CIRCUMSTANCE)


class TimeLimitKind(enum.StrEnum):
    NONE = "none"  # indictable / either way: no statutory limit
    SUMMARY_SIX_MONTHS = "summary_six_months"  # MCA 1980 s127: 6 months from the offence
    EVIDENCE_WITH_LONGSTOP = "evidence_with_longstop"  # CA 2003 s127(5): 3y AND 6m from evidence
    EVIDENCE_ONLY = "evidence_only"  # N months from the prosecutor's sufficient evidence


class Counting(enum.StrEnum):
    """How a statutory period counts from its starting day.

    ``from``: "within six months from the time when the offence was committed" (MCA 1980 s127(1))
    leaves the starting day out, so the last day is the same date six months later.
    ``beginning_with``: "the period of 3 years beginning with the day on which the offence was
    committed" (CA 2003 s127(5)) counts the starting day as day one, so the last day is the day
    before the same date three years later.
    """

    FROM = "from"
    BEGINNING_WITH = "beginning_with"


class RunsFrom(enum.StrEnum):
    """Which incident starts the offence-date clocks of an offence."""

    OFFENCE = "offence"  # the (first) incident: each message is an offence of its own
    LAST_INCIDENT = "last_incident"  # a course of conduct: from its last incident


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TimeLimitRule(_Frozen):
    kind: TimeLimitKind
    months: int | None = None
    longstop_years: int | None = None
    # the conservative convention (the earlier last day) unless the table states its source's
    counting: Counting = Counting.BEGINNING_WITH
    runs_from: RunsFrom = RunsFrom.OFFENCE
    authority: str = ""  # the provision (or case) the period and its counting come from
    verified: bool = True

    @model_validator(mode="after")
    def _complete(self) -> TimeLimitRule:
        needs_months = self.kind in (
            TimeLimitKind.EVIDENCE_WITH_LONGSTOP,
            TimeLimitKind.EVIDENCE_ONLY,
        )
        if needs_months and self.months is None:
            raise ValueError(f"{self.kind} needs months")
        if self.kind is TimeLimitKind.EVIDENCE_WITH_LONGSTOP and self.longstop_years is None:
            raise ValueError("evidence_with_longstop needs longstop_years")
        return self


# The forms of the codes a force records a crime against (graph/law/data/SOURCES.md, "Recording
# codes"): a Home Office Counting Rules class ("9B", "8L", "105A") and sub-code ("125/9", "8/65");
# a CJS offence code "AAYYNNN" (Act letters, year, number), "COMLNNN" (common law) or "XX00NNN"
# (an indictment), each with an optional A/B/C/I (attempt, aiding and abetting, conspiracy,
# incitement).
HOCR_CLASS = r"^[0-9]{1,3}[A-Z]?$"
HOCR_CODE = r"^[0-9]{1,3}/[0-9]{1,3}$"
CJS_CODE = r"^(?:[A-Z]{2}[0-9]{2}|COML|XX00)[0-9]{3}[ABCI]?$"


class HocrClassification(_Frozen):
    """The Home Office Counting Rules classification a force records the crime against: the
    class and, where a source gives it, the sub-code. ``verified`` only when Home Office
    documents place this offence there; ``sources`` are keys of SOURCES.md."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    class_: str = Field(alias="class", pattern=HOCR_CLASS)
    code: str | None = Field(default=None, pattern=HOCR_CODE)
    sources: tuple[str, ...] = Field(min_length=1)
    verified: bool
    note: str | None = None


class CjsOffenceCode(_Frozen):
    """The Criminal Justice System offence code (PNLD's CJS Offence Index) a charge is laid
    under. ``verified`` only when read in the index itself."""

    code: str = Field(pattern=CJS_CODE)
    sources: tuple[str, ...] = Field(min_length=1)
    verified: bool
    note: str | None = None


class PointToProve(_Frozen):
    """One point to prove. ``evidenced_by`` lists facts that together evidence it; ``or_by``
    lists other sets of facts that evidence it instead (a limb "or" another). ``required``
    marks the offence's defining element: it must be evidenced to record the crime whatever
    its kind (the intent, or likelihood, to stir up hatred of POA 1986 Parts 3 and 3A)."""

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    kind: PointKind
    evidenced_by: tuple[str, ...] = ()  # facts that together evidence it; () = investigate
    or_by: tuple[tuple[str, ...], ...] = ()
    required: bool = False

    @property
    def fact_sets(self) -> tuple[tuple[str, ...], ...]:
        """Each set of facts that, all established, evidences the point."""
        return tuple(s for s in (self.evidenced_by, *self.or_by) if s)

    @property
    def needed_to_record(self) -> bool:
        return self.required or self.kind.needed_to_record


class Offence(_Frozen):
    id: str = Field(min_length=1)
    title: str
    act: str
    section: str
    mode_of_trial: ModeOfTrial
    max_penalty: str
    time_limit: TimeLimitRule
    ag_consent: bool
    ag_consent_provision: str | None = None  # where the consent requirement is (POA s27, s29L)
    strands: tuple[Strand, ...]  # the strands the offence itself covers (all five if neutral)
    points: tuple[PointToProve, ...] = Field(min_length=1)
    indicated_by: tuple[tuple[str, ...], ...] = ()
    aggravated_form_of: str | None = None
    savings: str | None = None  # free-expression savings the reasons must name (POA ss29J/29JA)
    in_force_from: date | None = None
    repealed_from: date | None = None
    verified: bool
    note: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    hocr: HocrClassification | None = None  # absent: not found in a source (SOURCES.md)
    cjs: CjsOffenceCode | None = None

    @model_validator(mode="after")
    def _consent_cited(self) -> Offence:
        if self.ag_consent and not self.ag_consent_provision:
            raise ValueError("ag_consent needs ag_consent_provision")
        return self

    @property
    def citation(self) -> str:
        return f"{self.act} {self.section}"

    @property
    def codes_verified(self) -> bool:
        """Whether the table holds a recording code and every one it holds is confirmed."""
        codes = [c for c in (self.hocr, self.cjs) if c is not None]
        return bool(codes) and all(c.verified for c in codes)

    @property
    def strand_specific(self) -> bool:
        return len(self.strands) < len(MONITORED_STRANDS)

    def in_force_on(self, day: date) -> bool:
        """Whether an offence committed on ``day`` is this offence (from inclusive, repeal not)."""
        if self.in_force_from is not None and day < self.in_force_from:
            return False
        return self.repealed_from is None or day < self.repealed_from


class CourseOfConduct(_Frozen):
    """PHA 1997 s7(3)(a): conduct on at least ``min_occasions`` occasions towards one person."""

    min_occasions: int = Field(ge=2)
    source: str = Field(min_length=1)

    def reached_by(self, occasions: int) -> bool:
        """Whether conduct on ``occasions`` occasions towards one person can be a course."""
        return occasions >= self.min_occasions


class OffenceTable(_Frozen):
    version: int
    valid_from: date
    course_of_conduct: CourseOfConduct
    offences: tuple[Offence, ...]

    def get(self, offence_id: str) -> Offence:
        for offence in self.offences:
            if offence.id == offence_id:
                return offence
        raise NotFound(f"offence {offence_id!r} is not in the offence table")

    def in_force_on(self, day: date) -> tuple[Offence, ...]:
        return tuple(o for o in self.offences if o.in_force_on(day))

    def aggravated_form(self, base_id: str) -> Offence | None:
        return next((o for o in self.offences if o.aggravated_form_of == base_id), None)


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    entry = dict(raw)
    if entry.get("strands") == ["any"]:
        entry["strands"] = sorted(MONITORED_STRANDS)
    return entry


def parse_offences(text: str, name: str = "offences.toml") -> OffenceTable:
    """Parse the TOML table; :class:`InvalidInput` names every bad entry (``offences[<id>]``)
    and field."""
    data = read_toml(text, name)
    entries = data.pop("offence", [])
    named = (
        (f"offences[{raw.get('id', index)}]", _normalise(raw)) for index, raw in enumerate(entries)
    )
    offences, problems = parse_each(Offence, named)
    ids = [o.id for o in offences]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(f"offences[{dup}]", "duplicate id"))
    try:
        table = parse(OffenceTable, {**data, "offences": offences}, prefix="offences")
    except InvalidInput as error:
        raise InvalidInput(problems + error.problems) from None
    if problems:
        raise InvalidInput(problems)
    return table


@cache
def offence_table() -> OffenceTable:
    """The shipped table (cached package data)."""
    return parse_offences(policy_text("graph.law", "offences.toml"))
