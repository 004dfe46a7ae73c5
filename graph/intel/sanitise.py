"""Remove victims' and reporters' personal data from an item unless its purpose needs it.

Pure and explainable: :func:`sanitise` returns the cleaned item and one :class:`Removal` per
thing it took out, saying why. The rules, in order:

1. A person in a protected category (victim, reporter) is removed unless the item's purpose
   needs that category, or the person is also a subject (suspect, convicted).
2. What a removed person ``USES`` or ``RESIDES_AT`` (their accounts, devices, addresses) is
   their personal data and goes with them, unless a kept person links to it in the same way.
3. Relationships touching a removed entity are removed.

Free text (``summary``, descriptions) is not parsed: whoever writes it must not name a
protected person; the export only guarantees structured data.
The policy table lives in ``data/sanitise_policy.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict

from graph.intel._data import load_toml
from graph.intel.models import (
    PERSONAL_DATA_LINKS,
    IntelItem,
    IntelPurpose,
    PersonEntity,
    SubjectCategory,
)


class Removal(BaseModel):
    """One thing taken out of an item: an entity (by id) or a relationship."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ref: str  # entity id, or "source_id TYPE target_id" for a relationship
    kind: str  # person, object, location, event or relationship
    reason: str


class SanitisedItem(BaseModel):
    """An item that has been through :func:`sanitise`; the only thing the NIM export takes."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    item: IntelItem
    removed: tuple[Removal, ...] = ()


@dataclass(frozen=True, slots=True)
class SanitisePolicy:
    protected: frozenset[SubjectCategory]
    subjects: frozenset[SubjectCategory]
    needs: dict[IntelPurpose, frozenset[SubjectCategory]]
    status: str


@cache
def default_policy() -> SanitisePolicy:
    """The shipped policy; raises ``ValueError`` if a purpose is missing from the file."""
    raw = load_toml("sanitise_policy.toml")
    needs = {
        IntelPurpose(p["id"]): frozenset(SubjectCategory(c) for c in p["needs"])
        for p in raw["purpose"]
    }
    missing = set(IntelPurpose) - set(needs)
    if missing:
        raise ValueError(f"sanitise_policy.toml: no rule for purposes {sorted(missing)}")
    return SanitisePolicy(
        protected=frozenset(SubjectCategory(c) for c in raw["protected_categories"]),
        subjects=frozenset(SubjectCategory(c) for c in raw["subject_categories"]),
        needs=needs,
        status=raw["status"],
    )


def _removal_reason(
    person: PersonEntity, purpose: IntelPurpose, policy: SanitisePolicy
) -> str | None:
    if policy.subjects.intersection(person.categories):
        return None
    excluded = sorted(policy.protected.intersection(person.categories) - policy.needs[purpose])
    if not excluded:
        return None
    return f"person is a {' and '.join(excluded)}; purpose {purpose} does not need their data"


def sanitise(item: IntelItem, policy: SanitisePolicy | None = None) -> SanitisedItem:
    """Apply the rules above to one item."""
    policy = policy or default_policy()
    removals: list[Removal] = []
    removed: set[str] = set()
    for entity in item.entities:
        if isinstance(entity, PersonEntity):
            reason = _removal_reason(entity, item.purpose, policy)
            if reason:
                removed.add(entity.id)
                removals.append(Removal(ref=entity.id, kind="person", reason=reason))
    owners: dict[str, set[str]] = {}
    for rel in item.relationships:
        if rel.type in PERSONAL_DATA_LINKS:
            owners.setdefault(rel.target_id, set()).add(rel.source_id)
    for entity in item.entities:
        linked = owners.get(entity.id, set())
        if entity.id not in removed and linked and linked <= removed:
            removed.add(entity.id)
            whose = ", ".join(sorted(linked))
            reason = f"personal data of removed person {whose}"
            removals.append(Removal(ref=entity.id, kind=entity.kind, reason=reason))
    kept_relationships = []
    for rel in item.relationships:
        if rel.source_id in removed or rel.target_id in removed:
            ref = f"{rel.source_id} {rel.type} {rel.target_id}"
            removals.append(Removal(ref=ref, kind="relationship", reason="links a removed entity"))
        else:
            kept_relationships.append(rel)
    if not removals:
        return SanitisedItem(item=item)
    cleaned = item.model_copy(
        update={
            "entities": tuple(e for e in item.entities if e.id not in removed),
            "relationships": tuple(kept_relationships),
        }
    )
    return SanitisedItem(item=cleaned, removed=tuple(removals))


def sanitise_all(
    items: Iterable[IntelItem], policy: SanitisePolicy | None = None
) -> Iterator[SanitisedItem]:
    """Lazily sanitise a stream of items (keeps the export's constant memory)."""
    for item in items:
        yield sanitise(item, policy)
