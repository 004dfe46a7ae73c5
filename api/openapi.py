"""The referral endpoint's contract in OpenAPI: its request (the contract's model), every answer
with an example, and how partners authenticate.

``POST /api/v1/referrals`` reads its raw body itself (kept verbatim, limited before parsing),
so FastAPI sees no body parameter: the request is described here (``openapi_extra``) and the
answers in a ``responses=`` table, and :func:`install` adds the contract's schemas and the
bearer scheme to the document. ``docs/INTAKE.md`` says the same in words; a test validates the
document (``openapi-spec-validator``) and checks every status has an example.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field

from ingest.contract import Referral
from ingest.limits import MAX_BODY_BYTES

REF = "#/components/schemas/{model}"
BEARER = "bearer"


class UnverifiedDetail(BaseModel):
    field: str = Field(description="Where in the referral, e.g. reporter.email")
    message: str = Field(description="Why it is unverified, in words")


class ReferralReceipt(BaseModel):
    """The referral was accepted: committed (201), received before (200) or journalled (202)."""

    status: Literal["created", "already_received", "journalled"]
    reference: str = Field(description="The hub reference, e.g. OHCH-2026-000042")
    access_code: str | None = Field(
        None, description="For the complainant's status page: shown once, on first acceptance"
    )
    access_code_note: str | None = None
    warnings: list[UnverifiedDetail] | None = Field(
        None, description="Details kept as typed but unverified; absent when all validated"
    )


class FieldProblem(BaseModel):
    field: str = Field(description="The field path, e.g. content[1].url, or body")
    message: str


class Refusal(BaseModel):
    """The referral was not taken; nothing was written."""

    error: str = Field(description="The kind: InvalidInput, Conflict, Forbidden, ...")
    detail: str
    problems: list[FieldProblem] | None = Field(
        None, description="Every problem at once, each with its field (422, 413, 415, 429)"
    )


REFERRAL_EXAMPLE: dict[str, Any] = {
    "source": "true-vision",
    "source_ref": "TV-2026-0000123",
    "submitted_at": "2026-06-01T04:08:00Z",
    "reporter": {
        "role": "victim",
        "name": "Amara Okafor",
        "email": "amara.okafor@example.org",
        "phone": "07911 123456",
        "postcode": "WN1 1AA",
        "consent_to_contact": True,
    },
    "incident": {
        "occurred_at": "2026-05-31T22:15:00+01:00",
        "description": "A reply to my post told me to go back where I came from.",
        "location_type": "online",
        "strands": ["race"],
    },
    "content": [
        {
            "url": "https://x.com/jsmith88/status/1796512345678901234",
            "platform": "X",
            "text": "go back where you came from",
            "captured_at": "2026-05-31T22:20:00Z",
        }
    ],
    "suspects": [{"platform": "X", "handle": "@JSmith88", "display_name": "J Smith"}],
}

STRANDS_PROBLEM = (
    "must be one of 'race', 'religion', 'sexual_orientation', 'disability', 'transgender' or "
    "'other'"
)
CODE_NOTE = "Give this code to the complainant now: the hub keeps only a hash of it."


def _problem(error: str, detail: str, field: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": error, "detail": detail}
    if field is not None:
        body["problems"] = [{"field": field, "message": detail.removeprefix(f"{field}: ")}]
    return body


def _answer(model: type[BaseModel], description: str, example: object) -> dict[str, Any]:
    return {
        "model": model,
        "description": description,
        "content": {"application/json": {"example": example}},
    }


RESPONSES: Mapping[int | str, dict[str, Any]] = {
    201: _answer(
        ReferralReceipt,
        "Committed to the graph: the reference, and the access code (shown once)",
        {
            "status": "created",
            "reference": "OHCH-2026-000042",
            "access_code": "K7QM-3XPD-9RTW",
            "access_code_note": CODE_NOTE,
            "warnings": [
                {
                    "field": "reporter.phone",
                    "message": "kept as typed, unverified: '07700 900123' is not a valid phone "
                    "number: its range is not one the phone numbering data knows to be in use "
                    "(a possible number, read as +447700900123)",
                }
            ],
        },
    ),
    200: _answer(
        ReferralReceipt,
        "The same referral (same source, source_ref and payload) was received before: its "
        "reference, no new code",
        {"status": "already_received", "reference": "OHCH-2026-000042"},
    ),
    202: _answer(
        ReferralReceipt,
        "The graph was unreachable: the referral is durably journalled and written when it "
        "answers; the reference and code stay valid",
        {
            "status": "journalled",
            "reference": "OHCH-2026-J7K3M9P2",
            "access_code": "K7QM-3XPD-9RTW",
            "access_code_note": CODE_NOTE,
        },
    ),
    401: _answer(
        Refusal,
        "A bearer token was sent and does not verify (expired, wrong audience, ...)",
        _problem("Unauthenticated", "the token has expired; sign in again"),
    ),
    403: _answer(
        Refusal,
        "The body names a source the caller may not write under (docs/INTAKE.md)",
        _problem(
            "Forbidden",
            "source: a referral sent without signing in is written under 'true-vision', not "
            "'report-it-partner'; a partner writing under its own source signs in with its "
            "client credentials (docs/INTAKE.md)",
        ),
    ),
    409: _answer(
        Refusal,
        "The same source and source_ref came before with a different payload; nothing was "
        "changed (the other report's reference is never given)",
        _problem(
            "Conflict",
            "a different referral was already received as true-vision TV-2026-0000123; nothing "
            "was changed (send a new source_ref for a new report)",
        ),
    ),
    413: _answer(
        Refusal,
        f"The body is larger than {MAX_BODY_BYTES} bytes; it was not read",
        _problem("InvalidInput", f"body: is larger than {MAX_BODY_BYTES} bytes", "body"),
    ),
    415: _answer(
        Refusal,
        "The body is not sent as JSON",
        _problem(
            "InvalidInput",
            "body: must be sent as JSON (Content-Type: application/json)",
            "body",
        ),
    ),
    422: _answer(
        Refusal,
        "The referral breaks the contract: every problem, shape and value together",
        {
            "error": "InvalidInput",
            "detail": f"incident.strands[0]: {STRANDS_PROBLEM}; content[0].url: not an http(s) URL",
            "problems": [
                {"field": "incident.strands[0]", "message": STRANDS_PROBLEM},
                {"field": "content[0].url", "message": "not an http(s) URL"},
            ],
        },
    ),
    429: _answer(
        Refusal,
        "Too many referrals from this address (or this partner): wait Retry-After seconds",
        _problem(
            "InvalidInput",
            "body: too many referrals from this address; try again shortly",
            "body",
        ),
    )
    | {"headers": {"Retry-After": {"description": "Seconds", "schema": {"type": "integer"}}}},
    503: _answer(
        Refusal,
        "The audit trail or the identity provider could not be reached; send it again",
        _problem("AuditUnavailable", "the audit trail could not be written; try again shortly"),
    ),
}

REQUEST: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A referral, contract version 1 (docs/INTAKE.md). The body is kept "
        f"verbatim as evidence; at most {MAX_BODY_BYTES} bytes.",
        "content": {
            "application/json": {
                "schema": {"$ref": REF.format(model="Referral")},
                "example": REFERRAL_EXAMPLE,
            }
        },
    },
    # Anonymous (the public site) or a partner's bearer token.
    "security": [{}, {BEARER: []}],
}


BEARER_SCHEME: dict[str, str] = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT",
    "description": "An access token from the hub's identity provider: a partner's, by client "
    "credentials (docs/INTAKE.md). Without one, the caller is the public site.",
}


def contract_schemas() -> dict[str, Any]:
    """The referral contract's JSON Schema as OpenAPI components: ``Referral`` and its parts.
    ``source`` may be left out: the server fills it in from who is sending."""
    schema = Referral.model_json_schema(ref_template=REF)
    defs: dict[str, Any] = schema.pop("$defs", {})
    schema["required"] = [name for name in schema["required"] if name != "source"]
    schema["properties"]["source"]["description"] = (
        "Who sent it: left out, the server fills it in (the public site's source for an "
        "anonymous caller, a partner's own for a partner); any other is refused with 403"
    )
    return defs | {"Referral": schema}


def install(app: FastAPI) -> None:
    """Add the contract's schemas and the bearer scheme to the app's OpenAPI document."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            components = document.setdefault("components", {})
            components.setdefault("schemas", {}).update(contract_schemas())
            components["securitySchemes"] = {BEARER: BEARER_SCHEME}
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
