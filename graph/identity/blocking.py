"""Blocking: candidate pairs from shared keys, never all pairs.

Keys (strings, so a store could index them):

- ``email|v``, ``phone|v``, ``ip|v``: a shared disclosed value;
- ``hs|skeleton``: the handle skeleton (and its affix-stripped forms);
- ``hp|first n|digits`` and ``hx|last n|digits``: the skeleton's ends with the digits (one typo
  rarely hits both ends);
- ``hi|initial+tail|digits``: first letter, last five letters and the digits (``jsmith88``
  meets ``johnsmith88``);
- ``hd|skeleton`` and ``hd|skeleton less one letter``: a skeleton of six letters or more and
  every form of it with one letter deleted, so one typo (a dropped, swapped or changed letter:
  ``peterrobinson`` and ``peter_robinsn``) still meets;
- ``nm|metaphone(first)|metaphone(last)``: phonetic key of a registered (disclosed) name;
- ``tx|shingle``: a word 3-gram of a post (the same text posted from both);
- ``vd|victim|slot``: a victim targeted in a three-day slot (and the next slot, so two posts
  days apart across a slot boundary still meet);
- ``vi|victim``: a victim both accounts targeted, on any days (a victim targeted by
  thousands is an oversized block and costs nothing);
- ``in|incident``: an incident both accounts were reported in together.

The last three were added for the harder generator (hub issue 26): a tenth of its true pairs
shared no other key, though many were reported together or went after the same victim weeks
apart, or differed from a common handle by one typo.

Profile links and mentions (``@handle`` in a post, matched on the folded handle) give their
pair directly. The cap: a block with more than ``max_block_size``
members is *not* expanded (the policy file explains why) and is listed in
:attr:`Blocking.oversized`; one NAT address or one common name therefore costs nothing, and
the pairs behind it are found through their rarer keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from jellyfish import metaphone

from graph.identity.behaviour import account_mentions, account_shingles
from graph.identity.evidence import flat_handle, handle_forms, name_key
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


def account_keys(record: AccountRecord, policy: LinkagePolicy, behaviour: bool = True) -> list[str]:
    """Every blocking key of one account, without duplicates (``behaviour=False``: only the
    identity keys, without shared text and victim days)."""
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
            keys += [f"hd|{sk}", *(f"hd|{sk[:i]}{sk[i + 1 :]}" for i in range(len(sk)))]
    for name in record.registered_names:  # display names are self-chosen: too weak to block on
        keys += name_keys(name)
    if not behaviour:
        return list(dict.fromkeys(keys))
    keys += [f"in|{i}" for i in sorted(record.incidents)]
    keys += [f"vi|{v}" for v in sorted(record.victims)]
    keys += [f"tx|{s}" for s in sorted(account_shingles(record))]
    for post in record.posts:
        if post.victim and post.at:
            slot = int(post.at.timestamp() // _SLOT_SECONDS)
            keys += [f"vd|{post.victim}|{slot}", f"vd|{post.victim}|{slot + 1}"]
    return list(dict.fromkeys(keys))


_SLOT_SECONDS = 3 * 86_400


def mention_pairs(records: Sequence[AccountRecord]) -> list[tuple[str, str]]:
    """Pairs of an account and each account whose (folded) handle its posts mention."""
    by_handle: dict[str, list[str]] = {}
    for r in records:
        by_handle.setdefault(flat_handle(r.handle), []).append(r.key)
    return [
        (r.key, other)
        for r in records
        for m in sorted(account_mentions(r))
        for other in by_handle.get(m, ())
    ]


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


def block_accounts(
    records: Sequence[AccountRecord], policy: LinkagePolicy, behaviour: bool = True
) -> Blocking:
    """Candidate pairs of accounts (``behaviour=False``: from identity keys and profile links
    only, the pairs weights are estimated on)."""
    links = [(r.key, t) for r in records for t in r.profile_links]
    if behaviour:
        links += mention_pairs(records)
    keys = {r.key: account_keys(r, policy, behaviour) for r in records}
    return block(keys, policy.max_block_size, links)
