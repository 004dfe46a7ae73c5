"""Every GraphQL root field and REST route has a role rule, and every role gets exactly what the
rules give it: the whole schema walked against every role (graph/access.py, api/access_rules.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute
from fastapi.testclient import TestClient
from graphql import (
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLType,
    GraphQLUnionType,
    get_named_type,
)
from starlette.routing import Mount, Route
from starlette.websockets import WebSocketDisconnect

from api.access_rules import MUTATION_RULES, QUERY_RULES, ROUTE_RULES
from api.app import create_app
from api.graphql.schema import build_schema
from graph import access
from graph.settings import Settings
from graph.viewer import FORCE_ROLES, Role, Viewer

WEST_YORKSHIRE = "E23000010"
SCHEMA = build_schema(Settings())
ROOTS = {"Query": SCHEMA._schema.query_type, "Mutation": SCHEMA._schema.mutation_type}
RULES = {"Query": QUERY_RULES, "Mutation": MUTATION_RULES}
SAMPLE = {"String": '"x"', "Int": "1", "Float": "1.0", "Boolean": "true", "JSON": "{}", "ID": '"x"'}


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def _token(role: Role) -> str:
    force = f":{WEST_YORKSHIRE}" if role in FORCE_ROLES else ""
    return f"dev:{role.value}:walker{force}"


def _literal(kind: GraphQLType) -> str:
    if isinstance(kind, GraphQLNonNull):
        return _literal(kind.of_type)
    if isinstance(kind, GraphQLList):
        return f"[{_literal(kind.of_type)}]"
    if isinstance(kind, GraphQLInputObjectType):
        required = [
            f"{name}: {_literal(f.type)}"
            for name, f in kind.fields.items()
            if isinstance(f.type, GraphQLNonNull)
        ]
        return "{" + ", ".join(required) + "}"
    named = get_named_type(kind)
    if isinstance(named, GraphQLScalarType):
        return SAMPLE.get(named.name, '"2026-01-01T00:00:00Z"')
    return next(iter(named.values))  # type: ignore[attr-defined]  # an enum's first value


def _document(operation: str, name: str, field: GraphQLField) -> str:
    args = ", ".join(
        f"{arg}: {_literal(a.type)}"
        for arg, a in field.args.items()
        if isinstance(a.type, GraphQLNonNull)
    )
    call = f"{name}({args})" if args else name
    named = get_named_type(field.type)
    selection = "" if isinstance(named, GraphQLScalarType) else " { __typename }"
    if isinstance(named, GraphQLUnionType) and "ForbiddenError" in {t.name for t in named.types}:
        selection = " { __typename ... on ForbiddenError { message } }"
    keyword = "mutation" if operation == "Mutation" else "query"
    return f"{keyword} {{ {call}{selection} }}"


CELLS = [
    (operation, name, field)
    for operation, root in ROOTS.items()
    for name, field in root.fields.items()  # type: ignore[union-attr]
]


def test_every_root_field_has_exactly_one_rule() -> None:
    for operation, root in ROOTS.items():
        fields = {_snake(name) for name in root.fields}  # type: ignore[union-attr]
        assert fields == set(RULES[operation]), operation


def _routes(routes: list[Any], prefix: str = "") -> set[tuple[str, str]]:
    """Every (method, path) the app serves, through included routers at any depth. A route of
    a kind this walk does not know fails it, so a FastAPI change cannot make it see nothing."""
    found: set[tuple[str, str]] = set()
    for route in routes:
        if isinstance(route, APIWebSocketRoute):
            found.add(("WS", prefix + route.path))
        elif isinstance(route, APIRoute | Route):
            found |= {(m, prefix + route.path) for m in (route.methods or set()) - {"HEAD"}}
        elif isinstance(route, Mount):
            found.add(("MOUNT", prefix + route.path))
        elif (nested := getattr(route, "original_router", None)) is not None:
            found |= _routes(nested.routes, prefix + route.include_context.prefix)
        else:
            raise AssertionError(f"a route of a kind the walk does not know: {route!r}")
    return found


def test_every_route_has_a_rule(neo4j_settings: Settings) -> None:
    routes = _routes(create_app(neo4j_settings).routes)
    assert routes == set(ROUTE_RULES), (routes - set(ROUTE_RULES), set(ROUTE_RULES) - routes)


def test_graphql_is_post_only_and_takes_no_socket(client: TestClient) -> None:
    assert client.get("/graphql", params={"query": "{ forces { code } }"}).status_code != 200
    socket = client.websocket_connect("/graphql", subprotocols=["graphql-transport-ws"])
    with pytest.raises(WebSocketDisconnect), socket:
        pass  # refused on connecting: there is no socket route


def _refused(response: Any, name: str) -> bool:
    body = response.json()
    if body.get("errors"):
        messages = " ".join(e["message"] for e in body["errors"])
        return " may not " in messages and "(a " in messages
    data = (body.get("data") or {}).get(name)
    return (
        isinstance(data, dict)
        and data.get("__typename") == "ForbiddenError"
        and (" may not " in str(data))
    )


@pytest.mark.parametrize("role", list(Role))
def test_each_role_against_every_root_field(client: TestClient, role: Role) -> None:
    """A role without the field's capability is refused by the rule; a role with it is not
    (it may still get 'not found' or 'invalid input' for the made-up arguments)."""
    viewer = Viewer(role, "walker", WEST_YORKSHIRE if role in FORCE_ROLES else None)
    headers = {} if role is Role.PUBLIC else {"Authorization": f"Bearer {_token(role)}"}
    wrong = []
    for operation, name, field in CELLS:
        allowed = access.may(viewer, RULES[operation][_snake(name)])
        document = _document(operation, name, field)
        if operation == "Mutation" and allowed:
            continue  # the allowed mutations are exercised by their own tests
        response = client.post("/graphql", json={"query": document}, headers=headers)
        assert response.status_code == 200, (document, response.text)
        if _refused(response, name) == allowed:
            wrong.append((document, response.json()))
    assert not wrong, wrong
