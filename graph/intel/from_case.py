"""Build a graded intelligence item from a case in the graph (POLE entities and links).

Persons: suspects named in reports (category suspect), victims and reporters (categories victim
and reporter: the export's sanitising removes them unless the item's purpose needs them).
Objects: the accounts named or posting, and the content's post identities. Location: each
victim's postcode and force. Event: the incident, with the hub references.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from graph.cypher import load_query
from graph.db import Graph, native
from graph.errors import NotFound
from graph.intel.models import IntelItem


def item_data(record: dict[str, Any], grade: dict[str, Any], summary: str, purpose: str,
              item_id: str, at: datetime) -> dict[str, Any]:  # fmt: skip
    event_id = f"event:{record['case_id']}"
    occurred = sorted(native(o) for o in record["occurred"] if o is not None)
    entities: list[dict[str, Any]] = [
        {
            "kind": "event", "id": event_id, "event_type": "incident",
            "occurred_from": occurred[0].isoformat() if occurred else None,
            "occurred_to": occurred[-1].isoformat() if occurred else None,
            "crime_reference": ", ".join(sorted(r for r in record["references"] if r)[:5]),
        }
    ]  # fmt: skip
    links: list[dict[str, str]] = []
    for account in record["accounts"]:
        oid = f"account:{account['key']}"
        entities.append(
            {"kind": "object", "id": oid, "object_type": "account",
             "identifier": f"@{account['handle']}", "platform": account["platform"]}
        )  # fmt: skip
        links.append({"source_id": oid, "type": "INVOLVED_IN", "target_id": event_id})
    for post_key in record["post_keys"]:
        if post_key:
            oid = f"url:{post_key}"
            entities.append(
                {"kind": "object", "id": oid, "object_type": "url", "identifier": post_key}
            )
            links.append({"source_id": oid, "type": "INVOLVED_IN", "target_id": event_id})
    people: dict[str, dict[str, Any]] = {}
    for role, category in (
        ("suspects", "suspect"),
        ("victims", "victim"),
        ("reporters", "reporter"),
    ):
        for person in record[role]:
            entry = people.setdefault(
                person["id"], {"kind": "person", "id": person["id"],
                               "full_name": person.get("name"), "categories": []}
            )  # fmt: skip
            entry["categories"].append(category)
            links.append({"source_id": person["id"], "type": "INVOLVED_IN", "target_id": event_id})
            if category == "victim" and person.get("postcode"):
                lid = f"location:{person['id']}"
                entities.append(
                    {"kind": "location", "id": lid, "postcode": person["postcode"],
                     "force_code": person.get("force_code")}
                )  # fmt: skip
                links.append({"source_id": person["id"], "type": "RESIDES_AT", "target_id": lid})
    entities += people.values()
    unique_links = {(link["source_id"], link["type"], link["target_id"]): link for link in links}
    return {
        "id": item_id, "created_at": at.isoformat(), "updated_at": at.isoformat(),
        "summary": summary, "purpose": purpose, "grade": grade, "case_ids": [record["case_id"]],
        "entities": entities, "relationships": list(unique_links.values()),
    }  # fmt: skip


def create_item(
    graph: Graph, case_id: str, grade: dict[str, Any], summary: str, purpose: str, by: str
) -> IntelItem:
    """Validate (3x5x2 grade, C needs conditions, POLE shape) and store one item."""
    rows = graph.read(load_query("intel/case_pole"), case_id=case_id)
    if not rows:
        raise NotFound(f"case {case_id!r} does not exist or has no reports")
    at = datetime.now(UTC)
    item = IntelItem.parse(item_data(rows[0], grade, summary, purpose, f"intel:{uuid.uuid4()}", at))
    graph.write(
        load_query("intel/create_item"),
        case_id=case_id,
        id=item.id,
        item=item.model_dump_json(),
        updated_at=item.updated_at,
        handling_code=item.grade.handling_code.value,
        created_by=by,
    )
    return item


def items_in_period(graph: Graph, since: datetime | None, until: datetime, page: int = 1000) -> Any:
    """Stored items with since < updated_at <= until, in export order, page by page."""
    after_at = datetime(1970, 1, 1, tzinfo=UTC)
    after_id = ""
    query = load_query("intel/items_in_period")
    while True:
        rows = graph.read(
            query, since=since, until=until, after_at=after_at, after_id=after_id, page=page
        )
        for row in rows:
            yield IntelItem.parse(json.loads(row["item"]))
        if len(rows) < page:
            return
        after_at, after_id = native(rows[-1]["updated_at"]), rows[-1]["id"]
