"""Guidance notes: Markdown with TOML front matter between ``+++`` lines (as Hugo writes them).

The front matter says what a note is about (offence ids from the offence table, hate strands,
platform ids), who owns it and when it must next be reviewed. A note that names nothing is
general and goes with every case. A note naming an unknown offence, strand or platform is
refused with the file and field named: a typo would otherwise make it silently never match.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.errors import InvalidInput, InvalidValue, Problem
from graph.law.offences import Strand, offence_table
from graph.platforms import all_platforms
from graph.validation import parse

FENCE = "+++"


class FrontMatter(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(min_length=10, max_length=600)
    offences: tuple[str, ...] = ()
    strands: tuple[Strand, ...] = ()
    platforms: tuple[str, ...] = ()
    owner: str = Field(min_length=2, max_length=120)
    review_by: date
    sources: tuple[str, ...] = Field(min_length=1)

    @field_validator("offences")
    @classmethod
    def _known_offences(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        known = {o.id for o in offence_table().offences}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ValueError(f"unknown offence id(s): {', '.join(unknown)}")
        return ids

    @field_validator("platforms")
    @classmethod
    def _known_platforms(cls, ids: tuple[str, ...]) -> tuple[str, ...]:
        known = {p.id for p in all_platforms()}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ValueError(f"unknown platform id(s): {', '.join(unknown)}")
        return ids


@dataclass(frozen=True, slots=True)
class GuidanceNote:
    id: str
    title: str
    summary: str
    offences: frozenset[str]
    strands: frozenset[Strand]
    platforms: frozenset[str]
    owner: str
    review_by: date
    sources: tuple[str, ...]
    body: str  # Markdown
    version: str  # the first 12 hex digits of the file's SHA-256: which text a case carried

    @property
    def general(self) -> bool:
        return not (self.offences or self.strands or self.platforms)


def parse_note(text: str, name: str) -> GuidanceNote:
    """One note from its file's text; :class:`InvalidInput` naming ``name`` and each field."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE or FENCE not in (s.strip() for s in lines[1:]):
        raise InvalidValue(name, f"must open with front matter between {FENCE} lines")
    end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == FENCE)
    try:
        data = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise InvalidValue(name, f"front matter is not valid TOML: {error}") from None
    front = parse(FrontMatter, data, prefix=name)
    body = "\n".join(lines[end + 1 :]).strip()
    if not body:
        raise InvalidValue(name, "has no guidance after its front matter")
    return GuidanceNote(
        id=front.id,
        title=front.title,
        summary=front.summary,
        offences=frozenset(front.offences),
        strands=frozenset(front.strands),
        platforms=frozenset(front.platforms),
        owner=front.owner,
        review_by=front.review_by,
        sources=front.sources,
        body=body,
        version=hashlib.sha256(text.encode()).hexdigest()[:12],
    )


def parse_library(files: Iterable[tuple[str, str]]) -> tuple[GuidanceNote, ...]:
    """Every note of (name, text) pairs, sorted by id; every bad file named at once, and ids
    must be unique."""
    notes: list[GuidanceNote] = []
    problems: list[Problem] = []
    for name, text in sorted(files):
        try:
            notes.append(parse_note(text, name))
        except InvalidInput as error:
            problems.extend(error.problems)
    seen: dict[str, str] = {}
    for note in notes:
        if note.id in seen:
            problems.append(Problem(note.id, f"the id of two notes ({seen[note.id]} and this)"))
        seen[note.id] = note.title
    if problems:
        raise InvalidInput(problems)
    return tuple(sorted(notes, key=lambda n: n.id))


def read_library(folder: Path) -> tuple[GuidanceNote, ...]:
    """The notes of a folder of ``*.md`` files (a hub's own library, ``OHCH_GUIDANCE_DIR``)."""
    return parse_library((p.name, p.read_text(encoding="utf-8")) for p in folder.glob("*.md"))


@cache
def shipped_library() -> tuple[GuidanceNote, ...]:
    """The notes that ship with the hub (``graph/advice/library``)."""
    folder = resources.files("graph.advice").joinpath("library")
    return parse_library(
        (f.name, f.read_text(encoding="utf-8")) for f in folder.iterdir() if f.name.endswith(".md")
    )
