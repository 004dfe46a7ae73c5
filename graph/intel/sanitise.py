"""Remove victims' and reporters' personal data from an item unless its purpose needs it.

Pure and explainable: :func:`sanitise` returns the cleaned item and one :class:`Removal` per
thing it took out, saying why. The rules, in order:

1. A person in a protected category (victim, reporter) is removed unless the item's purpose
   needs that category, or the person is also a subject (suspect, convicted).
2. What a removed person ``USES`` or ``RESIDES_AT`` (their accounts, devices, addresses) is
   their personal data and goes with them, unless a kept person links to it in the same way.
3. Relationships touching a removed entity are removed.
4. Free text (the summary, event and location descriptions) loses the removed entities' names,
   identifiers and postcodes, and any email, UK phone number or postcode that no kept entity
   carries (:mod:`graph.intel.redact`).

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
    AnyEntity,
    EventEntity,
    IntelItem,
    IntelPurpose,
    LocationEntity,
    ObjectEntity,
    PersonEntity,
    SubjectCategory,
)
from graph.intel.redact import Secret, name_secrets, redact


class Removal(BaseModel):
    """One thing taken out of an item: an entity (by id) or a relationship."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ref: str  # entity id, "source_id TYPE target_id" for a relationship, or the text's field
    kind: str  # person, object, location, event, relationship or text
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
    kept_entities = [e for e in item.entities if e.id not in removed]
    text_updates, text_removals = _redact_texts(item, removed, kept_entities)
    removals += text_removals
    if not removals:
        return SanitisedItem(item=item)
    cleaned = item.model_copy(
        update={
            **text_updates,
            "entities": tuple(kept_entities),
            "relationships": tuple(kept_relationships),
        }
    )
    return SanitisedItem(item=cleaned, removed=tuple(removals))


def _secrets(entity: AnyEntity) -> list[Secret]:
    label = f"removed {entity.kind} {entity.id}"
    if isinstance(entity, PersonEntity):
        return name_secrets(entity.full_name or "", label)
    if isinstance(entity, ObjectEntity):
        return [Secret(entity.identifier, label)]
    if isinstance(entity, LocationEntity):
        return [Secret(v, label) for v in (entity.postcode, entity.description) if v]
    return []


def _identifiers(entity: AnyEntity) -> list[str]:
    if isinstance(entity, ObjectEntity):
        return [entity.identifier]
    if isinstance(entity, LocationEntity) and entity.postcode:
        return [entity.postcode]
    return []


def _redact_texts(
    item: IntelItem, removed: set[str], kept: list[AnyEntity]
) -> tuple[dict[str, object], list[Removal]]:
    """Rule 4: the summary and the kept entities' descriptions, redacted."""
    secrets = [s for e in item.entities if e.id in removed for s in _secrets(e)]
    kept_identifiers = [i for e in kept for i in _identifiers(e)]
    removals: list[Removal] = []

    def clean(text: str, ref: str) -> str:
        new, reasons = redact(text, secrets, kept_identifiers)
        removals.extend(Removal(ref=ref, kind="text", reason=r) for r in reasons)
        return new

    updates: dict[str, object] = {}
    summary = clean(item.summary, "summary")
    if summary != item.summary:
        updates["summary"] = summary
    for index, entity in enumerate(kept):
        if isinstance(entity, EventEntity | LocationEntity) and entity.description:
            description = clean(entity.description, f"{entity.id}.description")
            if description != entity.description:
                kept[index] = entity.model_copy(update={"description": description})
    return updates, removals


def sanitise_all(
    items: Iterable[IntelItem], policy: SanitisePolicy | None = None
) -> Iterator[SanitisedItem]:
    """Lazily sanitise a stream of items (keeps the export's constant memory)."""
    for item in items:
        yield sanitise(item, policy)
