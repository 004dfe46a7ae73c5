"""Phone numbers as typed values in E.164 (``+447911123456``), UK numbers by default.

Parsing and validity come from ``phonenumbers`` (Google's libphonenumber metadata): a number
is valid only when it is valid for its country, not merely the right length. Ofcom's drama
ranges (07700 900xxx, 01632 960xxx) are therefore refused by default, as are numbers in ranges
allocated since the metadata was published. What reporters type is evidence, so intake cleans
with ``strict=False``: a number the library can parse but calls invalid is kept as a *possible*
number, its parsed E.164 form in ``e164``, ``valid=False`` and the reason in ``problem``
(the same convention as :class:`~graph.values.handle.Handle`'s ``conforms``).
An extension ("ext. 12") is dropped from the key: it reaches the same line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from graph.errors import InvalidValue

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")
_WHY = {
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "its country code is not in use",
    phonenumbers.ValidationResult.TOO_SHORT: "it is too short",
    phonenumbers.ValidationResult.TOO_LONG: "it is too long",
    phonenumbers.ValidationResult.INVALID_LENGTH: "it has the wrong number of digits",
    phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY: "it lacks an area code",
}
_UNKNOWN_RANGE = "its range is not one the phone numbering data knows to be in use"


_WORDS = re.compile(r"\b(?!ext\b|tel\b)[^\W\d_]{2,}", re.IGNORECASE)


def _e164(number: phonenumbers.PhoneNumber) -> str:
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _one_number_in(text: str, region: str) -> str:
    """The E.164 form of the one valid number in ``text``; :class:`InvalidValue` otherwise."""
    found = {_e164(m.number) for m in phonenumbers.PhoneNumberMatcher(text, region)}
    if len(found) == 1:
        return found.pop()
    if found:
        raise InvalidValue("phone", f"{text!r} holds {len(found)} phone numbers, not one")
    raise InvalidValue("phone", f"{text!r} is not a phone number")


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str  # for a possible number (valid=False), the form phonenumbers parsed
    original: str
    valid: bool = True
    problem: str | None = None  # why a possible number is not valid, in words

    @classmethod
    def clean(cls, raw: str, default_region: str = "GB", *, strict: bool = True) -> Phone:
        """Parse what was typed; numbers without ``+``/``00`` are read as ``default_region``'s.
        ``strict=False`` keeps a number that parses but is not valid, marked ``valid=False``,
        and reads the one valid number in a note ("07911 123456 (mobile)")."""
        if not isinstance(raw, str):
            raise InvalidValue("phone", "must be a string")
        if default_region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"{default_region!r} is not a region phonenumbers knows")
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
        text = re.sub(r"^tel:", "", text, flags=re.IGNORECASE)
        if not text:
            raise InvalidValue("phone", "is empty")
        try:
            number: phonenumbers.PhoneNumber | None = phonenumbers.parse(text, default_region)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_valid_number(number):
            return cls(_e164(number), raw)
        if not strict and _WORDS.search(text):
            # "07911 123 456 (mobile)": the one valid number in a note. The parse above read
            # the note's letters as a keypad's digits, so its form means nothing.
            return cls(_one_number_in(text, default_region), raw)
        if number is None:
            raise InvalidValue("phone", f"{text!r} is not a phone number")
        why = _WHY.get(phonenumbers.is_possible_number_with_reason(number), _UNKNOWN_RANGE)
        if strict:
            raise InvalidValue("phone", f"{text!r} is not a valid phone number: {why}")
        return cls(_e164(number), raw, valid=False, problem=why)

    @property
    def key(self) -> str:
        return self.e164

    @property
    def region(self) -> str | None:
        """ISO 3166 region of the number (``GB``), when the metadata names one."""
        number = phonenumbers.parse(self.e164)
        return phonenumbers.region_code_for_number(number)

    @property
    def is_mobile(self) -> bool:
        number = phonenumbers.parse(self.e164)
        kind = phonenumbers.number_type(number)
        return kind in (
            phonenumbers.PhoneNumberType.MOBILE,
            phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
        )

    def __str__(self) -> str:
        return self.e164
