"""Export destinations (``data/export_destinations.toml``) and their handling-code clearance."""

from __future__ import annotations

from datetime import date
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.errors import InvalidValue, NotFound
from graph.intel._data import load_toml
from graph.intel.grading import HandlingCode
from graph.validation import parse


class Destination(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")  # used in directory names
    name: str = Field(min_length=1)
    recipients: tuple[str, ...] = Field(min_length=1)
    cleared_for_handling_codes: frozenset[HandlingCode] = Field(min_length=1)
    valid_from: date
    valid_to: date | None = None
    status: str = ""

    @field_validator("cleared_for_handling_codes")
    @classmethod
    def _cleared_for_p(cls, codes: frozenset[HandlingCode]) -> frozenset[HandlingCode]:
        if HandlingCode.P not in codes:
            raise ValueError("every destination must be cleared for handling code P")
        return codes

    def receives(self, code: HandlingCode) -> bool:
        return code in self.cleared_for_handling_codes

    def check_valid_on(self, day: date) -> None:
        """Refuse an export to a destination outside its validity dates."""
        if day < self.valid_from or (self.valid_to is not None and day > self.valid_to):
            raise InvalidValue("destination", f"{self.id} is not valid on {day.isoformat()}")


@cache
def all_destinations() -> dict[str, Destination]:
    raw = load_toml("export_destinations.toml")
    found = [
        parse(Destination, entry, f"destination[{i}]") for i, entry in enumerate(raw["destination"])
    ]
    return {d.id: d for d in found}


def destination(destination_id: str) -> Destination:
    """The configured destination, or :class:`NotFound`."""
    try:
        return all_destinations()[destination_id]
    except KeyError:
        known = ", ".join(sorted(all_destinations()))
        raise NotFound(f"export destination {destination_id!r} (known: {known})") from None
