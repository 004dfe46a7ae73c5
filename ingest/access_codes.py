"""Complainant access codes: random, shown once, stored only as a salted hash.

A code is 12 characters of Crockford base32 (60 bits of entropy, grouped ``XXXX-XXXX-XXXX``,
no I, L, O or U to misread). Because the code is random and long, not a password a person chose,
a salted SHA-256 resists guessing as well as a slow hash would, and keeps bulk intake fast.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 3
GROUP_LENGTH = 4


def new_code() -> str:
    # One draw of 60 random bits, five a character (the alphabet has 32 letters, so each is
    # equally likely): a sixth of the time of drawing each character on its own.
    length = GROUPS * GROUP_LENGTH
    bits = secrets.randbits(5 * length)
    chars = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(length))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


_MISREAD = str.maketrans("OIL", "011")  # what a person may type for 0 and 1


def _normalise(code: str) -> str:
    typed = code.upper().replace("-", "").replace(" ", "")
    return typed.translate(_MISREAD)


def hash_code(code: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.sha256(salt + _normalise(code).encode()).hexdigest()
    return f"sha256${salt.hex()}${digest}"


def verify_code(code: str, stored: str) -> bool:
    try:
        scheme, salt_hex, _ = stored.split("$")
    except ValueError:
        return False
    if scheme != "sha256":
        return False
    return hmac.compare_digest(hash_code(code, bytes.fromhex(salt_hex)), stored)
