"""Turn pydantic's ``ValidationError`` into the hub's :class:`InvalidInput`.

Every problem keeps its dotted field path (``grade.handling_conditions``), so a caller sees
which field was wrong, not a pydantic traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from graph.errors import InvalidInput, Problem

M = TypeVar("M", bound=BaseModel)
_NAMED = re.compile(
    r"^(?P<field>[a-z_][a-z0-9_]*(?:\[\d+\])?(?:\.[a-z_][a-z0-9_]*)*): (?P<message>.+)$"
)


def problems_of(error: ValidationError, prefix: str = "") -> list[Problem]:
    """One :class:`Problem` per pydantic error, named by its dotted location."""
    problems = []
    for detail in error.errors(include_url=False):
        parts = [prefix] if prefix else []
        for part in detail["loc"]:
            if isinstance(part, int) and parts:
                parts[-1] = f"{parts[-1]}[{part}]"
            else:
                parts.append(str(part))
        message = str(detail["msg"]).removeprefix("Value error, ")
        named = _NAMED.match(message)  # a model-level check naming its own field: "x[0].y: ..."
        if named:
            parts.append(named["field"])
            message = named["message"]
        problems.append(Problem(".".join(parts) or "(root)", message))
    return problems


def parse(model: type[M], data: Mapping[str, Any], prefix: str = "") -> M:
    """Validate ``data`` as ``model``; raise :class:`InvalidInput` listing every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(problems_of(error, prefix)) from None
