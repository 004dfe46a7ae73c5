"""Policy files: the hub's rules that are data, read and checked in one way.

A policy is a TOML file in a package's ``data/`` folder, validated by a pydantic model; a file
that breaks the model is refused with every problem named by its path in the file
(``removal_policy.platform.x.due_hours: …``, ``assessment_policy[1].nchi_mode: …``), never a
traceback. Each policy says from which day it applies (``valid_from``) and where its values
come from, so an answer can say which policy it followed.

Two shapes:

* one document (:func:`load_policy`): the removal, data request, updates and retention
  policies, the offence table; the dedup and linkage policies too, whose settings are grouped
  in sections (:class:`SectionedPolicy`);
* a history (:func:`load_history`): every version in one file as an array of tables
  (``[[policy]]``), the one whose ``valid_from`` is the latest on or before a day applying
  (the assessment and assignment policies, the outcome codes).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Generic, TypeVar

from pydantic import AliasPath, BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as policy_dataclass

from graph.errors import InvalidInput, InvalidValue, Problem
from graph.validation import parse, parse_each


class PolicyVersion(BaseModel):
    """One version of a policy: the day from which it applies."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    valid_from: date


class VersionedPolicy(PolicyVersion):
    """A policy numbered by ``version``, citing its ``source``."""

    version: int = Field(ge=1)
    source: str = Field(min_length=1)


def setting(section: str, key: str) -> Any:
    """A field read from ``key`` in the file's ``[section]`` (reported under that path)."""
    return Field(validation_alias=AliasPath(section, key))


# Sections are read by setting(); a field may also be given by its name (dataclasses.replace).
SECTIONED = ConfigDict(extra="ignore", validate_by_name=True, validate_by_alias=True)


@policy_dataclass(frozen=True, slots=True, config=SECTIONED)
class SectionedPolicy:
    """A policy file in sections, read as flat attributes (each field a :func:`setting`),
    its header in ``[policy]``: the policy's name, version, first day and source. A pydantic
    dataclass with slots: the matchers read its settings in their innermost loops."""

    name: str = setting("policy", "name")
    version: int = setting("policy", "version")
    valid_from: date = setting("policy", "valid_from")
    source: str = setting("policy", "source")


T = TypeVar("T")
V = TypeVar("V", bound=PolicyVersion)


def policy_text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>`` (package data)."""
    return resources.files(package).joinpath("data", name).read_text(encoding="utf-8")


def read_toml(text: str, name: str) -> dict[str, Any]:
    """The TOML document ``text`` of the file ``name``; :class:`InvalidValue` if it is not TOML."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InvalidValue(name, f"is not valid TOML: {error}") from None


def stem(name: str) -> str:
    """The name problems are reported under: ``dedup_policy.toml`` -> ``dedup_policy``."""
    return name.removesuffix(".toml")


def parse_policy(text: str, name: str, model: type[T]) -> T:
    """The policy file ``name`` with text ``text`` as ``model``; :class:`InvalidInput` naming
    every problem."""
    return parse(model, read_toml(text, name), prefix=stem(name))


def load_policy(package: str, name: str, model: type[T]) -> T:
    """The shipped policy ``<package>/data/<name>`` as ``model`` (callers cache it)."""
    return parse_policy(policy_text(package, name), name, model)


@dataclass(frozen=True, slots=True)
class PolicyHistory(Generic[V]):
    """Every version of a dated policy, in file order; :meth:`on` picks the one in force."""

    name: str
    versions: tuple[V, ...]

    def on(self, day: date, field: str | None = None) -> V:
        """The version in force on ``day`` (the latest ``valid_from`` on or before it);
        :class:`InvalidValue` under ``field`` (the day's own field if the caller has one)."""
        valid = [v for v in self.versions if v.valid_from <= day]
        if not valid:
            where = field or f"{self.name}.valid_from"
            raise InvalidValue(where, f"no version of {self.name} is in force on {day}")
        return max(valid, key=lambda v: v.valid_from)


def parse_history(text: str, name: str, model: type[V], key: str = "policy") -> PolicyHistory[V]:
    """The versions ``[[key]]`` of the file ``name``, each as ``model`` and named
    ``<stem>[<index>]`` in a problem; at least one, no two starting on one day."""
    entries = read_toml(text, name).get(key, [])
    where = stem(name)
    if not isinstance(entries, list):
        raise InvalidValue(f"{where}.{key}", f"must be an array of tables ([[{key}]])")
    versions, problems = parse_each(model, ((f"{where}[{i}]", e) for i, e in enumerate(entries)))
    if not versions and not problems:
        problems.append(Problem(where, f"has no [[{key}]] version"))
    starts = [v.valid_from for v in versions]
    if len(set(starts)) != len(starts):
        problems.append(Problem(f"{where}.valid_from", "two versions start on one day"))
    if problems:
        raise InvalidInput(problems)
    return PolicyHistory(where, tuple(versions))


def load_history(package: str, name: str, model: type[V], key: str = "policy") -> PolicyHistory[V]:
    """The shipped history ``<package>/data/<name>`` (callers cache it)."""
    return parse_history(policy_text(package, name), name, model, key)
