"""Finding a case: by hub reference, account handle, content address or a person's name.

What was typed decides what is searched (:func:`understand`, pure): ``OHCH-2026-000123`` is a
report reference; ``@name`` a handle on any platform and ``x:name`` (or ``twitter:name``) a
handle on one; an address (``https://...``, ``x.com/...``) the content it names, cleaned as
intake cleans it, so any way of writing a post's link finds it; anything else a person's name,
folded (lower case, accents removed) as identity matching folds names
(``graph.identity.evidence.fold``) and searched in a full-text index with the same folding.

The force scope is applied inside each query: a force officer finds only the cases assigned or
notified to their force, and cannot search by name (only hub staff search people). At most
:data:`LIMIT` cases come back, and the result says when there were more.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from graph.access import Capability
from graph.cases.models import CaseStatus
from graph.cypher import load_query
from graph.db import Record, native
from graph.errors import Forbidden, InvalidValue
from graph.identity.evidence import fold
from graph.platforms import all_platforms, resolve_platform_name
from graph.values.handle import Handle
from graph.values.url import ContentUrl
from services.use_case import Caller, use_case

RULES: Mapping[str, Capability] = {
    "search_cases": Capability.FORCE_CASES,  # then names for hub staff only, cases in scope
}

LIMIT = 50  # cases shown
SCAN = 2000  # reports of one account, or people by name, read at most
MAX_LENGTH = 200
FIELD = "q"

_REFERENCE = re.compile(r"^OHCH-\d{4}-\d{1,9}$", re.IGNORECASE)
_ADDRESS = re.compile(r"^(https?://|www\.|([a-z0-9-]+\.)+[a-z]{2,}/)", re.IGNORECASE)
_PLATFORM_HANDLE = re.compile(r"^([A-Za-z][\w .-]{0,30}):@?(\S+)$")
_WORDS = re.compile(r"[^\w]+")


class SearchKind(enum.StrEnum):
    REFERENCE = "reference"
    HANDLE = "handle"
    ADDRESS = "address"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """What a search looks for: the kind, and the cleaned values its query takes."""

    kind: SearchKind
    shown: str  # what the results page says was searched for
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class SearchHit:
    case_id: str
    status: CaseStatus | None
    force_code: str | None  # the force the case is assigned to
    reference: str  # the first matching report's reference
    received_at: datetime | None
    how: str  # "the report reference", "an account", "the content address", "a person named"
    value: str  # what matched: the reference, "x|jsmith88 named as the suspect", the address...


@dataclass(frozen=True, slots=True)
class SearchResult:
    term: SearchTerm
    hits: tuple[SearchHit, ...]
    capped: bool  # more cases matched than :data:`LIMIT`
    limit: int = LIMIT


def understand(text: str) -> SearchTerm:
    """What ``text`` asks for; :class:`InvalidValue` naming the field ``q`` when it is unusable."""
    typed = " ".join(text.split())
    if not typed:
        raise InvalidValue(FIELD, "enter a reference, a handle, a link or a name")
    if len(typed) > MAX_LENGTH:
        raise InvalidValue(FIELD, f"must be {MAX_LENGTH} characters or fewer")
    if _REFERENCE.match(typed):
        reference = typed.upper()
        return SearchTerm(SearchKind.REFERENCE, reference, {"reference": reference})
    if _ADDRESS.match(typed):
        return _address(typed)
    if typed.startswith("@") and " " not in typed:
        return _handle(typed, None)
    found = _PLATFORM_HANDLE.match(typed)
    if found and " " not in found.group(2):
        return _handle(found.group(2), found.group(1))
    return _name(typed)


def _address(typed: str) -> SearchTerm:
    url = ContentUrl.clean(typed)
    return SearchTerm(
        SearchKind.ADDRESS, url.canonical, {"post_key": url.key, "url": url.canonical}
    )


def _handle(raw: str, platform_name: str | None) -> SearchTerm:
    if platform_name is None:
        platforms = [p.id for p in all_platforms()]
    else:
        try:
            platforms = [resolve_platform_name(platform_name).id]
        except InvalidValue as unknown:
            raise InvalidValue(FIELD, unknown.reason) from None
    keys = []
    for platform in platforms:
        try:
            keys.append(Handle.clean(raw, platform, strict=False).key)
        except InvalidValue:
            continue  # not a handle this platform could have
    if not keys:
        raise InvalidValue(FIELD, f"{raw!r} is not a handle on any platform")
    shown = keys[0] if len(keys) == 1 else "@" + keys[0].split("|", 1)[1]
    return SearchTerm(SearchKind.HANDLE, shown, {"keys": keys})


def _name(typed: str) -> SearchTerm:
    words = [w for w in _WORDS.split(fold(typed)) if w]
    if not words:
        raise InvalidValue(FIELD, "enter a reference, a handle, a link or a name")
    # Every word must be in the name; each is letters and digits only, so nothing in it is
    # Lucene syntax.
    query = " ".join(f"+{word}" for word in words)
    return SearchTerm(SearchKind.NAME, " ".join(words), {"words": query})


_QUERIES: Mapping[SearchKind, str] = {
    SearchKind.REFERENCE: "search/cases_by_reference",
    SearchKind.HANDLE: "search/cases_by_accounts",
    SearchKind.ADDRESS: "search/cases_by_content",
    SearchKind.NAME: "search/cases_by_name",
}


def _hit(r: Record) -> SearchHit:
    return SearchHit(
        case_id=r["case_id"],
        status=CaseStatus(r["status"]) if r["status"] else None,
        force_code=r["force_code"],
        reference=r["reference"],
        received_at=native(r["received_at"]),
        how=r["how"],
        value=r["value"],
    )


@use_case
def search_cases(caller: Caller, text: str) -> SearchResult:
    """The cases ``text`` finds that the viewer may see, at most :data:`LIMIT` of them."""
    term = understand(text)
    params: dict[str, Any] = {**term.params, "limit": LIMIT + 1}
    if term.kind is SearchKind.NAME:
        if not caller.viewer.is_hub_staff:
            raise Forbidden("only hub staff search by a person's name")
        params["scan"] = SCAN
    else:
        params.update(caller.viewer.cypher_scope())
        if term.kind is SearchKind.HANDLE:
            params["scan"] = SCAN
    rows = caller.graph.read(load_query(_QUERIES[term.kind]), **params)
    hits = tuple(_hit(r) for r in rows[:LIMIT])
    return SearchResult(term, hits, capped=len(rows) > LIMIT, limit=LIMIT)
