"""UK postcodes as a typed value: canonical form, outward code (district) and area.

A postcode people type ("m46 9xf", "M469XF", " M46  9XF ") cleans to one canonical form
("M46 9XF"). A bare outward code ("M46") is accepted as a partial postcode: reporters often
give only the district, and the district is all the force lookup needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InvalidValue

_OUTWARD = r"(?P<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)"
_INWARD = r"(?P<inward>[0-9][A-Z]{2})"
_FULL = re.compile(rf"^{_OUTWARD}{_INWARD}$")
_OUTWARD_ONLY = re.compile(rf"^{_OUTWARD}$")
_AREA = re.compile(r"^[A-Z]{1,2}")


@dataclass(frozen=True, slots=True)
class Postcode:
    """A cleaned UK postcode; ``inward`` is ``None`` for a district-only (partial) postcode."""

    outward: str
    inward: str | None

    @classmethod
    def clean(cls, raw: str) -> Postcode:
        """Parse what a person typed; raise :class:`InvalidValue` naming the problem."""
        if not isinstance(raw, str):
            raise InvalidValue("postcode", "must be a string")
        squashed = re.sub(r"\s+", "", raw).upper()
        if not squashed:
            raise InvalidValue("postcode", "is empty")
        if squashed == "GIR0AA":  # Girobank's non-geographic postcode
            return cls("GIR", "0AA")
        full = _FULL.match(squashed)
        if full:
            return cls(full["outward"], full["inward"])
        partial = _OUTWARD_ONLY.match(squashed)
        if partial:
            return cls(partial["outward"], None)
        raise InvalidValue("postcode", f"{raw.strip()!r} is not a UK postcode")

    @property
    def district(self) -> str:
        """The outward code, e.g. ``M46``."""
        return self.outward

    @property
    def area(self) -> str:
        """The leading letters, e.g. ``M`` or ``LS``."""
        match = _AREA.match(self.outward)
        assert match is not None  # guaranteed by the patterns in clean()
        return match.group(0)

    @property
    def is_partial(self) -> bool:
        return self.inward is None

    @property
    def key(self) -> str:
        """Node key: the canonical text."""
        return str(self)

    def __str__(self) -> str:
        return self.outward if self.inward is None else f"{self.outward} {self.inward}"
