"""The platform registry: ids, what people type for them, hosts, and removal contacts.

Data in ``graph/reference/data/platforms.toml``. People type "X", "twitter", "Insta",
"FACEBOOK"; :func:`resolve_platform_name` maps them to a lowercase id, ignoring case, spacing
and punctuation.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from graph.errors import InvalidValue
from graph.reference.forces import data_file


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    company: str
    removal_contact: str
    contact_verified: bool
    aliases: tuple[str, ...]
    hosts: tuple[str, ...]
    short_hosts: tuple[str, ...]


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-()/.]+", "", text.casefold())


@cache
def _registry() -> tuple[tuple[Platform, ...], frozenset[str]]:
    data = tomllib.loads(data_file("platforms.toml"))
    platforms = tuple(
        Platform(
            id=p["id"],
            name=p["name"],
            company=p["company"],
            removal_contact=p["removal_contact"],
            contact_verified=p["verified"],
            aliases=tuple(p["aliases"]),
            hosts=tuple(p["hosts"]),
            short_hosts=tuple(p["short_hosts"]),
        )
        for p in data["platform"]
    )
    return platforms, frozenset(data["shorteners"]["hosts"])


def all_platforms() -> tuple[Platform, ...]:
    return _registry()[0]


@cache
def _by_id() -> dict[str, Platform]:
    return {p.id: p for p in all_platforms()}


@cache
def _by_alias() -> dict[str, Platform]:
    table: dict[str, Platform] = {}
    for platform in all_platforms():
        for alias in (platform.id, platform.name, *platform.aliases):
            table.setdefault(_squash(alias), platform)
    return table


@cache
def _by_host() -> dict[str, Platform]:
    return {host: p for p in all_platforms() for host in (*p.hosts, *p.short_hosts)}


def platform(platform_id: str) -> Platform:
    try:
        return _by_id()[platform_id]
    except KeyError:
        raise InvalidValue("platform", f"{platform_id!r} is not a platform id") from None


def resolve_platform_name(raw: str) -> Platform:
    """The platform a person meant by ``raw`` ("Twitter/X", " insta ", "FB")."""
    found = _by_alias().get(_squash(raw))
    if found is None:
        known = ", ".join(p.id for p in all_platforms())
        raise InvalidValue("platform", f"{raw.strip()!r} is not a known platform; known: {known}")
    return found


def platform_for_host(host: str) -> Platform | None:
    """The platform serving ``host`` (``www.`` ignored); ``None`` for other sites."""
    host = host.lower().removeprefix("www.")
    return _by_host().get(host)


def is_short_host(host: str) -> bool:
    """A link shortener (generic, or a platform's own such as t.co): the target is unknown."""
    host = host.lower().removeprefix("www.")
    if host in _registry()[1]:
        return True
    found = _by_host().get(host)
    return found is not None and host in found.short_hosts
