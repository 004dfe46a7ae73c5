"""The same linkage machinery for people named in reports (victims, suspects, witnesses): find
repeat victims and repeat offenders across reports.

Features (policy section ``people.*``): given name and surname (Jaro-Winkler, frequency-aware),
date of birth (exact; one digit wrong or day/month swapped; same year), postcode, address,
locality, shared email or phone, official id numbers. Missing values give no evidence. Blocking
keys: phonetic surname with the given name's initial, date of birth, postcode with the
surname's initial, id numbers, emails, phones, capped like account blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime

from jellyfish import jaro_winkler_similarity, metaphone
from rapidfuzz import fuzz

from graph.identity.blocking import block
from graph.identity.evidence import Evidence, fold, name_key
from graph.identity.frequency import Frequencies, FrequencyTable, frequency_weight
from graph.identity.judgements import JudgementLog
from graph.identity.linker import LinkRun, conclude
from graph.identity.models import PersonRecord
from graph.identity.policy import LinkagePolicy, default_policy
from graph.identity.scoring import PairScore, score_evidence


def _digits(text: str | None) -> str:
    return "".join(c for c in text or "" if c.isalnum()).lower()


def near_code(x: str, y: str) -> bool:
    """One character wrong, or two adjacent characters swapped (same length)."""
    if len(x) != len(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) == 1:
        return True
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, k = diff
    return x[i] == y[k] and x[k] == y[i]


def person_frequencies(records: Iterable[PersonRecord]) -> Frequencies:
    given: list[list[str]] = []
    surname: list[list[str]] = []
    email: list[list[str]] = []
    phone: list[list[str]] = []
    for r in records:
        given.append([name_key(r.given_name)] if r.given_name else [])
        surname.append([name_key(r.surname)] if r.surname else [])
        email.append(list(r.emails))
        phone.append(list(r.phones))
    return Frequencies(
        {
            "given": FrequencyTable.of(given),
            "surname": FrequencyTable.of(surname),
            "email": FrequencyTable.of(email),
            "phone": FrequencyTable.of(phone),
        }
    )


def _name(
    feature: str,
    table: str,
    x: str | None,
    y: str | None,
    freq: Frequencies,
    p: Mapping[str, float],
) -> list[Evidence]:
    if not x or not y:
        return []
    kx, ky = name_key(x), name_key(y)
    if not kx or not ky:
        return []
    n = min(freq.count(table, kx), freq.count(table, ky))
    if kx == ky:
        level, weight = "exact", frequency_weight(p, n, full=p["exact"])
    else:
        sim = jaro_winkler_similarity(kx, ky)
        if sim >= p["close_jaro"]:
            level, weight = "close", frequency_weight(p, n, full=p["close"])
        elif sim < p["different_jaro"]:
            level, weight = "different", p["different"]
        else:
            level, weight = "unclear", 0.0
    return [Evidence(feature, x, y, level, weight, f"held by {n} records")]


def _code(
    feature: str, x: str | None, y: str | None, p: Mapping[str, float], *, dob: bool = False
) -> list[Evidence]:
    cx, cy = _digits(x), _digits(y)
    if not cx or not cy:
        return []
    if cx == cy:
        return [Evidence(feature, x or "", y or "", "exact", p["exact"])]
    swapped = dob and len(cx) == len(cy) == 8 and cx[:4] + cx[6:8] + cx[4:6] == cy
    if near_code(cx, cy) or swapped:
        note = "day and month swapped" if swapped else "one character wrong or two swapped"
        return [Evidence(feature, x or "", y or "", "close", p["close"], note)]
    if dob and cx[:4] == cy[:4]:
        return [Evidence(feature, x or "", y or "", "same_year", p["same_year"])]
    return [Evidence(feature, x or "", y or "", "different", p["different"])]


def _text(
    feature: str, x: str | None, y: str | None, p: Mapping[str, float], *, jaro: bool
) -> list[Evidence]:
    if not x or not y:
        return []
    fx, fy = fold(x), fold(y)
    if fx == fy:
        return [Evidence(feature, x, y, "exact", p["exact"])]
    if jaro:
        sim, close, different = (
            jaro_winkler_similarity(fx, fy),
            p["close_jaro"],
            p["different_jaro"],
        )
    else:
        sim, close, different = (
            fuzz.token_sort_ratio(fx, fy),
            p["close_ratio"],
            p["different_ratio"],
        )
    if sim >= close:
        return [Evidence(feature, x, y, "close", p["close"], f"similarity {sim:.2f}")]
    if sim < different:
        return [Evidence(feature, x, y, "different", p["different"], f"similarity {sim:.2f}")]
    return []


def _shared(
    feature: str, xs: Sequence[str], ys: Sequence[str], freq: Frequencies, p: Mapping[str, float]
) -> list[Evidence]:
    shared = sorted(set(xs) & set(ys))
    if not shared:
        return []
    v = shared[0]
    n = freq.count(feature, v)
    return [Evidence(feature, v, v, "shared", frequency_weight(p, n), f"held by {n} records")]


def _id_numbers(xs: Sequence[str], ys: Sequence[str], p: Mapping[str, float]) -> list[Evidence]:
    if not xs or not ys:
        return []
    found = [e for x in xs for y in ys for e in _code("id_number", x, y, p)]
    return [max(found, key=lambda e: e.weight)] if found else []


def person_evidence(
    a: PersonRecord, b: PersonRecord, freq: Frequencies, policy: LinkagePolicy
) -> tuple[Evidence, ...]:
    f = policy.feature
    return tuple(
        _name("given_name", "given", a.given_name, b.given_name, freq, f("people.given_name"))
        + _name("surname", "surname", a.surname, b.surname, freq, f("people.surname"))
        + _code(
            "date_of_birth", a.date_of_birth, b.date_of_birth, f("people.date_of_birth"), dob=True
        )
        + _code("postcode", a.postcode, b.postcode, f("people.postcode"))
        + _text("address", a.address, b.address, f("people.address"), jaro=False)
        + _text("locality", a.locality, b.locality, f("people.locality"), jaro=True)
        + _shared("email", a.emails, b.emails, freq, f("people.email"))
        + _shared("phone", a.phones, b.phones, freq, f("people.phone"))
        + _id_numbers(a.id_numbers, b.id_numbers, f("people.id_number"))
    )


def score_people(
    a: PersonRecord, b: PersonRecord, freq: Frequencies, policy: LinkagePolicy
) -> PairScore:
    return score_evidence(a.key, b.key, person_evidence(a, b, freq, policy), policy)


def person_keys(r: PersonRecord) -> list[str]:
    """Blocking keys of one named person."""
    keys: list[str] = []
    sur = name_key(r.surname or "").replace(" ", "")
    given = name_key(r.given_name or "").replace(" ", "")
    if sur:
        keys.append(f"sn|{metaphone(sur) or sur}|{given[:1]}")
    if given and sur:
        keys.append(f"gs|{metaphone(given) or given}|{sur[:1]}")
    dob = _digits(r.date_of_birth)
    if dob:
        keys.append(f"dob|{dob}")
    pc = _digits(r.postcode)
    if pc:
        keys.append(f"pc|{pc}|{sur[:1]}")
        keys.append(f"pcg|{pc}|{given[:1]}")
    keys += [f"id|{_digits(i)}" for i in r.id_numbers if _digits(i)]
    keys += [f"email|{e}" for e in r.emails] + [f"phone|{p}" for p in r.phones]
    return list(dict.fromkeys(keys))


def link_people(
    records: Sequence[PersonRecord],
    log: JudgementLog | None = None,
    *,
    at: datetime,
    policy: LinkagePolicy | None = None,
    source_of: Callable[[str], str] | None = None,
) -> LinkRun:
    """Link named people into persons (dedup). With ``source_of`` (record key -> source), only
    pairs from different sources are compared: linkage between lists that are each free of
    duplicates."""
    policy = policy or default_policy()
    log = log or JudgementLog()
    by_key = {r.key: r for r in records}
    freq = person_frequencies(records)
    blocking = block({r.key: person_keys(r) for r in records}, policy.max_block_size)
    pairs = blocking.pairs
    if source_of is not None:
        pairs = tuple(p for p in pairs if source_of(p[0]) != source_of(p[1]))
    scored = (score_people(by_key[x], by_key[y], freq, policy) for x, y in pairs)
    return conclude(blocking, scored, log, by_key, at=at)
