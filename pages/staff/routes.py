"""The staff workspace's pages: sign in and out, and the home page of work queues.

Every page needs a signed-in staff session (``session.py``); without one the browser is sent
to sign in and brought back. Pages call the service layer as the session's viewer, so a page
shows exactly what the role may see (``services/``).
"""

from __future__ import annotations

import asyncio
import urllib.parse
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from api.signin.oidc import ProviderUnavailable
from graph.access import Capability, may
from graph.errors import Forbidden, Unauthenticated
from graph.settings import Environment, Settings
from pages.http import FormRefused, read_form
from pages.render import message, page, unavailable
from pages.staff import case, force, network, review, search, signin, trends, view
from pages.staff.session import COOKIE
from services import workspace

router = APIRouter(prefix="/staff")
SIGNED_OUT = "/staff/signed-out"


def _callback(request: Request, settings: Settings) -> str:
    base = settings.public_url or str(request.base_url)
    return base.rstrip("/") + signin.CALLBACK


def _cookie(response: Response, settings: Settings, name: str, value: str, path: str,
            max_age: int) -> None:  # fmt: skip
    response.set_cookie(
        name, value, max_age=max_age, path=path, httponly=True, samesite="lax",
        secure=settings.env is Environment.PRODUCTION,
    )  # fmt: skip


@router.get("/sign-in", include_in_schema=False)
async def sign_in(request: Request, next: str | None = None) -> Response:
    settings: Settings = request.app.state.settings
    try:
        address, flow = await asyncio.to_thread(
            signin.begin, settings, _callback(request, settings), next
        )
    except ProviderUnavailable:
        return unavailable()
    response = RedirectResponse(address, status_code=303)
    _cookie(response, settings, signin.FLOW_COOKIE, flow, "/staff/sign-in",
            signin.FLOW_MINUTES * 60)  # fmt: skip
    return response


@router.get("/sign-in/callback", include_in_schema=False)
async def signed_in(
    request: Request, code: str | None = None, state: str | None = None,
    error: str | None = None,
) -> Response:  # fmt: skip
    settings: Settings = request.app.state.settings
    if error or not code or not state:
        return message("You are not signed in", "The sign-in was cancelled or refused. "
                       "Sign in again from the workspace.", 401)  # fmt: skip
    provider = request.app.state.signin.provider
    if provider is None:
        return unavailable()
    try:
        session, next_page = await asyncio.to_thread(
            signin.finish, settings, provider, code, state,
            request.cookies.get(signin.FLOW_COOKIE), _callback(request, settings),
        )  # fmt: skip
    except Unauthenticated as refused:
        return message("You are not signed in", str(refused), 401)
    except Forbidden as refused:
        return message("You cannot use the workspace", str(refused), 403)
    except ProviderUnavailable:
        return unavailable()
    response = RedirectResponse(next_page, status_code=303)
    hours = settings.staff_session_hours
    _cookie(response, settings, COOKIE, session.seal(), "/staff", hours * 3600)
    response.delete_cookie(signin.FLOW_COOKIE, path="/staff/sign-in")
    return response


@router.post("/sign-out", include_in_schema=False)
async def sign_out(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    try:
        await read_form(request)
    except FormRefused as refused:
        return message(refused.title, refused.message, refused.status_code)
    target = SIGNED_OUT
    try:
        found = await asyncio.to_thread(signin.endpoints, settings)
    except ProviderUnavailable:
        found = None
    if found is not None and found.end_session:
        base = (settings.public_url or str(request.base_url)).rstrip("/")
        query = {"client_id": settings.oidc_web_client_id,
                 "post_logout_redirect_uri": base + SIGNED_OUT}  # fmt: skip
        target = f"{found.end_session}?{urllib.parse.urlencode(query)}"
    response = RedirectResponse(target, status_code=303)
    response.delete_cookie(COOKIE, path="/staff")
    return response


@router.get("/signed-out", include_in_schema=False)
async def signed_out() -> Response:
    return page("staff/signed_out.html", signed_in=None)


@router.get("", include_in_schema=False)
async def home(request: Request) -> Response:
    session = view.session_of(request)
    if session is None:
        return view.to_sign_in(request)
    queues = None
    if may(session.viewer, Capability.HUB_CASEWORK):
        caller = view.caller_of(request, session)
        queues = await view.run(workspace.queues, caller, datetime.now(UTC))
    return view.staff_page(request, session, "staff/home.html", queues=queues)


router.include_router(force.router)
router.include_router(network.router)
router.include_router(trends.router)
router.include_router(search.router)
router.include_router(case.router)
router.include_router(review.router)
