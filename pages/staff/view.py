"""What the workspace's case-work pages share: the signed-in session, rendering a page with its
CSRF field, logging what a page showed or changed, and the refusal pages.

A page that shows or changes personal data logs itself, as REST does (GraphQL's audit tap
does it for GraphQL): one :class:`~graph.audit.records.AuditEvent` naming the endpoint
(``web:GET /staff/cases/{id}``), the records and the parts of the page, written before the
page is sent. If the trail cannot be written the page is withheld (503), as GraphQL withholds
its result.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from graph.audit.log import AuditLog
from graph.audit.records import Accessed, AuditEvent, Operation
from graph.errors import AuditUnavailable
from pages.http import with_csrf
from pages.render import page, unavailable
from pages.staff.session import COOKIE, StaffSession, opened
from services.use_case import Caller

T = TypeVar("T")
MAX_IDS = 500


def session_of(request: Request) -> StaffSession | None:
    return opened(request.cookies.get(COOKIE), datetime.now(UTC))


def to_sign_in(request: Request) -> RedirectResponse:
    """To the sign-in, and back to this very page after it (its query too: a network view or a
    search is its query)."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(
        f"/staff/sign-in?next={urllib.parse.quote(here, safe='/')}", status_code=303
    )


def caller_of(request: Request, session: StaffSession) -> Caller:
    return Caller(request.app.state.graph, session.viewer)


async def run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A use case off the event loop (the driver blocks)."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def staff_page(
    request: Request, session: StaffSession, template: str, status_code: int = 200, **context: Any
) -> Response:
    """A workspace page with the CSRF field its forms (and sign-out) carry. Signing out posts
    to the hub and is redirected to the identity provider, and a browser applies the page's
    ``form-action`` to that redirect, so it names the provider too."""

    def render(token: str) -> HTMLResponse:
        response = page(
            template, status_code=status_code, signed_in=session, csrf_token=token, **context
        )
        issuer = request.app.state.settings.oidc_issuer
        if issuer:
            origin = "{0.scheme}://{0.netloc}".format(urllib.parse.urlsplit(issuer))
            policy = response.headers["content-security-policy"]
            response.headers["content-security-policy"] = policy.replace(
                "form-action 'self'", f"form-action 'self' {origin}"
            )
        return response

    return with_csrf(request, render)


def refused(
    request: Request, session: StaffSession, title: str, text: str, status: int
) -> Response:
    """A refusal in the workspace's frame: 403 (not yours to see), 404, 400."""
    return staff_page(request, session, "staff/case_refused.html", status, title=title, text=text)


def event(
    session: StaffSession,
    operation: Operation,
    endpoint: str,
    kind: str,
    ids: Sequence[str],
    parts: Sequence[str] = (),
    reason: str | None = None,
) -> AuditEvent:
    """One audit event for what a page showed (``parts``: its sections) or changed."""
    unique = list(dict.fromkeys(i for i in ids if i))
    return AuditEvent(
        operation=operation,
        actor=session.user_id,
        role=session.role.value,
        force_code=session.force_code,
        endpoint=endpoint,
        accessed=(Accessed(kind=kind, ids=tuple(unique[:MAX_IDS]), fields=tuple(parts)),),
        reason=reason,
        details={"ids_total": len(unique)} if len(unique) > MAX_IDS else {},
    )


async def logged(request: Request, events: Sequence[AuditEvent], response: Response) -> Response:
    """``response``, once ``events`` are in the audit trail; withheld if they cannot be."""
    audit_log: AuditLog = request.app.state.audit_log
    try:
        await asyncio.to_thread(audit_log.append_many, list(events))
    except AuditUnavailable:
        return unavailable()
    return response
