"""Campaigns: groups of accounts that target the same victims within a time window.

Accounts and victims form a bipartite graph (an edge when a report names the account as the
suspect and the person as its victim). A campaign is a connected component with at least
``min_accounts`` accounts and ``min_victims`` victims in which every victim was targeted by at
least two of its accounts, so one account's unrelated targets do not chain groups together.
Pure: the caller supplies the edges (``queries/intel/co_targeting.cypher``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Targeting:
    account: str
    victim: str
    reports: int


@dataclass(frozen=True, slots=True)
class Campaign:
    accounts: tuple[str, ...]
    victims: tuple[str, ...]
    reports: int


def find_campaigns(
    edges: Iterable[Targeting], min_accounts: int = 3, min_victims: int = 2
) -> list[Campaign]:
    edges = list(edges)
    attackers: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        attackers[edge.victim].add(edge.account)
    shared = {v for v, accounts in attackers.items() if len(accounts) >= 2}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    kept = [e for e in edges if e.victim in shared]
    for edge in kept:
        parent[find("a:" + edge.account)] = find("v:" + edge.victim)
    groups: dict[str, list[Targeting]] = defaultdict(list)
    for edge in kept:
        groups[find("a:" + edge.account)].append(edge)
    campaigns = []
    for group in groups.values():
        accounts = tuple(sorted({e.account for e in group}))
        victims = tuple(sorted({e.victim for e in group}))
        if len(accounts) >= min_accounts and len(victims) >= min_victims:
            campaigns.append(Campaign(accounts, victims, sum(e.reports for e in group)))
    return sorted(campaigns, key=lambda c: (-len(c.accounts), c.accounts))
