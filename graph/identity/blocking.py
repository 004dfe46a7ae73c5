"""Blocking: candidate pairs from shared keys, never all pairs.

Keys (strings, so a store could index them):

- ``email|v``, ``phone|v``, ``ip|v``: a shared disclosed value;
- ``hs|skeleton``: the handle skeleton (and its affix-stripped forms);
- ``hp|first n|digits`` and ``hx|last n|digits``: the skeleton's ends with the digits (one typo
  rarely hits both ends);
- ``hi|initial+tail|digits``: first letter, last five letters and the digits (``jsmith88``
  meets ``johnsmith88``);
- ``nm|metaphone(first)|metaphone(last)``: phonetic key of a registered (disclosed) name.

Profile links give their pair directly. The cap: a block with more than ``max_block_size``
members is *not* expanded (the policy file explains why) and is listed in
:attr:`Blocking.oversized`; one NAT address or one common name therefore costs nothing, and
the pairs behind it are found through their rarer keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from jellyfish import metaphone

from graph.identity.evidence import handle_forms, name_key
from graph.identity.models import AccountRecord
from graph.identity.policy import LinkagePolicy


@dataclass(frozen=True, slots=True)
class Blocking:
    """Candidate pairs (sorted, ``left < right``) and the blocks skipped for size."""

    pairs: tuple[tuple[str, str], ...]
    oversized: Mapping[str, int]


def name_keys(name: str) -> list[str]:
    tokens = name_key(name).split()
    if not tokens:
        return []
    codes = sorted(metaphone(t) or t for t in tokens)
    return ["nm|" + "|".join(codes)] if len(codes) > 1 else []


def account_keys(record: AccountRecord, policy: LinkagePolicy) -> list[str]:
    """Every blocking key of one account, without duplicates."""
    keys = [f"email|{v}" for v in record.emails] + [f"phone|{v}" for v in record.phones]
    keys += [f"ip|{s.ip}" for s in record.ips]
    n = policy.handle_affix_chars
    for form in handle_forms(record.handle, policy.handle_prefixes, policy.handle_suffixes):
        sk = form.skeleton
        if len(sk) >= 3:
            keys.append(f"hs|{sk}")
        if len(sk) > n:
            keys += [f"hp|{sk[:n]}|{form.digits}", f"hx|{sk[-n:]}|{form.digits}"]
        if len(sk) >= 6:
            keys.append(f"hi|{sk[0]}{sk[-5:]}|{form.digits}")
    for name in record.registered_names:  # display names are self-chosen: too weak to block on
        keys += name_keys(name)
    return list(dict.fromkeys(keys))


def block(
    keys_of: Mapping[str, Sequence[str]],
    max_block_size: int,
    direct: Iterable[tuple[str, str]] = (),
) -> Blocking:
    """Pairs of records sharing a key, from blocks of at most ``max_block_size`` records,
    plus ``direct`` pairs (e.g. profile links)."""
    blocks: dict[str, list[str]] = {}
    for record_key, keys in keys_of.items():
        for k in keys:
            blocks.setdefault(k, []).append(record_key)
    pairs: set[tuple[str, str]] = set()
    oversized: dict[str, int] = {}
    for k, members in blocks.items():
        if len(members) > max_block_size:
            oversized[k] = len(members)
            continue
        for x, y in combinations(sorted(set(members)), 2):
            pairs.add((x, y))
    for x, y in direct:
        if x != y and x in keys_of and y in keys_of:
            pairs.add((min(x, y), max(x, y)))
    return Blocking(tuple(sorted(pairs)), dict(sorted(oversized.items())))


def block_accounts(records: Sequence[AccountRecord], policy: LinkagePolicy) -> Blocking:
    """Candidate pairs of accounts."""
    links = [(r.key, t) for r in records for t in r.profile_links]
    return block({r.key: account_keys(r, policy) for r in records}, policy.max_block_size, links)
