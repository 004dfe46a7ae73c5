"""A value a person typed that did not validate, kept exactly as typed with the reason.

Contact and location details (emails, phone numbers, postcodes, handles) never cost the hub a
report: one that does not clean becomes an :class:`Unverified` instead of a typed value. It is
evidence an analyst can read, never an identifier: it makes no ``Email``/``Phone``/``Account``
node, no matching key and no force. A phone number the library parses but calls invalid keeps
its parsed form in ``parsed`` (a possible number). One kind is flagged and still used: a
suspect's handle that breaks its platform's rules still names the account, as it always did
(the reason says so), because older and mistyped handles are what reporters see.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unverified:
    field: str  # where in the document: ``reporter.email``, ``suspects[1].handle``
    value: str  # exactly as typed
    reason: str  # why it was not verified, in words a person can act on
    parsed: str | None = None  # a possible phone number's E.164 form

    @property
    def message(self) -> str:
        """The warning as the caller reads it."""
        kept = f"kept as typed, unverified: {self.reason}"
        return f"{kept} (a possible number, read as {self.parsed})" if self.parsed else kept
