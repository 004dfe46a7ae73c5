"""Evidence features for a pair of accounts; each returns :class:`Evidence` (what was compared,
the agreement level, the weight in bits) or nothing when the feature cannot be compared.

Identifiers (email, phone) are decisive unless many accounts share them; a shared IP is weak,
time-aware and frequency-aware, and capped so it never links on its own; handles are compared
as skeletons (separators and ``real``/``official``/``the`` affixes stripped, digits split off);
names are frequency-aware so a common name weighs little.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from functools import lru_cache

from jellyfish import jaro_winkler_similarity
from rapidfuzz import fuzz

from graph.identity.behaviour import (
    behaviour_tables,
    hours_evidence,
    mention_evidence,
    text_evidence,
    victims_evidence,
)
from graph.identity.evidence import (
    Evidence,
    HandleForm,
    abbreviates,
    band,
    handle_forms,
    name_key,
)
from graph.identity.frequency import Frequencies, FrequencyTable, frequency_weight
from graph.identity.models import AccountRecord
from graph.identity.policy import LinkagePolicy


def account_frequencies(records: Iterable[AccountRecord], policy: LinkagePolicy) -> Frequencies:
    """Frequency tables over all accounts being linked (one pass)."""
    records = list(records)
    fields: dict[str, list[list[str]]] = {
        k: [] for k in ("email", "phone", "ip", "skeleton", "name", "incident")
    }
    for r in records:
        fields["email"].append(list(r.emails))
        fields["phone"].append(list(r.phones))
        fields["ip"].append([s.ip for s in r.ips])
        forms = handle_forms(r.handle, policy.handle_prefixes, policy.handle_suffixes)
        fields["skeleton"].append([f.skeleton for f in forms])
        names = [name_key(n) for n in (r.display_name, *r.registered_names) if n]
        fields["name"].append(names)
        fields["incident"].append(list(r.incidents))
    fields.update(behaviour_tables(records))
    return Frequencies({k: FrequencyTable.of(v) for k, v in fields.items()})


def _shared_identifier(
    feature: str,
    left: Sequence[str],
    right: Sequence[str],
    freq: Frequencies,
    params: Mapping[str, float],
) -> list[Evidence]:
    shared = sorted(set(left) & set(right))
    if not shared:
        return []
    best = max(shared, key=lambda v: (frequency_weight(params, freq.count(feature, v)), v))
    n = freq.count(feature, best)
    note = f"held by {n} accounts" + (f"; {len(shared)} shared" if len(shared) > 1 else "")
    weight = frequency_weight(params, n)
    return [Evidence(feature, best, best, "shared", weight, note, band(n, params["typical"]))]


def email_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    return _shared_identifier("email", a.emails, b.emails, freq, policy.feature("accounts.email"))


def phone_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    return _shared_identifier("phone", a.phones, b.phones, freq, policy.feature("accounts.phone"))


def _closest_hours(left: list[datetime | None], right: list[datetime | None]) -> float | None:
    gaps = [abs((x - y).total_seconds()) / 3600 for x in left for y in right if x and y]
    return min(gaps) if gaps else None


def ip_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """One item per shared IP; the total is capped at ``max_total`` so IPs alone never link."""
    params = policy.feature("accounts.ip")
    shared = sorted({s.ip for s in a.ips} & {s.ip for s in b.ips})
    out: list[Evidence] = []
    budget = params["max_total"]
    for ip in shared:
        n = freq.count("ip", ip)
        weight = frequency_weight(params, n)
        gap = _closest_hours(
            [s.at for s in a.ips if s.ip == ip], [s.at for s in b.ips if s.ip == ip]
        )
        if gap is not None and gap <= params["window_hours"]:
            level, note = "same_window", f"seen {gap:.1f} h apart; used by {n} accounts"
        else:
            weight *= params["stale_factor"]
            when = "time unknown" if gap is None else f"seen {gap:.0f} h apart"
            level, note = "outside_window", f"{when}; used by {n} accounts"
        weight = min(weight, budget)
        budget -= weight
        out.append(Evidence("ip", ip, ip, level, weight, note))
    return out


def profile_link_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    params = policy.feature("accounts.profile_link")
    ab, ba = b.key in a.profile_links, a.key in b.profile_links
    if not (ab or ba):
        return []
    if ab and ba:
        return [
            Evidence(
                "profile_link",
                a.key,
                b.key,
                "both_ways",
                params["both_ways"],
                "each profile links to the other",
            )
        ]
    src, dst = (a.key, b.key) if ab else (b.key, a.key)
    return [
        Evidence(
            "profile_link",
            src,
            dst,
            "one_way",
            params["one_way"],
            f"profile of {src} links to {dst}",
        )
    ]


def _skeleton_level(x: HandleForm, y: HandleForm, p: Mapping[str, float]) -> tuple[str, float]:
    if not x.skeleton or not y.skeleton:
        return "no_letters", 0.0
    if x.skeleton == y.skeleton:
        return "skeleton_exact", p["skeleton_exact"]
    if abbreviates(x.skeleton, y.skeleton):
        return "skeleton_abbreviated", p["skeleton_abbreviated"]
    ratio = fuzz.ratio(x.skeleton, y.skeleton)
    if ratio >= p["typo_ratio"]:
        return "skeleton_typo", p["skeleton_typo"]
    if ratio >= p["close_ratio"]:
        return "skeleton_close", p["skeleton_close"]
    if ratio < p["different_ratio"]:
        return "skeleton_different", p["skeleton_different"]
    return "skeleton_unclear", 0.0


def _digits_level(x: HandleForm, y: HandleForm, p: Mapping[str, float]) -> tuple[str, float]:
    if not x.digits and not y.digits:
        return "no_digits", 0.0
    if not x.digits or not y.digits:
        return "digits_one_missing", p["digits_one_missing"]
    if x.digits == y.digits:
        return "digits_agree", p["digits_agree"]
    return "digits_disagree", p["digits_disagree"]


@lru_cache(maxsize=1 << 18)
def _name_spellings(names: tuple[str | None, ...]) -> frozenset[str]:
    """Skeletons a handle built from these names would have (johnsmith, jsmith, smithjohn,
    johns, john, smith)."""
    out: set[str] = set()
    for name in names:
        tokens = name_key(name).split() if name else []
        for t in tokens:
            out.add(t)
            for u in tokens:
                if u != t:
                    out.update((t + u, t[0] + u, t + u[0]))
    return frozenset(out)


def _spells(skeleton: str, record: AccountRecord) -> bool:
    """The skeleton is (nearly: typos, an affix) one of the record's name spellings."""
    names = _name_spellings((record.display_name, *record.registered_names))
    return any(fuzz.ratio(skeleton, n) >= 85 for n in names)


def handle_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    """The best agreement over the handles' comparison forms. Positive skeleton weights are
    frequency-aware: a stem many accounts use ("john") weighs less."""
    p = policy.feature("accounts.handle")
    best: tuple[float, str, str, HandleForm, HandleForm] | None = None
    skeleton_band = ""
    for x in handle_forms(a.handle, policy.handle_prefixes, policy.handle_suffixes):
        for y in handle_forms(b.handle, policy.handle_prefixes, policy.handle_suffixes):
            s_level, s_weight = _skeleton_level(x, y, p)
            if s_weight > 0:
                n = min(freq.count("skeleton", x.skeleton), freq.count("skeleton", y.skeleton))
                s_weight = frequency_weight(p, n, full=s_weight)
            d_level, d_weight = _digits_level(x, y, p)
            total = s_weight + d_weight
            if best is None or total > best[0]:
                best = (total, s_level, d_level, x, y)
    assert best is not None
    total, s_level, d_level, x, y = best
    notes = [f"{x.skeleton}+{x.digits or '-'} vs {y.skeleton}+{y.digits or '-'}"]
    s_weight = total - _digits_level(x, y, p)[1]
    if s_weight > 0:
        n = min(freq.count("skeleton", x.skeleton), freq.count("skeleton", y.skeleton))
        skeleton_band = band(n, p["typical"])
    spelled = s_weight > 0 and _spells(x.skeleton, a) and _spells(y.skeleton, b)
    if spelled:
        # The handles spell the accounts' names: the name features already count that
        # agreement, and two people with one name pick the same handle; count it once.
        total -= s_weight * (1.0 - p["name_derived_factor"])
        notes.append(f"handles spell the names: skeleton weight x{p['name_derived_factor']}")
    notes += [
        f"{side} {f.stripped} removed" for side, f in (("left", x), ("right", y)) if f.stripped
    ]
    level = f"{s_level}/{d_level}" + ("/spells_names" if spelled else "")
    return [Evidence("handle", a.handle, b.handle, level, total, "; ".join(notes), skeleton_band)]


def _name_level(x: str, y: str, p: Mapping[str, float], n: int, jaro: bool) -> tuple[str, float]:
    if x == y:
        return "exact", frequency_weight(p, n, full=p["exact"])
    if jaro:
        sim = jaro_winkler_similarity(x, y)
        close, different = p["close_jaro"], p["different_jaro"]
    else:
        sim = fuzz.token_sort_ratio(x, y)
        close, different = p["close_ratio"], p["different_ratio"]
    if sim >= close:
        return "close", frequency_weight(p, n, full=p["close"])
    if sim < different:
        return "different", p["different"]
    return "unclear", 0.0


def _best_name(
    feature: str,
    table: str,
    lefts: Iterable[str],
    rights: Iterable[str],
    freq: Frequencies,
    p: Mapping[str, float],
    jaro: bool,
) -> list[Evidence]:
    best: Evidence | None = None
    for raw_x in lefts:
        for raw_y in rights:
            x, y = name_key(raw_x), name_key(raw_y)
            if not x or not y:
                continue
            n = min(freq.count(table, x), freq.count(table, y))
            level, weight = _name_level(x, y, p, n, jaro)
            if best is None or weight > best.weight:
                rarity = band(n, p["typical"]) if level in ("exact", "close") else ""
                note = f"name held by {n} accounts"
                best = Evidence(feature, raw_x, raw_y, level, weight, note, rarity)
    return [best] if best else []


def display_name_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    if not a.display_name or not b.display_name:
        return []
    return _best_name(
        "display_name",
        "name",
        [a.display_name],
        [b.display_name],
        freq,
        policy.feature("accounts.display_name"),
        jaro=False,
    )


def registered_name_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    return _best_name(
        "registered_name",
        "name",
        a.registered_names,
        b.registered_names,
        freq,
        policy.feature("accounts.registered_name"),
        jaro=True,
    )


def _shared_behaviour(
    feature: str,
    table: str,
    left: frozenset[str],
    right: frozenset[str],
    freq: Frequencies,
    p: Mapping[str, float],
) -> list[Evidence]:
    shared = sorted(left & right)
    if not shared:
        return []
    weights = {v: frequency_weight(p, freq.count(table, v)) for v in shared}
    total = min(p["max_total"], sum(weights.values()))
    shown = ", ".join(shared[:5]) + (" ..." if len(shared) > 5 else "")
    note = "; ".join(f"{v}: {freq.count(table, v)} accounts" for v in shared[:5])
    rarest = band(min(freq.count(table, v) for v in shared), p["typical"])
    level = "one_shared" if len(shared) == 1 else "several_shared"
    return [Evidence(feature, shown, shown, level, total, note, rarest)]


def incident_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> list[Evidence]:
    return _shared_behaviour(
        "same_incidents",
        "incident",
        a.incidents,
        b.incidents,
        freq,
        policy.feature("accounts.incidents"),
    )


FEATURES = (
    email_evidence,
    phone_evidence,
    profile_link_evidence,
    ip_evidence,
    handle_evidence,
    display_name_evidence,
    registered_name_evidence,
    victims_evidence,
    incident_evidence,
    text_evidence,
    mention_evidence,
    hours_evidence,
)


def account_evidence(
    a: AccountRecord, b: AccountRecord, freq: Frequencies, policy: LinkagePolicy
) -> tuple[Evidence, ...]:
    """Every feature's evidence for the pair, in a fixed order."""
    return tuple(e for feature in FEATURES for e in feature(a, b, freq, policy))
