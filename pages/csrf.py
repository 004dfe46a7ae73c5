"""Forms the hub sent, and only those: a signed double-submit token and a signed form token.

**CSRF.** A page with a form sets a random ``ohch_csrf`` cookie (HttpOnly, SameSite=Strict,
Secure in production) and puts ``HMAC(secret, cookie)`` in the form. A POST is honoured only
when the field matches the cookie it came with: another site can make a browser send the
cookie, but can neither read it nor compute the field without the secret.

**The form token.** The report form also carries ``<id>.<issued>.<signature>``: a random id
(the referral's ``source_ref``) and the time the form was served (its ``submitted_at``), signed.
The same form sent twice (a double click, a resubmission) is then the same referral, which
intake answers "already received" instead of making a second report.

The secret is ``OHCH_WEB_SECRET`` (at least 32 characters); without it each process draws its
own at start-up, so tokens do not survive a restart or pass between worker processes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.settings import load_settings

log = logging.getLogger("ohch.pages")

SECRET_VARIABLE = "OHCH_WEB_SECRET"  # noqa: S105 - the variable's name, not a secret
COOKIE = "ohch_csrf"
FIELD = "csrf_token"
FORM_FIELD = "form_token"


def _secret() -> bytes:
    configured = load_settings().web_secret
    if configured is None:
        log.info("%s not set: this process signs web forms with a key of its own", SECRET_VARIABLE)
        return secrets.token_bytes(32)
    return configured.get_secret_value().encode()


_SECRET = _secret()


def _sign(purpose: str, value: str) -> str:
    mac = hmac.new(_SECRET, f"{purpose}\x1f{value}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def new_cookie() -> str:
    return secrets.token_urlsafe(32)


def field_for(cookie: str) -> str:
    """The form field that goes with this cookie."""
    return _sign("csrf", cookie)


def valid(cookie: str | None, field: str | None) -> bool:
    if not cookie or not field:
        return False
    return hmac.compare_digest(field_for(cookie), field)


@dataclass(frozen=True, slots=True)
class FormToken:
    id: str
    issued: datetime

    @classmethod
    def new(cls, now: datetime) -> FormToken:
        return cls(id=secrets.token_hex(16), issued=now.astimezone(UTC).replace(microsecond=0))

    def encode(self) -> str:
        body = f"{self.id}.{int(self.issued.timestamp())}"
        return f"{body}.{_sign('form', body)}"

    @classmethod
    def decode(cls, text: str | None) -> FormToken | None:
        """The token, or None when it is not one this hub signed."""
        if not text or text.count(".") != 2:
            return None
        form_id, issued, signature = text.split(".")
        if not hmac.compare_digest(_sign("form", f"{form_id}.{issued}"), signature):
            return None
        if not issued.isdigit():
            return None
        return cls(id=form_id, issued=datetime.fromtimestamp(int(issued), UTC))


def sealed(purpose: str, value: str) -> str:
    """``value`` with its signature for ``purpose`` (a cookie the hub reads back unchanged)."""
    return f"{value}.{_sign(purpose, value)}"


def unsealed(purpose: str, token: str | None) -> str | None:
    """The value of a :func:`sealed` token, or None if it was not sealed here for ``purpose``."""
    if not token or "." not in token:
        return None
    value, _, signature = token.rpartition(".")
    return value if hmac.compare_digest(_sign(purpose, value), signature) else None
