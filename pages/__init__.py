"""The hub's own web pages: for the public, report online hate and check a report's progress;
for staff, the workspace (``staff/``, signed in through the identity provider).

Server-rendered with Jinja2 and GOV.UK Frontend's macros (``govuk-frontend-jinja``), styled
by the assets ``web/`` builds (``docs/WEB.md``); every page works without JavaScript. The API
includes :data:`router` and mounts :func:`assets` at ``/assets``.

::

    info.py      GET /, /accessibility, /privacy
    report.py    GET/POST /report and its confirmation (through intake, services.intake)
    status.py    GET/POST /status (reference and access code in, progress out: services.status)
    form.py      the report form: what was typed, its checks, the referral it becomes (pure)
    csrf.py      signed double-submit tokens; the signed form token; sealed cookies
    staff/       GET /staff (work queues), sign-in (code flow with PKCE) and sign-out
    render.py    the Jinja2 environment, the pages' security headers
    assets.py    where the built assets are
"""

from __future__ import annotations

from fastapi import APIRouter

from pages.assets import assets
from pages.info import router as info_pages
from pages.report import router as report_pages
from pages.staff.routes import router as staff_pages
from pages.status import router as status_pages

router = APIRouter(tags=["pages"], include_in_schema=False)
router.include_router(info_pages)
router.include_router(report_pages)
router.include_router(status_pages)
router.include_router(staff_pages)

__all__ = ["assets", "router"]
