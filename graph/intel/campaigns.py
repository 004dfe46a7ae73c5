"""Campaigns: groups of accounts that target the same victims within a time window.

Accounts and victims form a bipartite graph (an edge when a report names the account as the
suspect and the person as its victim; a victim is an identity, see
``queries/intel/co_targeting.cypher``, and for hub staff ``co_targeting_counted.cypher``, which
reads the counts kept for victims and gives only the links to victims two accounts targeted).
Only victims targeted by at least two accounts link accounts, so one account's unrelated
targets do not chain groups together. Two methods:

- :func:`find_campaigns`: connected components of that graph. Simple and explainable, but one
  account that also joined another pile-on merges two campaigns into one.
- :func:`find_communities`: Louvain modularity communities (networkx) of the account-account
  co-targeting graph, each pair weighted by the victims it shares, with a fixed seed so the
  same edges always give the same campaigns. A weak link between two dense groups leaves two.

A campaign keeps ``min_accounts`` accounts and ``min_victims`` victims or more, a victim
counting when at least two of the campaign's accounts targeted it. Pure: the caller supplies
the edges.
"""

from __future__ import annotations

import enum
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from graph.errors import InvalidValue

MODULARITY_SEED = 7  # any fixed value: Louvain visits nodes in random order
MAX_PAIRS = 200_000  # account pairs the modularity method will weigh (Louvain is superlinear)


class CampaignMethod(enum.StrEnum):
    """How campaigns are found: :func:`find_campaigns` or :func:`find_communities`."""

    COMPONENTS = "COMPONENTS"
    MODULARITY = "MODULARITY"


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


def _shared_victims(edges: Iterable[Targeting]) -> dict[str, set[str]]:
    """Each victim targeted by two accounts or more, with those accounts."""
    attackers: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        attackers[edge.victim].add(edge.account)
    return {v: accounts for v, accounts in attackers.items() if len(accounts) >= 2}


def _campaigns(
    edges: list[Targeting],
    group_of: Mapping[str, int],
    shared: Mapping[str, set[str]],
    min_accounts: int,
    min_victims: int,
) -> list[Campaign]:
    """Campaigns from a grouping of accounts: a group's victims are those at least two of its
    accounts targeted; its reports are its accounts' reports against those victims."""
    victims_of: dict[int, set[str]] = defaultdict(set)
    for victim, accounts in shared.items():
        counts = Counter(group_of[a] for a in accounts if a in group_of)
        for group, n in counts.items():
            if n >= 2:
                victims_of[group].add(victim)
    accounts_of: dict[int, set[str]] = defaultdict(set)
    for account, group in group_of.items():
        accounts_of[group].add(account)
    reports: Counter[int] = Counter()
    for edge in edges:
        of_edge = group_of.get(edge.account)
        if of_edge is not None and edge.victim in victims_of[of_edge]:
            reports[of_edge] += edge.reports
    campaigns = [
        Campaign(tuple(sorted(accounts)), tuple(sorted(victims_of[g])), reports[g])
        for g, accounts in accounts_of.items()
        if len(accounts) >= min_accounts and len(victims_of[g]) >= min_victims
    ]
    return sorted(campaigns, key=lambda c: (-len(c.accounts), c.accounts))


def find_campaigns(
    edges: Iterable[Targeting], min_accounts: int = 3, min_victims: int = 2
) -> list[Campaign]:
    """Connected components of the accounts and their shared victims."""
    edges = list(edges)
    shared = _shared_victims(edges)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for victim, accounts in shared.items():
        for account in accounts:
            parent[find("a:" + account)] = find("v:" + victim)
    roots: dict[str, int] = {}
    group_of = {
        a: roots.setdefault(find("a:" + a), len(roots))
        for a in sorted({a for accounts in shared.values() for a in accounts})
    }
    return _campaigns(edges, group_of, shared, min_accounts, min_victims)


def find_communities(
    edges: Iterable[Targeting],
    min_accounts: int = 3,
    min_victims: int = 2,
    seed: int = MODULARITY_SEED,
) -> list[Campaign]:
    """Louvain communities of the account-account graph weighted by shared victims."""
    edges = list(edges)
    shared = _shared_victims(edges)
    pairs = sum(len(a) * (len(a) - 1) // 2 for a in shared.values())
    if pairs > MAX_PAIRS:
        raise InvalidValue(
            "method",
            f"MODULARITY would weigh {pairs} account pairs (at most {MAX_PAIRS}): narrow "
            "since/until or use COMPONENTS",
        )
    weights: Counter[tuple[str, str]] = Counter()
    for accounts in shared.values():
        weights.update(combinations(sorted(accounts), 2))
    co_targeting = nx.Graph()
    co_targeting.add_weighted_edges_from(sorted((a, b, w) for (a, b), w in weights.items()))
    communities = nx.community.louvain_communities(co_targeting, weight="weight", seed=seed)
    ordered = sorted(sorted(c) for c in communities)  # group numbers independent of set order
    group_of = {account: g for g, members in enumerate(ordered) for account in members}
    return _campaigns(edges, group_of, shared, min_accounts, min_victims)
