"""The 3x5x2 intelligence grade, and the legacy 5x5x5 grade kept for imported items.

3x5x2 (College of Policing, Intelligence management APP; wording to verify against the
primary College text, see DOMAIN brief section 7):

* source evaluation: 1 reliable, 2 untested, 3 not reliable;
* intelligence assessment: A known directly to the source, B known indirectly but
  corroborated, C known indirectly, D not known, E suspected to be false;
* handling code: P lawful sharing permitted, C lawful sharing permitted subject to
  conditions. Conditions are required with C and meaningless with P, so both are refused.

5x5x5 was replaced by 3x5x2; the old grade is never converted (no official mapping exists),
it is kept verbatim on items imported from older systems.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from graph.errors import InvalidValue
from graph.validation import parse


class SourceEvaluation(enum.StrEnum):
    RELIABLE = "1"
    UNTESTED = "2"
    NOT_RELIABLE = "3"

    @property
    def label(self) -> str:
        return {"1": "Reliable", "2": "Untested", "3": "Not reliable"}[self.value]


class IntelligenceAssessment(enum.StrEnum):
    KNOWN_DIRECTLY = "A"
    KNOWN_INDIRECTLY_CORROBORATED = "B"
    KNOWN_INDIRECTLY = "C"
    NOT_KNOWN = "D"
    SUSPECTED_FALSE = "E"

    @property
    def label(self) -> str:
        return {
            "A": "Known directly to the source",
            "B": "Known indirectly to the source but corroborated",
            "C": "Known indirectly to the source",
            "D": "Not known",
            "E": "Suspected to be false",
        }[self.value]


class HandlingCode(enum.StrEnum):
    P = "P"
    C = "C"

    @property
    def label(self) -> str:
        return {
            "P": "Lawful sharing permitted",
            "C": "Lawful sharing permitted subject to conditions",
        }[self.value]


class LegacyGrade(BaseModel):
    """A 5x5x5 grade as recorded by an older system: source A-E, intelligence 1-5, handling 1-5.

    Kept as text for the record only; definitions of the legacy codes are only partially
    verified, so nothing in the hub decides anything on them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    source_evaluation: str = Field(pattern=r"^[A-E]$")
    intelligence_evaluation: str = Field(pattern=r"^[1-5]$")
    handling_code: str = Field(pattern=r"^[1-5]$")

    @property
    def code(self) -> str:
        return f"{self.source_evaluation}{self.intelligence_evaluation}{self.handling_code}"


class Grade(BaseModel):
    """A 3x5x2 grade. Build it with :meth:`parse` (or inside an ``IntelItem``) to get
    :class:`graph.errors.InvalidInput` naming the field on bad input."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    source_evaluation: SourceEvaluation
    intelligence_assessment: IntelligenceAssessment
    handling_code: HandlingCode
    handling_conditions: tuple[str, ...] = Field(default=(), validate_default=True)
    legacy: LegacyGrade | None = None

    @field_validator("handling_conditions")
    @classmethod
    def _conditions_match_code(
        cls, conditions: tuple[str, ...], info: ValidationInfo
    ) -> tuple[str, ...]:
        cleaned = tuple(c.strip() for c in conditions)
        if any(not c for c in cleaned):
            raise ValueError("a handling condition is blank")
        code = info.data.get("handling_code")
        if code is HandlingCode.C and not cleaned:
            raise ValueError("handling code C requires at least one handling condition")
        if code is HandlingCode.P and cleaned:
            raise ValueError("handling code P takes no conditions (use C for conditional sharing)")
        return cleaned

    @classmethod
    def parse(cls, data: Mapping[str, Any], prefix: str = "grade") -> Grade:
        return parse(cls, data, prefix)

    @classmethod
    def from_code(
        cls, code: str, conditions: tuple[str, ...] = (), legacy: LegacyGrade | None = None
    ) -> Grade:
        """``"1AP"`` or ``"2 B C"`` plus conditions -> a grade."""
        squashed = "".join(code.split()).upper()
        if len(squashed) != 3:
            raise InvalidValue(
                "grade.code", "must be 3 characters: source 1-3, assessment A-E, handling P or C"
            )
        return cls.parse(
            {
                "source_evaluation": squashed[0],
                "intelligence_assessment": squashed[1],
                "handling_code": squashed[2],
                "handling_conditions": conditions,
                "legacy": legacy,
            }
        )

    @property
    def code(self) -> str:
        """The compact form, e.g. ``1AP``."""
        return f"{self.source_evaluation}{self.intelligence_assessment}{self.handling_code}"
