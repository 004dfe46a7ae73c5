"""Email addresses as typed values (syntax only: no network look-up).

What people type is first read the project's way: NFKC, invisible characters dropped,
``mailto:`` and brackets removed, and obfuscated forms reporters copy from profiles
(``name [at] example [dot] com``) turned back into an address. The syntax is then
``email-validator``'s (RFC 5322 dot-atoms, RFC 6531 internationalised addresses such as
``José.García@example.es``, IDNA 2008 domains), with two rules of the hub's on top: a local
part of at most 64 characters and a top-level domain of at least two. Quoted local parts,
IP-address domains and special-use domains (``.local``, ``.invalid``) are refused.

The whole address is lower-cased for matching (``address``, the node key): providers treat
local parts case-blind in practice, and linking two accounts on one address must not depend on
how it was typed. What was typed stays in ``original``. Domains are stored in their ASCII
(punycode) form so both spellings meet.

Plain ASCII addresses, nearly all that arrive, are read by :data:`_EMAIL`, a pattern that
accepts only what ``email-validator`` accepts (``tests/unit/values/test_email_phone.py``
checks the two agree); everything else is ``email-validator``'s to judge. That keeps the
library's 50 us an address off intake's common path.

:attr:`Email.mailbox` goes further for comparison only: ``+tags`` dropped, and Gmail's
ignored dots removed, so ``J.Smith+hate@gmail.com`` and ``jsmith@googlemail.com`` compare
equal. It is evidence for a judgement, not a node key: the two may be different people's
claims about one mailbox.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email

from graph.errors import InvalidValue

_LOCAL = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
_DOMAIN = rf"({_LABEL}\.)+([a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})"
_EMAIL = re.compile(rf"(?P<local>{_LOCAL})@(?P<domain>{_DOMAIN})")
_AT = re.compile(r"\s*[\[\(\{]\s*at\s*[\]\)\}]\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[\(\{]\s*dot\s*[\]\)\}]\s*", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_GMAIL = frozenset({"gmail.com", "googlemail.com"})
_SPECIAL_USE = tuple(SPECIAL_USE_DOMAIN_NAMES)
_TLD = re.compile(r"\.([a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def _special_use(domain: str) -> bool:
    return any(domain == name or domain.endswith("." + name) for name in _SPECIAL_USE)


def _read(raw: str) -> str:
    """The project's reading of what was typed: folded, unwrapped, de-obfuscated."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
    text = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).split("?", 1)[0]
    text = text.strip("<>()[]\"' ").rstrip(".,;")
    return _DOT.sub(".", _AT.sub("@", text))


def _checked(text: str, shown: str) -> tuple[str, str]:
    """(local part, ASCII domain) by ``email-validator``; :class:`InvalidValue` says why not."""
    try:
        valid = validate_email(
            text,
            check_deliverability=False,
            allow_smtputf8=True,
            allow_quoted_local=False,
            allow_domain_literal=False,
            allow_display_name=False,
        )
    except EmailNotValidError as error:
        reason = str(error).rstrip(".")
        reason = reason[:1].lower() + reason[1:]
        raise InvalidValue("email", f"{shown!r} is not an email address: {reason}") from None
    return valid.local_part, valid.ascii_domain


@dataclass(frozen=True, slots=True)
class Email:
    address: str  # lower-cased, ASCII domain: the node key
    original: str

    @classmethod
    def clean(cls, raw: str) -> Email:
        """Check the syntax of what was typed; :class:`InvalidValue` names the problem."""
        if not isinstance(raw, str):
            raise InvalidValue("email", "must be a string")
        text = _read(raw)
        shown = raw.strip()
        if not text:
            raise InvalidValue("email", "is empty")
        if text.count("@") != 1:
            raise InvalidValue("email", f"{shown!r} is not an email address: it needs one @")
        lowered = text.rstrip(".").lower()
        fast = _EMAIL.fullmatch(lowered) if lowered.isascii() else None
        if fast is not None and "--" not in fast["domain"] and not _special_use(fast["domain"]):
            local, domain = fast["local"], fast["domain"]
        else:
            local, domain = _checked(text.rstrip("."), shown)
            local, domain = local.lower(), domain.lower()
        address = f"{local}@{domain}"
        if len(local) > 64:
            raise InvalidValue("email", f"{shown!r} has more than 64 characters before the @")
        if len(address) > 254:
            raise InvalidValue("email", "is longer than 254 characters")
        if _TLD.search(domain) is None:
            raise InvalidValue("email", f"{shown!r} does not end in a top-level domain")
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
