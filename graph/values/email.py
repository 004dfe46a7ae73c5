"""Email addresses as typed values (syntax only: no network look-up)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.errors import InvalidValue

_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_DOMAIN = r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
_EMAIL = re.compile(rf"^(?P<local>{_LOCAL})@(?P<domain>{_DOMAIN})$")


@dataclass(frozen=True, slots=True)
class Email:
    """``address`` is lower-cased as a whole: mail providers treat local parts case-blind in
    practice, and matching two accounts on one address must not depend on typing."""

    address: str
    original: str

    @classmethod
    def clean(cls, raw: str) -> Email:
        text = raw.strip().removeprefix("mailto:").strip("<> ")
        if not text:
            raise InvalidValue("email", "is empty")
        if len(text) > 254:
            raise InvalidValue("email", "is longer than 254 characters")
        match = _EMAIL.match(text)
        if match is None or len(match["local"]) > 64:
            raise InvalidValue("email", f"{raw.strip()!r} is not an email address")
        return cls(text.lower(), raw)

    @property
    def key(self) -> str:
        return self.address

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1]

    def __str__(self) -> str:
        return self.address
