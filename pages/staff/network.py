"""The network view (``/staff/network?id=&kind=``): the accounts, persons, victims, content,
reports and cases around a case, an account or a person, and the relationships between them.

The page is the nodes and relationships as two tables, so it works without JavaScript and is
what keyboard and screen reader users get; with JavaScript, ``web/src/network.mjs`` fetches the
same neighbourhood as JSON from ``/staff/network.json`` (same origin, same query) and draws it
with Cytoscape.js above the tables. Both come from the analysts' neighbourhood use case
(``services/network.py``), hub staff only, which masks identifiers the viewer is not cleared
for; each answer is logged in the audit trail before it is sent.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from graph.audit.records import Operation
from graph.errors import Forbidden, GraphUnavailable, InvalidInput, NotFound
from graph.intel.network import EntityKind, NodeLabel
from pages.render import unavailable
from pages.staff.session import StaffSession
from pages.staff.view import caller_of, event, logged, session_of, staff_page, to_sign_in
from services import network
from services.network import NeighbourhoodValue, NetworkNode
from services.paging import PageRequest

router = APIRouter()

NODES_SHOWN = 150  # the nearest nodes a view shows (a page of the neighbourhood)
DEPTHS = (1, 2, 3)
DEFAULT_DEPTH = 3  # a case reaches its accounts and victims through its cluster and reports
MAX_ID_LENGTH = 300
KIND_TEXT = {
    EntityKind.CASE: "Case",
    EntityKind.ACCOUNT: "Account (platform|handle)",
    EntityKind.PERSON: "Person behind accounts",
    EntityKind.VICTIM: "Victim (person named in reports)",
    EntityKind.CONTENT: "Content cluster",
    EntityKind.REPORT: "Report",
}
# What each kind of node is called on the page, and the entity a node opens as its own view.
LABEL_TEXT = {
    NodeLabel.ACCOUNT: "Account",
    NodeLabel.REPORT: "Report",
    NodeLabel.CONTENT: "Content",
    NodeLabel.CONTENT_CLUSTER: "Content cluster",
    NodeLabel.CASE: "Case",
    NodeLabel.PERSON: "Person in a report",
    NodeLabel.EMAIL: "Email",
    NodeLabel.PHONE: "Phone",
    NodeLabel.IP_ADDRESS: "IP address",
}
OPENS_AS = {
    NodeLabel.ACCOUNT: EntityKind.ACCOUNT,
    NodeLabel.REPORT: EntityKind.REPORT,
    NodeLabel.CONTENT_CLUSTER: EntityKind.CONTENT,
    NodeLabel.CASE: EntityKind.CASE,
    NodeLabel.PERSON: EntityKind.VICTIM,
}
NOT_HUB = (
    "The network view draws the hub's whole graph around a case, an account or a person. "
    "It is for hub staff; a force sees its own cases in the force view."
)


@dataclass(frozen=True, slots=True)
class Asked:
    """What the view was asked for, checked; ``problems`` names each bad field."""

    id: str
    kind: EntityKind | None
    depth: int
    problems: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, id: str, kind: str, depth: str) -> Asked:
        problems = []
        wanted = id.strip()
        if len(wanted) > MAX_ID_LENGTH:
            problems.append(("id", f"Id must be {MAX_ID_LENGTH} characters or less"))
        chosen = EntityKind(kind) if kind in set(EntityKind) else None
        if kind and chosen is None:
            problems.append(("kind", "Select what the id is"))
        steps = int(depth) if depth.isdigit() else None
        if steps not in DEPTHS:
            problems.append(("depth", "Select how many steps to show, from 1 to 3"))
            steps = DEFAULT_DEPTH
        assert steps is not None
        return cls(wanted, chosen, steps, tuple(problems))

    @property
    def error_list(self) -> list[dict[str, str]]:
        return [{"text": text, "href": f"#{field}"} for field, text in self.problems]

    def query(self) -> str:
        return urllib.parse.urlencode(
            {"id": self.id, "kind": self.kind.value if self.kind else "", "depth": self.depth}
        )


def fetches_own(response: Response) -> Response:
    """The page's policy, letting its script fetch from the hub (the drawing's JSON) and
    nowhere else."""
    policy = response.headers["content-security-policy"]
    response.headers["content-security-policy"] = f"{policy}; connect-src 'self'"
    return response


def node_key(node: NetworkNode) -> str:
    """A node's one name on the page and in the drawing (ids are unique within a label)."""
    return f"{node.label.value}:{node.id}"


def view_of(found: NeighbourhoodValue) -> dict[str, Any]:
    """The neighbourhood as the page's tables and the drawing's JSON have it."""
    nodes = [
        {
            "key": node_key(n.node),
            "id": n.node.id,
            "label": n.node.label.value,
            "label_text": LABEL_TEXT[n.node.label],
            "distance": n.distance,
            "opens": _opens(n.node),
        }
        for n in found.nodes.values
    ]
    edges = [
        {"source": node_key(link.start), "target": node_key(link.end), "type": link.type.value}
        for link in found.links
    ]
    return {"nodes": nodes, "edges": edges, "more": found.nodes.has_next}


def _opens(node: NetworkNode) -> str | None:
    kind = OPENS_AS.get(node.label)
    if kind is None or node.id.startswith("hidden:"):
        return None
    query = urllib.parse.urlencode({"id": node.id, "kind": kind.value})
    return f"/staff/network?{query}"


async def _neighbourhood(
    request: Request, session: StaffSession, asked: Asked
) -> dict[str, Any]:  # fmt: skip
    found = await asyncio.to_thread(
        network.neighbourhood, caller_of(request, session), id=asked.id, kind=asked.kind,
        depth=asked.depth, request=PageRequest(first=NODES_SHOWN),
    )  # fmt: skip
    return view_of(found)


def _consulted(session: StaffSession, endpoint: str, view: dict[str, Any]) -> Any:
    return event(session, Operation.CONSULTATION, endpoint, "NetworkNode",
                 [n["key"] for n in view["nodes"]], ("nodes", "links"))  # fmt: skip


@router.get("/network", include_in_schema=False)
async def network_page(
    request: Request, id: str = "", kind: str = "", depth: str = str(DEFAULT_DEPTH)
) -> Response:  # fmt: skip
    session = session_of(request)
    if session is None:
        return to_sign_in(request)
    asked = Asked.of(id, kind, depth)
    context: dict[str, Any] = {
        "nav": "network", "asked": asked, "kinds": KIND_TEXT, "labels": LABEL_TEXT,
        "kind_items": [{"value": "", "text": "Work it out from the id"}] + [
            {"value": k.value, "text": text, "selected": k is asked.kind}
            for k, text in KIND_TEXT.items()
        ],
        "depth_items": [
            {"value": str(d), "text": str(d), "selected": d == asked.depth} for d in DEPTHS
        ],
    }  # fmt: skip
    if not session.viewer.is_hub_staff:
        return staff_page(request, session, "staff/network.html", 403, refused=NOT_HUB,
                          **context)  # fmt: skip
    if not asked.id or asked.problems:
        status = 400 if asked.problems else 200
        return staff_page(request, session, "staff/network.html", status, **context)
    try:
        view = await _neighbourhood(request, session, asked)
    except InvalidInput as bad:
        problems = tuple((p.field, p.message) for p in bad.problems)
        return staff_page(request, session, "staff/network.html", 400,
                          **{**context, "asked": Asked(asked.id, asked.kind, asked.depth,
                                                       problems)})  # fmt: skip
    except Forbidden:
        return staff_page(request, session, "staff/network.html", 403, refused=NOT_HUB,
                          **context)  # fmt: skip
    except NotFound:
        view = {"nodes": [], "edges": [], "more": False}
    except GraphUnavailable:
        return unavailable()
    shown = staff_page(request, session, "staff/network.html", view=view,
                       source=f"/staff/network.json?{asked.query()}", **context)  # fmt: skip
    return await logged(
        request, [_consulted(session, "web:GET /staff/network", view)], fetches_own(shown)
    )


@router.get("/network.json", include_in_schema=False)
async def network_json(
    request: Request, id: str = "", kind: str = "", depth: str = str(DEFAULT_DEPTH)
) -> Response:  # fmt: skip
    """The same neighbourhood as the page's tables, for the drawing."""
    session = session_of(request)
    if session is None:
        return JSONResponse({"error": "sign in to the workspace"}, 401)
    if not session.viewer.is_hub_staff:
        return JSONResponse({"error": NOT_HUB}, 403)
    asked = Asked.of(id, kind, depth)
    if not asked.id:
        asked = Asked(asked.id, asked.kind, asked.depth, (("id", "Enter an id"),))
    if asked.problems:
        return JSONResponse({"problems": [{"field": f, "message": m} for f, m in asked.problems]},
                            400)  # fmt: skip
    try:
        view = await _neighbourhood(request, session, asked)
    except InvalidInput as bad:
        return JSONResponse(
            {"problems": [{"field": p.field, "message": p.message} for p in bad.problems]}, 400
        )
    except Forbidden:
        return JSONResponse({"error": NOT_HUB}, 403)
    except NotFound:
        view = {"nodes": [], "edges": [], "more": False}
    except GraphUnavailable:
        return JSONResponse({"error": "the service is unavailable: try again shortly"}, 503)
    return await logged(request, [_consulted(session, "web:GET /staff/network.json", view)],
                        JSONResponse(view, headers={"cache-control": "no-store"}))  # fmt: skip
