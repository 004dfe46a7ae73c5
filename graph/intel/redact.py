"""Free-text redaction for intelligence items: what the structured sanitiser removed must not
survive in the prose.

An analyst's summary ("Sam Suspect's account @abuser targeted Vic Tim at vic@example.org") can
carry the very personal data :mod:`graph.intel.sanitise` took out of the entities. Two rules:

1. **Removed values**: the full name of every removed person (and "Ms Tim"-style title plus
   surname), the identifier of every removed object (handle, email, phone, URL) and the postcode
   and description of every removed location are replaced wherever they occur, ignoring case
   and spacing.
2. **Stray identifiers**: any email address (non-ASCII ones too: ``josé@correo.es``,
   ``иван@пример.рф``), phone number of any country (``phonenumbers.PhoneNumberMatcher``, valid
   numbers, read as UK when written without a country code; and the UK forms the matcher holds
   invalid, such as Ofcom's drama numbers) or full UK postcode in the text that is not the
   identifier or postcode of an entity the item keeps is replaced too. A kept phone number
   matches however it is written (compared as E.164). Free text may only carry identifiers its
   structured entities carry, so nothing unaccounted for leaves the hub in prose.

Pure: :func:`redact` returns the new text and one reason per kind of replacement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import phonenumbers

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr")
# Unicode word characters: internationalised local parts and domains (RFC 6531, IDNA) count.
EMAIL = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+@[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+"
)
DEFAULT_REGION = "GB"  # how a number written without a country code is read
# +44 / 0044 / 0 followed by 9-10 digits, with spaces, dots, dashes or brackets between groups.
UK_PHONE = re.compile(r"(?<![\w+])\(?(?:\+44\s?\(?0?\)?|0044\s?|0)(?:[\s.()-]{0,2}\d){9,10}(?!\d)")
UK_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Secret:
    """A value to take out of the text, and what to put in its place."""

    value: str
    label: str  # e.g. "removed person v1"


def _squash(text: str) -> str:
    return re.sub(r"[\s.()-]", "", text).lower()


def _phone_key(text: str) -> str | None:
    """A phone number as E.164, or ``None`` when ``text`` is not one."""
    if not re.fullmatch(r"\+?[\d\s().-]{6,}", text.strip()):
        return None
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _replace_phones(text: str, keep: Callable[[str], bool], removed: Callable[[], str]) -> str:
    """Replace each phone number the matcher finds (any country), from the end backwards."""
    matches = list(phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION))
    for match in reversed(matches):
        if not keep(match.raw_string):
            text = text[: match.start] + removed() + text[match.end :]
    return text


def _pattern(value: str) -> re.Pattern[str]:
    """Match ``value`` ignoring case, with any run of whitespace where it has whitespace."""
    words = [re.escape(w) for w in value.split()]
    body = r"\s+".join(words)
    left = r"(?<!\w)" if value[:1].isalnum() else ""
    right = r"(?!\w)" if value[-1:].isalnum() else ""
    return re.compile(left + body + right, re.IGNORECASE)


def name_secrets(full_name: str, label: str) -> list[Secret]:
    """The full name, and each title with the surname ("Ms Tim")."""
    name = " ".join(full_name.split())
    if not name:
        return []
    secrets = [Secret(name, label)]
    parts = name.split()
    if len(parts) >= 2:
        secrets += [Secret(f"{title} {parts[-1]}", label) for title in TITLES]
        secrets += [Secret(f"{title}. {parts[-1]}", label) for title in TITLES]
    return secrets


def redact(
    text: str, secrets: Iterable[Secret], kept_identifiers: Iterable[str]
) -> tuple[str, tuple[str, ...]]:
    """Replace every secret, then every stray email, UK phone number and UK postcode.

    ``kept_identifiers`` are the identifiers and postcodes of the entities the item keeps: those
    may stay in the text. Returns the text and the reasons (sorted, one per distinct label).
    """
    reasons: set[str] = set()
    # Longest first, so "Vic Tim" is replaced before a shorter secret inside it could be.
    for secret in sorted(secrets, key=lambda s: (-len(s.value), s.value)):
        if not secret.value.strip():
            continue
        text, count = _pattern(secret.value).subn(f"[{secret.label}]", text)
        if count:
            reasons.add(f"named {secret.label}")
    identifiers = list(kept_identifiers)
    kept = {_squash(k) for k in identifiers}
    kept_phones = {key for key in map(_phone_key, identifiers) if key}

    def keep(value: str) -> bool:
        return _squash(value) in kept or _phone_key(value) in kept_phones

    def phone_removed() -> str:
        reasons.add("phone not among the item's kept entities")
        return "[phone removed]"

    for kind, pattern in (("email", EMAIL), ("phone", UK_PHONE), ("postcode", UK_POSTCODE)):

        def replace(match: re.Match[str], kind: str = kind) -> str:
            if keep(match.group(0)):
                return match.group(0)
            reasons.add(f"{kind} not among the item's kept entities")
            return f"[{kind} removed]"

        if kind == "phone":  # every country's numbers first, then the UK forms left over
            text = _replace_phones(text, keep, phone_removed)
        text = pattern.sub(replace, text)
    return text, tuple(sorted(reasons))
