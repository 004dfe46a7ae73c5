"""The platform registry: ids, what people type for them, hosts, handle rules, removal contacts.

Data in ``graph/reference/data/platforms.toml`` (with the source of every removal contact and
whether it was read on the company's own page). People type "X", "twitter", "Insta",
"FACEBOOK", "tik tok"; :func:`resolve_platform_name` maps them to a lowercase id, ignoring
case, spacing and punctuation. :func:`platform_for_host` answers for a URL's host, including
sub-domains (``en-gb.facebook.com``) and flagged third-party mirrors (``fxtwitter.com``).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.errors import InvalidValue
from graph.reference.forces import data_file


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    company: str
    removal_contact: str
    contact_verified: bool  # read on the company's own page (see contact_source)
    aliases: tuple[str, ...]
    hosts: tuple[str, ...]  # the first is the canonical host
    short_hosts: tuple[str, ...]
    mirror_hosts: tuple[str, ...] = ()
    excluded_hosts: tuple[str, ...] = ()
    contact_source: str = ""
    contact_checked: str = ""
    handle_pattern: str = r"[^\s]{1,100}"
    handle_rule: str = "up to 100 characters without spaces"

    @property
    def canonical_host(self) -> str:
        return self.hosts[0] if self.hosts else ""


@dataclass(frozen=True, slots=True)
class LinkWrapper:
    """A redirect page (``l.facebook.com/l.php?u=...``) hiding the real URL in a parameter."""

    host: str
    path: str  # "" = any path
    params: tuple[str, ...]  # () = the whole query string is the URL


@dataclass(frozen=True, slots=True)
class _Registry:
    platforms: tuple[Platform, ...]
    shorteners: frozenset[str]
    wrappers: tuple[LinkWrapper, ...]
    tracking: frozenset[str]
    tracking_prefixes: tuple[str, ...]
    platform_tracking: dict[str, frozenset[str]]


def _platform(row: dict[str, Any]) -> Platform:
    return Platform(
        id=row["id"],
        name=row["name"],
        company=row["company"],
        removal_contact=row["removal_contact"],
        contact_verified=row["verified"],
        aliases=tuple(row["aliases"]),
        hosts=tuple(row["hosts"]),
        short_hosts=tuple(row["short_hosts"]),
        mirror_hosts=tuple(row["mirror_hosts"]),
        excluded_hosts=tuple(row["excluded_hosts"]),
        contact_source=row["contact_source"],
        contact_checked=row["contact_checked"],
        handle_pattern=row["handle_pattern"],
        handle_rule=row["handle_rule"],
    )


@cache
def _registry() -> _Registry:
    data = tomllib.loads(data_file("platforms.toml"))
    tracking = data["tracking"]
    return _Registry(
        platforms=tuple(_platform(row) for row in data["platform"]),
        shorteners=frozenset(data["shorteners"]["hosts"]),
        wrappers=tuple(
            LinkWrapper(w["host"], w["path"], tuple(w["params"])) for w in data["link_wrapper"]
        ),
        tracking=frozenset(tracking["params"]),
        tracking_prefixes=tuple(tracking["prefixes"]),
        platform_tracking={k: frozenset(v) for k, v in tracking["platform"].items()},
    )


def all_platforms() -> tuple[Platform, ...]:
    """Every platform in the registry's order (``other`` last)."""
    return _registry().platforms


@cache
def _by_id() -> dict[str, Platform]:
    return {p.id: p for p in all_platforms()}


def _squash(text: str) -> str:
    """Case, spacing and punctuation removed: "Twitter / X" -> "twitterx"."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


@cache
def _by_alias() -> dict[str, Platform]:
    table: dict[str, Platform] = {}
    for platform in all_platforms():
        for alias in (platform.id, platform.name, *platform.aliases):
            squashed = _squash(alias)
            if squashed in table and table[squashed] is not platform:
                raise ValueError(f"platforms.toml: alias {alias!r} names two platforms")
            table[squashed] = platform
    return table


@cache
def _by_host() -> dict[str, Platform]:
    table: dict[str, Platform] = {}
    for p in all_platforms():
        for host in (*p.hosts, *p.short_hosts, *p.mirror_hosts):
            table[host] = p
    return table


@cache
def _excluded() -> frozenset[str]:
    return frozenset(h for p in all_platforms() for h in p.excluded_hosts)


def platform(platform_id: str) -> Platform:
    """The platform with this registry id; :class:`InvalidValue` for an unknown id."""
    try:
        return _by_id()[platform_id]
    except KeyError:
        raise InvalidValue("platform", f"{platform_id!r} is not a platform id") from None


def resolve_platform_name(raw: str) -> Platform:
    """The platform a person meant by ``raw`` ("Twitter/X", " insta ", "FB", "www.tiktok.com")."""
    squashed = _squash(raw)
    found = _by_alias().get(squashed)
    if found is None and "." in raw:  # a host or URL typed in the platform box
        host = re.sub(r"^[a-z]+://", "", raw.strip().casefold()).split("/", 1)[0]
        found = platform_for_host(host)
    if found is None:
        known = ", ".join(p.id for p in all_platforms())
        shown = raw.strip()
        problem = "is empty" if not squashed else f"{shown!r} is not a known platform"
        raise InvalidValue("platform", f"{problem}; known: {known}")
    return found


def _strip_www(host: str) -> str:
    return re.sub(r"^www\d*\.", "", host.lower().rstrip("."))


def platform_for_host(host: str) -> Platform | None:
    """The platform serving ``host``, its sub-domains included; ``None`` for other sites.

    ``www.`` is ignored; a host listed as excluded (``music.youtube.com``, ``help.x.com``) and
    its sub-domains are not the platform's content.
    """
    host = _strip_www(host)
    table, excluded = _by_host(), _excluded()
    labels = host.split(".")
    for i in range(len(labels) - 1):
        candidate = ".".join(labels[i:])
        if candidate in excluded:
            return None
        if candidate in table:
            return table[candidate]
    return None


def is_mirror_host(host: str) -> bool:
    """A third-party front-end (fxtwitter.com, nitter.net) rather than the platform itself."""
    host = _strip_www(host)
    return any(host == m or host.endswith("." + m) for p in all_platforms() for m in p.mirror_hosts)


def is_short_host(host: str) -> bool:
    """A link shortener (generic, or a platform's own such as t.co): the target is unknown."""
    host = _strip_www(host)
    if host in _registry().shorteners:
        return True
    return any(host in p.short_hosts for p in all_platforms())


def link_wrappers() -> tuple[LinkWrapper, ...]:
    """Redirect pages whose real target is in the query string."""
    return _registry().wrappers


def is_tracking_param(name: str, platform_id: str | None = None) -> bool:
    """A query parameter that never identifies content (``utm_source``, ``fbclid``, X's ``s``)."""
    lowered = name.lower()
    registry = _registry()
    if lowered in registry.tracking or lowered.startswith(registry.tracking_prefixes):
        return True
    return platform_id is not None and lowered in registry.platform_tracking.get(
        platform_id, frozenset()
    )
