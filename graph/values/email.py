"""Email addresses as typed values (syntax only: no network look-up).

The whole address is lower-cased for matching (``address``, the node key): providers treat
local parts case-blind in practice, and linking two accounts on one address must not depend on
how it was typed. What was typed stays in ``original``. Internationalised domains are stored
in their ASCII (punycode) form so both spellings meet. Obfuscated forms reporters copy from
profiles (``name [at] example [dot] com``) are read; quoted local parts are refused.

:attr:`Email.mailbox` goes further for comparison only: ``+tags`` dropped, and Gmail's
ignored dots removed, so ``J.Smith+hate@gmail.com`` and ``jsmith@googlemail.com`` compare
equal. It is evidence for a judgement, not a node key: the two may be different people's
claims about one mailbox.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from graph.errors import InvalidValue

_LOCAL = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = rf"({_LABEL}\.)+([a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})"
_EMAIL = re.compile(rf"(?P<local>{_LOCAL})@(?P<domain>{_DOMAIN})")
_AT = re.compile(r"\s*[\[\(\{]\s*at\s*[\]\)\}]\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[\(\{]\s*dot\s*[\]\)\}]\s*", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})


@dataclass(frozen=True, slots=True)
class Email:
    address: str  # lower-cased, ASCII domain: the node key
    original: str

    @classmethod
    def clean(cls, raw: str) -> Email:
        """Check the syntax of what was typed; :class:`InvalidValue` names the problem."""
        if not isinstance(raw, str):
            raise InvalidValue("email", "must be a string")
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
        text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).split("?", 1)[0]
        text = text.strip("<>()[]\"' ").rstrip(".,;")
        text = _DOT.sub(".", _AT.sub("@", text))
        if not text:
            raise InvalidValue("email", "is empty")
        if text.count("@") != 1:
            raise InvalidValue("email", f"{raw.strip()!r} is not an email address")
        local, domain = text.rsplit("@", 1)
        try:
            domain = domain.rstrip(".").encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise InvalidValue("email", f"{raw.strip()!r} has an invalid domain") from None
        address = f"{local}@{domain}".lower()
        if len(address) > 254:
            raise InvalidValue("email", "is longer than 254 characters")
        match = _EMAIL.fullmatch(address)
        if match is None or len(match["local"]) > 64:
            raise InvalidValue("email", f"{raw.strip()!r} is not an email address")
        return cls(address, raw)

    @property
    def key(self) -> str:
        return self.address

    @property
    def local(self) -> str:
        return self.address.rsplit("@", 1)[0]

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1]

    @property
    def mailbox(self) -> str:
        """The mailbox mail is delivered to, for comparison (not identity): no ``+tag``;
        for Gmail no dots and one domain."""
        local, domain = self.local.split("+", 1)[0] or self.local, self.domain
        if domain in _GMAIL:
            return f"{local.replace('.', '')}@gmail.com"
        return f"{local}@{domain}"

    def __str__(self) -> str:
        return self.address
