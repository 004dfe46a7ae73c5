"""Cypher queries as files, loaded once by name, with their parameters checked at load time.

Each ``queries/<area>/<verb_noun>.cypher`` starts with a header naming its parameters::

    // Create or update the forces.
    // params: rows

``load_query("reference/merge_forces")`` returns a :class:`Query`. Loading fails if the file uses
a ``$param`` it does not declare, or declares one it never uses; :meth:`Query.bind` fails if a
caller passes the wrong set. Labels and relationship types are never parameters: they are
written in the files, or chosen from enums in code (``graph.labels``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, LiteralString

_PARAMS_HEADER = re.compile(r"^//[ \t]*params:[ \t]*(?P<names>[^\n]*)$", re.MULTILINE)
# $name, but not inside a // comment or a string literal.
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"//[^\n]*")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


class QueryFileError(Exception):
    """A query file is malformed; raised at load time, never at request time."""


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    text: LiteralString
    params: frozenset[str]

    def bind(self, **values: Any) -> dict[str, Any]:
        """The parameters for a run, checked against the declaration."""
        given = set(values)
        if given != self.params:
            missing = sorted(self.params - given)
            extra = sorted(given - self.params)
            raise TypeError(f"query {self.name}: missing {missing}, unexpected {extra}")
        return values


def _declared(name: str, text: str) -> frozenset[str]:
    header = _PARAMS_HEADER.search(text)
    if header is None:
        raise QueryFileError(f"{name}: no '// params:' header (write '// params:' for none)")
    return frozenset(p for p in re.split(r"[\s,]+", header["names"].strip()) if p)


def used_params(text: str) -> frozenset[str]:
    body = _STRING.sub("''", _COMMENT.sub("", text))
    return frozenset(_PARAM_USE.findall(body))


def parse(name: str, text: str) -> Query:
    declared = _declared(name, text)
    used = used_params(text)
    if declared != used:
        raise QueryFileError(f"{name}: declares {sorted(declared)} but uses {sorted(used)}")
    # Query text comes only from files shipped in the package, never from input.
    return Query(name=name, text=text, params=declared)


def _root() -> Traversable:
    return resources.files("queries")


def _walk(folder: Traversable, prefix: str) -> Mapping[str, Traversable]:
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        if entry.is_dir():
            found.update(_walk(entry, f"{prefix}{entry.name}/"))
        elif entry.name.endswith(".cypher"):
            found[prefix + entry.name.removesuffix(".cypher")] = entry
    return found


@cache
def all_queries() -> dict[str, Query]:
    """Every query file in the package, parsed and checked."""
    return {
        name: parse(name, entry.read_text(encoding="utf-8"))
        for name, entry in sorted(_walk(_root(), "").items())
    }


def load_query(name: str) -> Query:
    try:
        return all_queries()[name]
    except KeyError:
        raise QueryFileError(f"no query file queries/{name}.cypher") from None


def schema_statements() -> list[tuple[str, LiteralString]]:
    """The numbered schema files in order, split into single statements."""
    statements: list[tuple[str, LiteralString]] = []
    for name, query in all_queries().items():
        if not name.startswith("schema/"):
            continue
        for part in _COMMENT.sub("", query.text).split(";"):
            if part.strip():
                statements.append((name, part.strip()))
    return statements
