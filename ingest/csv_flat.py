"""Bulk CSV columns are the referral contract flattened with dots: ``reporter.email``,
``content.0.url``, ``suspects.1.handle``. Lists of words (``incident.strands``) are separated
by ``;``. An empty cell means the field is absent. Booleans are ``true`` / ``false``.

See ``docs/INTAKE.md`` for the full column list.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ingest import limits

LIST_COLUMNS = frozenset({"incident.strands"})
BOOL_COLUMNS = frozenset({"reporter.consent_to_contact", "victim.consent_to_contact"})


class FlatError(ValueError):
    """A column name or cell that cannot be unflattened; names the column."""


def _cell(column: str, value: str) -> object:
    if column in LIST_COLUMNS:
        return [part.strip() for part in value.split(";") if part.strip()]
    if column in BOOL_COLUMNS:
        lowered = value.strip().lower()
        if lowered in ("true", "yes", "1"):
            return True
        if lowered in ("false", "no", "0"):
            return False
        raise FlatError(f"{column}: {value!r} is not true or false")
    return value


# Item numbers a column may use: a list is never longer than the contract allows.
_MAX_ITEMS = max(limits.MAX_CONTENT_ITEMS, limits.MAX_SUSPECTS, limits.MAX_ATTACHMENTS)


def _set(target: dict[str, Any], path: list[str], value: object, column: str) -> None:
    node: Any = target
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        next_is_index = not last and path[depth + 1].isdigit()
        if not isinstance(node, (dict, list)):
            raise FlatError(f"{column}: another column gives this field a single value")
        if isinstance(node, list):
            if not part.isdigit():
                raise FlatError(f"{column}: expected an item number at {part!r}")
            index = int(part)
            if index >= _MAX_ITEMS:
                raise FlatError(f"{column}: item number {index} is too large (items from 0)")
            while len(node) <= index:
                node.append({})
            if last:
                if node[index]:
                    raise FlatError(f"{column}: other columns give this item parts")
                node[index] = value
            else:
                if not isinstance(node[index], (dict, list)) or node[index] == {}:
                    node[index] = [] if next_is_index else node[index] or {}
                node = node[index]
        else:
            if last:
                if isinstance(node.get(part), (dict, list)):
                    raise FlatError(f"{column}: other columns give this field parts")
                node[part] = value
            else:
                node = node.setdefault(part, [] if next_is_index else {})


def unflatten(row: Mapping[str, str | None]) -> dict[str, Any]:
    """One CSV row -> one referral payload (empty cells dropped)."""
    payload: dict[str, Any] = {}
    for column, raw in row.items():
        if column is None:
            raise FlatError("row has more cells than the header has columns")
        if raw is None or raw.strip() == "":
            continue
        _set(payload, column.strip().split("."), _cell(column.strip(), raw.strip()), column)
    if isinstance(payload.get("victim"), dict):
        payload["victim"].setdefault("role", "victim")
    for key in ("content", "suspects"):
        if isinstance(payload.get(key), list):
            payload[key] = [item for item in payload[key] if item != {}]
    return payload
