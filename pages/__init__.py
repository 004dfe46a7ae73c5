"""The hub's own web pages for the public: report online hate, check a report's progress.

Server-rendered with Jinja2 and GOV.UK Frontend's macros (``govuk-frontend-jinja``), styled
by the assets ``web/`` builds (``docs/WEB.md``); every page works without JavaScript. The API
includes :data:`router` and mounts :func:`assets` at ``/assets``.

::

    info.py      GET /, /accessibility, /privacy
    report.py    GET/POST /report and its confirmation (through intake, ingest.service.accept)
    status.py    GET/POST /status (reference and access code in, progress out)
    form.py      the report form: what was typed, its checks, the referral it becomes (pure)
    csrf.py      signed double-submit tokens; the signed form token (source_ref, submitted_at)
    attempts.py  failed status checks per reference (in memory)
    render.py    the Jinja2 environment, the pages' security headers
    assets.py    where the built assets are
"""

from __future__ import annotations

from fastapi import APIRouter

from pages.assets import assets
from pages.info import router as info_pages
from pages.report import router as report_pages
from pages.status import router as status_pages

router = APIRouter(tags=["pages"], include_in_schema=False)
router.include_router(info_pages)
router.include_router(report_pages)
router.include_router(status_pages)

__all__ = ["assets", "router"]
