"""What the hub records about receiving a referral, before any of it is interpreted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import orjson

from ingest.access_codes import hash_code, new_code


def canonical_json(payload: object) -> bytes:
    """Key order and whitespace do not change a payload's identity."""
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)


def payload_hash(payload: object) -> str:
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def report_id(source: str, source_ref: str) -> str:
    """Deterministic, so a crashed and rerun intake writes the same ids."""
    return "rpt-" + hashlib.sha256(f"{source}\x1f{source_ref}".encode()).hexdigest()[:24]


def intake_key(source: str, source_ref: str) -> str:
    return f"{source}|{source_ref}"


@dataclass(frozen=True, slots=True)
class Receipt:
    """The facts of arrival: when, the verbatim payload and its hash, the access code hash."""

    received_at: datetime
    raw_payload: str
    payload_hash: str
    access_code_hash: str | None
    reference: str | None = None  # set in advance only when the journal accepted it

    @classmethod
    def issue(
        cls,
        payload: object,
        raw_payload: str,
        received_at: datetime,
        with_access_code: bool = True,
    ) -> tuple[Receipt, str | None]:
        """A receipt and, when asked for, the plain access code (shown once, never stored)."""
        code = new_code() if with_access_code else None
        receipt = cls(
            received_at=received_at,
            raw_payload=raw_payload,
            payload_hash=payload_hash(payload),
            access_code_hash=hash_code(code) if code else None,
        )
        return receipt, code
