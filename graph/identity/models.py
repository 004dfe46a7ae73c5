"""Input records for identity linkage: platform accounts and people named in reports.

Values arrive already cleaned by intake (canonical handle: lowercase, no ``@``; emails
lowercased; phones E.164; IPs as text). This package only compares them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from graph.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class IpSighting:
    """One IP address an account was seen using (from a platform disclosure), and when."""

    ip: str
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Post:
    """One post by an account as reports show it: when it was posted (or captured), its text,
    and the victim it targeted (a victim key), each when known."""

    at: datetime | None = None
    text: str = ""
    victim: str | None = None


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """One platform account, with everything disclosed or observed about it.

    ``key`` is ``"platform|handle"``; ``profile_links`` are keys of accounts that this account's
    profile links to; ``victims`` and ``incidents`` are keys of victims targeted and incidents
    in which the account was reported; ``posts`` are its reported posts (behaviour: when, what,
    at whom).
    """

    key: str
    platform: str
    handle: str
    display_name: str | None = None
    registered_names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    ips: tuple[IpSighting, ...] = ()
    profile_links: tuple[str, ...] = ()
    victims: frozenset[str] = field(default_factory=frozenset)
    incidents: frozenset[str] = field(default_factory=frozenset)
    posts: tuple[Post, ...] = ()

    def __post_init__(self) -> None:
        if not self.key.strip():
            raise InvalidValue("account.key", "is empty")
        if not self.handle.strip():
            raise InvalidValue("account.handle", f"is empty for {self.key!r}")


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person named in a report (victim, suspect, witness): what the report says about them.

    ``date_of_birth`` is ISO ``YYYY-MM-DD`` text when known (kept as text: reports carry
    mistyped dates, and a mistyped date is still evidence). ``id_numbers`` are official
    identifiers (e.g. National Insurance number, PNC id), compared exactly.
    """

    key: str
    given_name: str | None = None
    surname: str | None = None
    date_of_birth: str | None = None
    postcode: str | None = None
    address: str | None = None
    locality: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.key.strip():
            raise InvalidValue("person.key", "is empty")
