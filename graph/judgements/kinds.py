"""The per-kind table: each kind of judged record declares its verdicts and the query files
that read and write its judgement edges. Labels and relationship types are written in those
files (one file set per kind, ``queries/dedup/`` and ``queries/identity/``), never taken from
input; code only chooses among the files named here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic

from graph.judgements.records import V, Verdicts


class ContentVerdict(StrEnum):
    """Two reports are about the same piece of online content, or not."""

    SAME_CONTENT = "SAME_CONTENT"
    NOT_SAME = "NOT_SAME"
    UNSURE = "UNSURE"


class PersonVerdict(StrEnum):
    """Two accounts (or two people named in reports) are one person, or not."""

    SAME_PERSON = "SAME_PERSON"
    NOT_SAME_PERSON = "NOT_SAME_PERSON"
    UNSURE = "UNSURE"


# Each family: same, not same, unsure, the prefix of its ids, its evidence's edge property.
CONTENT_VERDICTS = Verdicts(
    ContentVerdict.SAME_CONTENT, ContentVerdict.NOT_SAME, ContentVerdict.UNSURE, "j:", "features"
)
PERSON_VERDICTS = Verdicts(
    PersonVerdict.SAME_PERSON,
    PersonVerdict.NOT_SAME_PERSON,
    PersonVerdict.UNSURE,
    "ij:",
    "evidence",
)


@dataclass(frozen=True, slots=True)
class Kind(Generic[V]):
    """One kind of judged record: its verdicts and its query files (by name)."""

    name: str
    verdicts: Verdicts[V]
    judgements: str  # every judgement of the kind (params depend on the kind)
    create: Mapping[V, str]  # one file per verdict, rows of {left, right, props}
    supersede: str  # params: ids, by
    assign: str | None = None  # rows of {key, person_id}: each record's derived cluster


def _kind(
    name: str, verdicts: Verdicts[V], area: str, judgements: str, assign: str | None, edge: str
) -> Kind[V]:
    """A kind whose files follow the naming: ``<area>/create_<edge><verdict>_judgements``, one
    for each verdict, and ``<area>/supersede_judgements``."""
    create = {v: f"{area}/create_{edge}{v.value.lower()}_judgements" for v in type(verdicts.same)}
    return Kind(name, verdicts, f"{area}/{judgements}", create, f"{area}/supersede_judgements",
                assign and f"{area}/{assign}")  # fmt: skip


# The table: kind, verdicts, area, every judgement, each record's cluster, edge file prefix.
CONTENT = _kind("content", CONTENT_VERDICTS, "dedup", "judgements_among", None, "")
ACCOUNTS = _kind("account", PERSON_VERDICTS, "identity", "judgements", "assign_persons", "")
NAMED = _kind(
    "named",
    PERSON_VERDICTS,
    "identity",
    "named_judgements",
    "assign_named_persons",
    "named_",
)
KINDS = (CONTENT, ACCOUNTS, NAMED)
