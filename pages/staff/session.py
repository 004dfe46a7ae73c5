"""A staff sign-in as a sealed cookie: who (user id, role, force) and until when.

The cookie is HttpOnly, SameSite=Lax (the identity provider's redirect back is a top-level
navigation from another site), Secure in production, and sealed with ``OHCH_WEB_SECRET``
(``pages/csrf.py``), so every worker process reads it and nobody can forge one. It holds no
token of the identity provider: the hub checked the access token once, at sign-in, and keeps
only what it decided from it. It lasts ``OHCH_STAFF_SESSION_HOURS`` (about a shift); a role
changed at the identity provider applies at the next sign-in.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.viewer import Role, Viewer
from pages import csrf

COOKIE = "ohch_staff"
PURPOSE = "staff-session"


@dataclass(frozen=True, slots=True)
class StaffSession:
    user_id: str
    role: Role
    force_code: str | None
    expires_at: datetime

    @property
    def viewer(self) -> Viewer:
        return Viewer(self.role, self.user_id, self.force_code)

    def seal(self) -> str:
        body = json.dumps(
            {"u": self.user_id, "r": self.role.value, "f": self.force_code,
             "e": int(self.expires_at.timestamp())},
            separators=(",", ":"),
        )  # fmt: skip
        return csrf.sealed(PURPOSE, base64.urlsafe_b64encode(body.encode()).decode())


def opened(cookie: str | None, now: datetime) -> StaffSession | None:
    """The session a cookie carries, if it was sealed here and has not expired."""
    value = csrf.unsealed(PURPOSE, cookie)
    if value is None:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(value.encode()))
        session = StaffSession(
            user_id=str(data["u"]), role=Role(data["r"]), force_code=data["f"],
            expires_at=datetime.fromtimestamp(int(data["e"]), UTC),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        return None
    return session if session.expires_at > now else None
