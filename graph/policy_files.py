"""Policy files: the hub's rules that are data, read and checked in one way.

A policy is a TOML file in a package's ``data/`` folder, validated by a pydantic model; a file
that breaks the model is refused with every problem named by its dotted path in the file
(``removal_policy.platform.x.due_hours: …``), never a traceback. Each policy carries its
``version``, the day it takes effect (``valid_from``) and where its values come from
(``source``), so an answer can say which policy it followed.
"""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from graph.errors import InvalidValue
from graph.validation import parse


class VersionedPolicy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int = Field(ge=1)
    valid_from: date
    source: str = Field(min_length=1)


P = TypeVar("P", bound=VersionedPolicy)


def load_policy(package: str, name: str, model: type[P]) -> P:
    """The policy ``<package>/data/<name>`` as ``model``; :class:`InvalidInput` naming every
    problem if it does not fit."""
    text = resources.files(package).joinpath("data", name).read_text(encoding="utf-8")
    return parse_policy(text, name, model)


def parse_policy(text: str, name: str, model: type[P]) -> P:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidValue(name, f"is not valid TOML: {error}") from None
    return parse(model, data, prefix=name.removesuffix(".toml"))
