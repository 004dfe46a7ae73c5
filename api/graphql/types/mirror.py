"""GraphQL types that show a domain value, their fields read from the value's own class.

A use case returns frozen dataclasses and pydantic models (a removal referral, a data request,
an audit record). The GraphQL type that shows one declares only what differs from it: a
description, another name or type, a field worked out as it is shown (``overdue``). Everything
else comes from the value's class, so a field is written once, in the domain, and cannot drift::

    @strawberry.type(description="A request to a platform for an account's data.")
    @mirrors(DataRequest, nested={RequestStep: DataRequestStep})
    class DataRequestType:
        expiring: bool  # worked out for the viewer, passed to mirror()

    mirror(DataRequestType, request, expiring=request.expiring(now))

Tuples become lists; the value classes named in ``nested`` are shown as their GraphQL types.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import operator
import types
import typing
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

T = TypeVar("T")
_SPEC = "__mirror__"


@dataclasses.dataclass(frozen=True, slots=True)
class _Spec:
    names: tuple[str, ...]  # the value's fields the type shows
    nested: Mapping[type, type]  # value class -> the GraphQL type that shows it


def _field_names(value_type: type) -> list[str]:
    if dataclasses.is_dataclass(value_type):
        return [f.name for f in dataclasses.fields(value_type)]
    model_fields = getattr(value_type, "model_fields", None)  # a pydantic model
    if isinstance(model_fields, Mapping):
        return list(model_fields)
    raise TypeError(f"{value_type.__name__} is neither a dataclass nor a pydantic model")


def _shown_type(hint: Any, nested: Mapping[type, type]) -> Any:
    """The GraphQL annotation for a value's field type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if len(args) != 2 or args[1] is not Ellipsis:
            raise TypeError(f"only tuples of one type are shown as lists, not {hint}")
        return list[_shown_type(args[0], nested)]  # type: ignore[misc]
    if origin in (types.UnionType, typing.Union):
        return functools.reduce(operator.or_, (_shown_type(a, nested) for a in args))
    return nested.get(hint, hint)


def mirrors(
    value_type: type,
    *,
    omit: Collection[str] = (),
    nested: Mapping[type, type] | None = None,
) -> Callable[[type[T]], type[T]]:
    """Give the class (before ``strawberry.type`` reads it) the fields of ``value_type`` it
    does not declare itself, but those in ``omit``, in the value's order; its own come after."""
    shown_as = dict(nested or {})

    def add_fields(cls: type[T]) -> type[T]:
        hints = typing.get_type_hints(value_type)
        own: dict[str, Any] = dict(inspect.get_annotations(cls))
        names = [n for n in _field_names(value_type) if n not in omit]
        fields = {n: own.pop(n) if n in own else _shown_type(hints[n], shown_as) for n in names}
        cls.__annotations__ = {**fields, **own}
        setattr(cls, _SPEC, _Spec(tuple(names), shown_as))
        return cls

    return add_fields


def mirror(cls: type[T], value: object, **computed: Any) -> T:
    """An instance of a :func:`mirrors` type showing ``value``; ``computed`` gives the fields
    the value does not hold, or shows differently."""
    spec: _Spec = getattr(cls, _SPEC)
    copied = {n: _shown(getattr(value, n), spec.nested) for n in spec.names if n not in computed}
    made: T = cls(**copied, **computed)
    return made


def _shown(value: Any, nested: Mapping[type, type]) -> Any:
    if isinstance(value, tuple):
        return [_shown(item, nested) for item in value]
    shown_as = nested.get(type(value))
    return value if shown_as is None else mirror(shown_as, value)
