"""The pages that only inform: the start page, the accessibility statement, the privacy notice."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from pages.i18n import choose_language
from pages.render import page

router = APIRouter(dependencies=[Depends(choose_language)])


@router.get("/", response_class=HTMLResponse)
async def start() -> HTMLResponse:
    return page("start.html")


@router.get("/accessibility", response_class=HTMLResponse)
async def accessibility() -> HTMLResponse:
    return page("accessibility.html")


@router.get("/privacy", response_class=HTMLResponse)
async def privacy() -> HTMLResponse:
    return page("privacy.html")
