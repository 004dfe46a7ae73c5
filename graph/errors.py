"""One error hierarchy for the hub, mapped to HTTP and GraphQL in one place (``api/errors.py``).

::

    OhchError
    ├── InvalidInput           bad data from a caller; carries every problem found
    │   └── InvalidValue       one field's value could not be cleaned
    ├── NotFound               the thing asked for does not exist (or is not visible)
    ├── Conflict               the request contradicts what is stored (e.g. idempotency key reuse)
    ├── Unauthenticated        the request's credentials are missing, invalid or expired
    ├── Forbidden              the viewer may not do or see this
    ├── GraphUnavailable       Neo4j cannot be reached; the caller may retry
    ├── AuditUnavailable       the audit trail cannot be written: the result is withheld
    └── ScanUnavailable        evidence files could not be checked for viruses; retry later
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem with one field: ``content[1].url: not an http(s) URL``."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class OhchError(Exception):
    """Base of every error the hub raises on purpose."""


class InvalidInput(OhchError):
    """Input that breaks the contract; ``problems`` lists every one found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class InvalidValue(InvalidInput):
    """A single value that could not be cleaned."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.reason = message
        super().__init__([Problem(field, message)])


class NotFound(OhchError):
    """The requested record does not exist, or the viewer may not know it exists."""


class Conflict(OhchError):
    """The request contradicts stored data; nothing was changed."""


class Unauthenticated(OhchError):
    """A bearer token that is malformed, unsigned, expired, for another audience or issuer, or
    signed by a key the identity provider does not publish: the caller must sign in again."""


class Forbidden(OhchError):
    """The viewer's role or force does not allow this."""


class GraphUnavailable(OhchError):
    """Neo4j could not be reached or refused service; safe to retry later."""


class AuditUnavailable(OhchError):
    """The audit trail could not record an act on personal data, so the act's result is
    withheld: a read that cannot be logged reveals nothing. A change already committed stays
    (retrying it is safe: intake is idempotent, judgements are recorded once)."""


class ScanUnavailable(OhchError):
    """Evidence files could not be checked for viruses and the policy refuses unscanned files
    (``OHCH_EVIDENCE_UNSCANNED=refuse``): nothing was kept; safe to send again later."""
