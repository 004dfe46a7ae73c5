"""The outcome report: which responses lead to charge or to other outcomes, by offence, strand,
force or guidance note, so advice can follow the evidence. Pure: the rows come from the store.

A case counts once in each group it belongs to (a case with two offences counts under both),
by its latest outcome. Each row gives the cases with an outcome, how many fell in each outcome
group (``data/outcome_groups.toml``), and the share charged.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph.policy_files import VersionedPolicy, load_policy

OTHER = "other"


class OutcomeGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    codes: tuple[str, ...] = Field(min_length=1)


class OutcomeGroups(VersionedPolicy):
    group: tuple[OutcomeGroup, ...]

    @model_validator(mode="after")
    def _each_code_once(self) -> OutcomeGroups:
        seen: dict[str, str] = {}
        for group in self.group:
            for code in group.codes:
                if code in seen:
                    raise ValueError(f"group: code {code} is in {seen[code]} and {group.id}")
                seen[code] = group.id
        return self

    def of(self, code: str) -> str:
        wanted = code.strip().upper()
        return next((g.id for g in self.group if wanted in g.codes), OTHER)

    @property
    def ids(self) -> tuple[str, ...]:
        return (*(g.id for g in self.group), OTHER)


@cache
def outcome_groups() -> OutcomeGroups:
    return load_policy("graph.advice", "outcome_groups.toml", OutcomeGroups)


class Dimension(enum.StrEnum):
    OFFENCE = "offence"
    STRAND = "strand"
    FORCE = "force"
    GUIDANCE = "guidance"


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case's latest outcome, with what it was about and who acted."""

    case_id: str
    outcome_code: str
    force_code: str | None
    offences: tuple[str, ...]
    strands: tuple[str, ...]
    guidance: tuple[str, ...]  # the notes its assignment carried


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    key: str
    cases: int
    by_group: Mapping[str, int]

    @property
    def charged_share(self) -> float:
        return self.by_group.get("charged", 0) / self.cases if self.cases else 0.0


def _keys(outcome: CaseOutcome, by: Dimension) -> Iterable[str]:
    if by is Dimension.OFFENCE:
        return outcome.offences or ("(none recorded)",)
    if by is Dimension.STRAND:
        return outcome.strands or ("(none recorded)",)
    if by is Dimension.FORCE:
        return (outcome.force_code or "(unassigned)",)
    return outcome.guidance or ("(no guidance)",)


def outcome_report(
    outcomes: Iterable[CaseOutcome], by: Dimension, groups: OutcomeGroups | None = None
) -> list[OutcomeRow]:
    """Rows ordered by the number of cases, most first, then by key."""
    table = groups or outcome_groups()
    cases: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for outcome in outcomes:
        group = table.of(outcome.outcome_code)
        for key in dict.fromkeys(_keys(outcome, by)):
            if outcome.case_id not in cases[key]:
                cases[key].add(outcome.case_id)
                counts[key][group] += 1
    rows = [
        OutcomeRow(key, len(cases[key]), {g: counts[key][g] for g in table.ids if counts[key][g]})
        for key in cases
    ]
    return sorted(rows, key=lambda r: (-r.cases, r.key))
