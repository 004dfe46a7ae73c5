"""Evidence files over REST: a referral's sender sends them, hub staff download them.

``POST /api/v1/referrals/{reference}/evidence`` (multipart/form-data: one or more ``files``
parts and the report's ``access_code``; hub staff send a bearer token instead of the code):
201 with each file's SHA-256 and media type (read from its bytes); 404 when the reference and
code do not match (the same words as the status check); 413 for a file past its kind's size;
415 for a file of a type the hub does not take, or a body that is not multipart; 422 naming
the field; 429 after too many wrong codes.

``GET /api/v1/evidence/{sha256}``: the file's bytes for hub staff, always as a download
(``Content-Disposition: attachment`` named by its SHA-256, ``nosniff``, a CSP that runs and
loads nothing), never inline; each download is written to the audit trail first.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.formparsers import MultiPartException

from api.errors import body_for
from api.evidence_form import discard, read_evidence_form, spooled_uploads
from api.status import NOT_MATCHED
from graph.attachments.blobs import DiskBlobStore
from graph.attachments.clamd import Scanner
from graph.attachments.kinds import (
    FileTooLarge,
    FileTypeNotAllowed,
    MediaType,
)
from graph.attachments.models import MAX_FILES, Upload
from graph.errors import InvalidInput, InvalidValue, Problem
from graph.settings import Settings
from services.attachments import Sending, download_evidence, limits_of, send_evidence
from services.attempts import WINDOW_S
from services.status import Refusal
from services.use_case import Caller

router = APIRouter(prefix="/api/v1", tags=["evidence"])
SEND = "rest:POST /api/v1/referrals/{reference}/evidence"
DOWNLOAD = "rest:GET /api/v1/evidence/{sha256}"
MULTIPART_OVERHEAD = 1024 * 1024
DOWNLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox; frame-ancestors 'none'",
    "Cache-Control": "no-store",
    "Cross-Origin-Resource-Policy": "same-origin",
}


SEND_REQUEST = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                                  "description": f"One part a file, at most {MAX_FILES}"},
                        "access_code": {"type": "string",
                                        "description": "The report's access code (hub staff: "
                                        "a bearer token instead)"},
                    },
                }
            }
        },
    }
}  # fmt: skip
SEND_ANSWERS: dict[int | str, dict[str, object]] = {
    201: {"description": "Kept: each distinct file's SHA-256, media type (from its bytes), "
          "size, and whether the hub had it already"},
    404: {"description": "No report matches that reference and access code"},
    413: {"description": "A file past its kind's size (every one named), or the body"},
    415: {"description": "A file of a type the hub does not take (every one named), or a "
          "body that is not multipart"},
    422: {"description": "A field missing or wrong, named; or a file found to contain "
          "malware (each named; nothing of the sending kept)"},
    429: {"description": "Too many wrong codes: wait (Retry-After)"},
    503: {"description": "The files could not be checked for viruses and the hub refuses "
          "unscanned files: nothing kept, send them again later (Retry-After)"},
}  # fmt: skip
DOWNLOAD_ANSWERS: dict[int | str, dict[str, object]] = {
    200: {"description": "The file's bytes, as an attachment only",
          "content": {"application/octet-stream": {"schema": {"type": "string",
                                                               "format": "binary"}}}},
    403: {"description": "Hub staff only"},
    404: {"description": "The hub holds no file with that SHA-256"},
    422: {"description": "Not a SHA-256"},
}  # fmt: skip


def _problem(status: int, field: str, message: str) -> JSONResponse:
    return JSONResponse(body_for(InvalidInput([Problem(field, message)])), status_code=status)


def _largest_body(settings: Settings) -> int:
    limits = limits_of(settings)
    return max(limits.video, limits.pdf * MAX_FILES, limits.image * MAX_FILES) + MULTIPART_OVERHEAD


async def _uploads(request: Request) -> tuple[list[Upload], str | None] | JSONResponse:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return _problem(415, "body", "must be multipart/form-data: the files, and access_code")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > _largest_body(request.app.state.settings):
        return _problem(413, "body", "is larger than any sending of evidence may be")
    settings: Settings = request.app.state.settings
    store = DiskBlobStore(settings.evidence_dir)
    try:
        form = await read_evidence_form(
            request.headers, request.stream(), store, limits_of(settings)
        )
    except MultiPartException as error:
        return _problem(422, "files", f"the body is not readable multipart: {error.message}")
    except FileTooLarge as error:
        return JSONResponse(body_for(error), status_code=413)
    except FileTypeNotAllowed as error:
        return JSONResponse(body_for(error), status_code=415)
    try:
        uploads = await spooled_uploads(form.getlist("files"))
        code = form.get("access_code")
        if code is not None and not isinstance(code, str):
            discard(uploads)
            return _problem(422, "access_code", "must be a text field")
    except (FileTooLarge, FileTypeNotAllowed) as error:
        status = 413 if isinstance(error, FileTooLarge) else 415
        return JSONResponse(body_for(error), status_code=status)
    except InvalidValue as error:
        return _problem(422, error.field, error.reason)
    finally:
        await form.close()  # a part not finished is deleted
    return uploads, code.strip() if code else None


@router.post(
    "/referrals/{reference}/evidence", status_code=201, openapi_extra=SEND_REQUEST,
    responses=SEND_ANSWERS,
)  # fmt: skip
async def send(reference: str, request: Request) -> JSONResponse:
    """Send evidence files (screenshots, PDFs, videos) for a report."""
    received = await _uploads(request)
    if isinstance(received, JSONResponse):
        return received
    uploads, code = received
    settings: Settings = request.app.state.settings
    reference = "".join(reference.split()).upper()
    client = request.client.host if request.client else "unknown"
    try:
        viewer = await request.app.state.signin.viewer_in(request.scope)
        answer = await asyncio.to_thread(
            send_evidence, Caller(request.app.state.graph, viewer),
            Sending(reference, code, client), uploads, DiskBlobStore(settings.evidence_dir),
            limits_of(settings), request.app.state.audit_log, SEND, datetime.now(UTC),
            Scanner.of(settings),
        )  # fmt: skip
    except FileTooLarge as error:
        return JSONResponse(body_for(error), status_code=413)
    except FileTypeNotAllowed as error:
        return JSONResponse(body_for(error), status_code=415)
    finally:
        await asyncio.to_thread(discard, uploads)  # kept files were moved: nothing to delete
    if answer is Refusal.TOO_MANY:
        return JSONResponse(
            {"detail": "Too many attempts: wait, then try again."},
            status_code=429, headers={"retry-after": str(int(WINDOW_S))},
        )  # fmt: skip
    if answer is Refusal.NOT_MATCHED:
        return JSONResponse({"detail": NOT_MATCHED}, status_code=404)
    assert not isinstance(answer, Refusal)
    files = [
        {"sha256": a.sha256, "media_type": a.media_type, "bytes": a.size, "new_file": a.new_file}
        for a in answer
    ]
    return JSONResponse({"reference": reference, "files": files}, status_code=201)


@router.get("/evidence/{sha256}", responses=DOWNLOAD_ANSWERS)
async def download(sha256: str, request: Request) -> Response:
    """An evidence file, as a download only (hub staff)."""
    viewer = await request.app.state.signin.viewer_in(request.scope)
    settings: Settings = request.app.state.settings
    got = await asyncio.to_thread(
        download_evidence, Caller(request.app.state.graph, viewer), sha256,
        DiskBlobStore(settings.evidence_dir), request.app.state.audit_log, DOWNLOAD,
    )  # fmt: skip
    name = f"{got.sha256}.{MediaType(got.media_type).extension}"
    headers = DOWNLOAD_HEADERS | {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(got.data, media_type=got.media_type, headers=headers)
