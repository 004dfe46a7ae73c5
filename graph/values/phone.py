"""Phone numbers as typed values in E.164 (``+447911123456``), UK numbers by default."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from graph.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str
    original: str

    @classmethod
    def clean(cls, raw: str, default_region: str = "GB") -> Phone:
        text = raw.strip()
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

    def __str__(self) -> str:
        return self.e164
