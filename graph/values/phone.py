"""Phone numbers as typed values in E.164 (``+447911123456``), UK numbers by default.

Parsing and validity come from ``phonenumbers`` (Google's libphonenumber metadata): a number
is accepted only when it is valid for its country, not merely the right length. Ofcom's drama
ranges (07700 900xxx, 01632 960xxx) are therefore refused, as real reports never carry them.
An extension ("ext. 12") is dropped from the key: it reaches the same line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers

from graph.errors import InvalidValue

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    original: str

    @classmethod
    def clean(cls, raw: str, default_region: str = "GB") -> Phone:
        """Parse what was typed; numbers without ``+``/``00`` are read as ``default_region``'s."""
        if not isinstance(raw, str):
            raise InvalidValue("phone", "must be a string")
        if default_region not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"{default_region!r} is not a region phonenumbers knows")
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", raw)).strip()
        text = re.sub(r"^tel:", "", text, flags=re.IGNORECASE)
        if not text:
            raise InvalidValue("phone", "is empty")
        try:
            number = phonenumbers.parse(text, default_region)
        except phonenumbers.NumberParseException:
            raise InvalidValue("phone", f"{text!r} is not a phone number") from None
        if not phonenumbers.is_valid_number(number):
            raise InvalidValue("phone", f"{text!r} is not a valid phone number")
        return cls(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), raw)

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
