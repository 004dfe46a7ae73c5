"""Intelligence items and their POLE entities (Person, Object, Location, Event).

Entity shapes follow the POLE idea (NPCC POLE Data Standards Catalogue v1.0, 2022) at the
granularity the hub records, not the catalogue's 44 entities. Every model is frozen and
canonical: datetimes are UTC, entities are sorted by (kind, id) and relationships by
(source, type, target), so the same item always serialises to the same bytes.

Build items from stored rows with :meth:`IntelItem.parse` to get
:class:`graph.errors.InvalidInput` naming each bad field.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from graph.intel.grading import Grade
from graph.validation import parse


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("must include a timezone")
    return value.astimezone(UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
Text = Annotated[str, Field(min_length=1)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SubjectCategory(enum.StrEnum):
    """DPA 2018 s38(3) categories; a person may be in several (victim and witness, say)."""

    SUSPECT = "suspect"
    CONVICTED = "convicted"
    VICTIM = "victim"
    WITNESS = "witness"
    REPORTER = "reporter"
    OTHER = "other"


class ObjectType(enum.StrEnum):
    ACCOUNT = "account"
    DEVICE = "device"
    URL = "url"
    EMAIL = "email"
    PHONE = "phone"
    OTHER = "other"


class EventType(enum.StrEnum):
    INCIDENT = "incident"
    OFFENCE = "offence"
    OTHER = "other"


class PoleKind(enum.StrEnum):
    PERSON = "person"
    OBJECT = "object"
    LOCATION = "location"
    EVENT = "event"


class PersonEntity(_Frozen):
    kind: Literal["person"] = "person"
    id: Text
    full_name: str | None = None
    date_of_birth: date | None = None
    categories: tuple[SubjectCategory, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _canonical(self) -> PersonEntity:
        object.__setattr__(self, "categories", tuple(sorted(set(self.categories))))
        return self


class ObjectEntity(_Frozen):
    kind: Literal["object"] = "object"
    id: Text
    object_type: ObjectType
    identifier: Text  # the handle, URL, IMEI, address or number as recorded
    platform: str | None = None
    display_name: str | None = None


class LocationEntity(_Frozen):
    kind: Literal["location"] = "location"
    id: Text
    description: str | None = None
    postcode: str | None = None
    force_code: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class EventEntity(_Frozen):
    kind: Literal["event"] = "event"
    id: Text
    event_type: EventType
    occurred_from: UtcDatetime | None = None
    occurred_to: UtcDatetime | None = None
    crime_reference: str | None = None
    description: str | None = None


AnyEntity = PersonEntity | ObjectEntity | LocationEntity | EventEntity
PoleEntity = Annotated[AnyEntity, Field(discriminator="kind")]


class RelationshipType(enum.StrEnum):
    USES = "USES"  # person -> object (account, device, email, phone): the object is theirs
    RESIDES_AT = "RESIDES_AT"  # person -> location: their address
    INVOLVED_IN = "INVOLVED_IN"  # anything -> event
    OCCURRED_AT = "OCCURRED_AT"  # event -> location
    POSTED = "POSTED"  # account -> url
    TARGETED = "TARGETED"  # person or account -> person
    ASSOCIATE_OF = "ASSOCIATE_OF"  # person -> person
    LINKED_TO = "LINKED_TO"  # anything else, explained elsewhere


#: Relationships whose target is the source person's own personal data.
PERSONAL_DATA_LINKS = frozenset({RelationshipType.USES, RelationshipType.RESIDES_AT})


class PoleRelationship(_Frozen):
    source_id: Text
    type: RelationshipType
    target_id: Text


class IntelPurpose(enum.StrEnum):
    """Why the item exists; decides whose personal data it may carry (see ``sanitise``)."""

    SUBJECT_IDENTIFICATION = "subject_identification"
    PATTERN_ANALYSIS = "pattern_analysis"
    SAFEGUARDING = "safeguarding"
    THREAT_TO_LIFE = "threat_to_life"


class IntelItem(_Frozen):
    """One graded intelligence item with the POLE entities it is about."""

    id: Text
    created_at: UtcDatetime
    updated_at: UtcDatetime
    summary: Text
    purpose: IntelPurpose
    grade: Grade
    case_ids: tuple[Text, ...] = ()
    retention_group: str | None = None
    review_due_at: date | None = None
    entities: tuple[PoleEntity, ...] = ()
    relationships: tuple[PoleRelationship, ...] = ()

    @model_validator(mode="after")
    def _consistent_and_canonical(self) -> IntelItem:
        if self.updated_at < self.created_at:
            raise ValueError("updated_at: is before created_at")
        kinds: dict[str, str] = {}
        for entity in self.entities:
            if entity.id in kinds:
                raise ValueError(f"entities: id {entity.id!r} appears more than once")
            kinds[entity.id] = entity.kind
        for index, rel in enumerate(self.relationships):
            for end in ("source_id", "target_id"):
                if getattr(rel, end) not in kinds:
                    raise ValueError(f"relationships[{index}].{end}: no entity with that id")
            if rel.type in PERSONAL_DATA_LINKS and kinds[rel.source_id] != PoleKind.PERSON:
                raise ValueError(
                    f"relationships[{index}].source_id: {rel.type} must start at a person"
                )
        object.__setattr__(self, "case_ids", tuple(sorted(set(self.case_ids))))
        object.__setattr__(self, "entities", tuple(sorted(self.entities, key=_entity_key)))
        object.__setattr__(
            self, "relationships", tuple(sorted(set(self.relationships), key=_rel_key))
        )
        return self

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> IntelItem:
        return parse(cls, data)

    @property
    def sort_key(self) -> tuple[datetime, str]:
        """The export order: (updated_at, id)."""
        return (self.updated_at, self.id)


def _entity_key(
    entity: PersonEntity | ObjectEntity | LocationEntity | EventEntity,
) -> tuple[str, str]:
    return (entity.kind, entity.id)


def _rel_key(rel: PoleRelationship) -> tuple[str, str, str]:
    return (rel.source_id, rel.type.value, rel.target_id)
