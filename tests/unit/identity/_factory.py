"""Small builders for identity tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph.identity.models import AccountRecord, IpSighting

T0 = datetime(2026, 6, 1, 12, tzinfo=UTC)


def acct(
    key: str,
    *,
    display: str | None = None,
    names: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    phones: tuple[str, ...] = (),
    ips: tuple[tuple[str, float], ...] = (),
    links: tuple[str, ...] = (),
    victims: tuple[str, ...] = (),
) -> AccountRecord:
    """An account from ``"platform|handle"``; ``ips`` are (ip, hours after T0)."""
    platform, handle = key.split("|", 1)
    return AccountRecord(
        key=key,
        platform=platform,
        handle=handle,
        display_name=display,
        registered_names=names,
        emails=emails,
        phones=phones,
        ips=tuple(IpSighting(ip, T0 + timedelta(hours=h)) for ip, h in ips),
        profile_links=links,
        victims=frozenset(victims),
    )


def filler(n: int) -> list[AccountRecord]:
    """Unrelated accounts, so frequency tables look like a real population."""
    return [acct(f"x|user{i:05d}q", display=f"Person {i}") for i in range(n)]
