"""Data requests: what they are, on what basis, and the steps of their life. Pure: no I/O.

drafted -> authorised (by a supervisor) -> sent -> answered | refused; a sent preservation
lapses at its expiry unless extended, and may be answered by a disclosure request's answer.
A request may be withdrawn until it is answered.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from graph.errors import Conflict, InvalidInput, Problem


class Kind(enum.StrEnum):
    PRESERVATION = "preservation"  # keep the account's data until a disclosure request comes
    DISCLOSURE = "disclosure"  # subscriber (entity) data: names, emails, phones, IPs


class LegalBasis(enum.StrEnum):
    VOLUNTARY = "voluntary"
    EMERGENCY = "emergency"
    IPA_AUTHORISATION = "ipa_authorisation"
    OVERSEAS_PRODUCTION_ORDER = "overseas_production_order"


class Status(enum.StrEnum):
    DRAFTED = "drafted"
    AUTHORISED = "authorised"
    SENT = "sent"
    ANSWERED = "answered"
    REFUSED = "refused"
    LAPSED = "lapsed"  # a preservation that expired unanswered
    WITHDRAWN = "withdrawn"


NEXT: Mapping[Status, frozenset[Status]] = {
    Status.DRAFTED: frozenset({Status.AUTHORISED, Status.WITHDRAWN}),
    Status.AUTHORISED: frozenset({Status.SENT, Status.WITHDRAWN}),
    Status.SENT: frozenset({Status.ANSWERED, Status.REFUSED, Status.LAPSED, Status.WITHDRAWN}),
    Status.ANSWERED: frozenset(),
    Status.REFUSED: frozenset(),
    Status.LAPSED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
NEEDS_REFERENCE = frozenset({LegalBasis.IPA_AUTHORISATION, LegalBasis.OVERSEAS_PRODUCTION_ORDER})


def check_request(
    kind: Kind, basis: LegalBasis, reference: str | None, justification: str | None
) -> None:
    """Every problem with a new request at once (a basis without what it needs)."""
    problems = []
    if basis in NEEDS_REFERENCE and not (reference and reference.strip()):
        problems.append(
            Problem("authorisationReference", f"a {basis.value} request needs its reference")
        )
    if basis is LegalBasis.EMERGENCY and not (justification and justification.strip()):
        problems.append(
            Problem(
                "justification",
                "an emergency request says what risk of death or serious injury it is for",
            )
        )
    if kind is Kind.PRESERVATION and basis is LegalBasis.OVERSEAS_PRODUCTION_ORDER:
        problems.append(
            Problem(
                "legalBasis",
                "preservation is asked for voluntarily or in an emergency; an "
                "Overseas Production Order is for disclosure",
            )
        )
    if problems:
        raise InvalidInput(problems)


def check_step(current: Status, to: Status) -> None:
    if to not in NEXT[current]:
        allowed = ", ".join(sorted(s.value for s in NEXT[current])) or "none: it is closed"
        raise Conflict(f"a {current.value} request cannot become {to.value} (next: {allowed})")
