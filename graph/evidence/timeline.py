"""A case's events in time order, in words, and the latest time its state records (pure).

Events come from what the package holds: reports received, incidents and captures, facts,
decisions, assignments, outcomes, merges and splits, intelligence, removal referral steps,
platform disclosures and identity judgements. Ties are ordered by kind, then text, so the same
state gives the same timeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from graph.removals.store import Referral


@dataclass(frozen=True, slots=True, order=True)
class Event:
    at: datetime
    rank: int  # the kind's place among events at the same instant
    what: str
    ref: str  # the id of the record it comes from

    def as_json(self) -> dict[str, str]:
        return {"at": iso(self.at), "what": self.what, "ref": self.ref}


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def times_in(value: Any) -> Iterator[datetime]:
    """Every datetime in ``value``, however deeply nested."""
    if isinstance(value, datetime):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from times_in(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from times_in(v)


def latest(
    record: Mapping[str, Any],
    reports: Iterable[Mapping[str, Any]],
    identities: Iterable[Mapping[str, Any]],
    referrals: Iterable[Referral],
    intel_times: Iterable[datetime],
) -> datetime | None:
    """The latest time recorded in the case's state (a referral's answer deadline is a
    deadline, not an event, so it does not count)."""
    moments = [
        *times_in(record),
        *times_in(list(reports)),
        *times_in(list(identities)),
        *intel_times,
    ]
    for referral in referrals:
        moments.append(referral.drafted_at)
        moments.extend(s.at for s in referral.steps)
    return max((m.astimezone(UTC) for m in moments), default=None)


def _force(forces: Mapping[str, str], code: str | None) -> str:
    if code is None:
        return "the hub"
    return f"{forces.get(code, code)} ({code})"


def events(
    record: Mapping[str, Any],
    reports: Iterable[Mapping[str, Any]],
    identities: Iterable[Mapping[str, Any]],
    referrals: Iterable[Referral],
    intel: Iterable[Mapping[str, Any]],
    forces: Mapping[str, str],
) -> list[Event]:
    found: list[Event] = []
    add = found.append
    for r in reports:
        ref = r["reference"]
        if r["occurred_at"] is not None:
            add(Event(r["occurred_at"], 0, f"Incident occurred, as {ref} reports", r["id"]))
        for c in r["captures"]:
            if c["captured_at"] is not None:
                where = c["url"] or c["platform"] or "content"
                add(Event(c["captured_at"], 1, f"Content captured for {ref}: {where}", r["id"]))
        add(Event(r["received_at"], 2, f"Report {ref} received from {r['source']}", r["id"]))
    for person in identities:
        for d in person["disclosures"]:
            add(
                Event(
                    d["received_at"],
                    3,
                    f"Platform disclosure about {d['account']} "
                    f"received (legal basis: {d['legal_basis'] or 'not recorded'})",
                    d["id"],
                )
            )
            if d["withdrawn_at"] is not None:
                add(Event(d["withdrawn_at"], 3, f"Disclosure {d['id']} withdrawn", d["id"]))
        for j in person["judgements"]:
            add(
                Event(
                    j["at"],
                    4,
                    f"Accounts {j['left']} and {j['right']} judged {j['verdict']} "
                    f"(score {j['score']:.3f}) by {j['actor']}",
                    j["id"],
                )
            )
    for f in record["facts"]:
        add(Event(f["at"], 5, f"Case facts recorded by {f['by']}", f["id"]))
    for d in record["decisions"]:
        how = "accepting" if d["accepted"] else f"overriding ({d['recommended']})"
        add(
            Event(
                d["at"],
                6,
                f"Assessment decided: {d['decided']}, {how} the recommendation, "
                f"by {d['by']}: {d['reason']}",
                d["id"],
            )
        )
    for a in record["assignments"]:
        add(
            Event(
                a["at"],
                7,
                f"Assigned to {_force(forces, a['to_force'])} by {a['by']} "
                f"(rule {a['rule']}): {'; '.join(a['reasons'] or [a['reason']])}",
                a["id"],
            )
        )
    for item in intel:
        add(
            Event(
                item["created_at"],
                8,
                f"Intelligence item graded {item['grade']['code']} by {item['created_by']}",
                item["id"],
            )
        )
    for referral in referrals:
        for s in referral.steps:
            note = f": {s.note}" if s.note else ""
            add(
                Event(
                    s.at,
                    9,
                    f"Removal referral to {referral.platform} {s.status.value} by {s.by}{note}",
                    referral.id,
                )
            )
    for o in record["outcomes"]:
        add(Event(o["at"], 10, f"Outcome {o['code']} ({o['name']}) reported by {o['by']}", o["id"]))
    for ch in record["changes"]:
        add(Event(ch["at"], 11, f"Case {ch['kind']} by {ch['by']}: {ch['reason']}", ch["id"]))
    return sorted(found)


def day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
