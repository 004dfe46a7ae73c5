"""The package's content for one recipient force, as plain JSON-able values (pure).

:func:`build` takes the case state (``gather``), the assessment and assignment the rules give
as of the package's time (``graph/cases/store.py`` ``view``) and the forces' names, and
returns the document ``package.json`` holds and ``package.pdf`` shows. Times are ISO 8601 UTC
text; lists keep the order the state gave them; nothing depends on when it is built.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from graph.cases.store import CaseView
from graph.evidence.gather import CaseState
from graph.evidence.redaction import redact_evidence, withheld_features, withheld_notes
from graph.evidence.timeline import events, iso
from graph.intel.models import IntelItem
from graph.removals.store import Referral

SCHEMA = "ohch-evidence-content/1"


def jsonable(value: Any) -> Any:
    """Datetimes as ISO UTC text, dates as ISO text, enums as values, tuples as lists."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return items if isinstance(value, list | tuple) else sorted(items)
    return value


def text_sha256(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def intel_items(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each intelligence item by its grade, purpose and summary (never its POLE entities)."""
    out = []
    for stored in record["intel"]:
        item = IntelItem.parse(json.loads(stored["item"]))
        grade = item.grade
        out.append(
            {
                "id": item.id,
                "created_at": item.created_at,
                "updated_at": item.updated_at,
                "created_by": stored["by"],
                "purpose": item.purpose.value,
                "summary": item.summary,
                "grade": {
                    "code": grade.code,
                    "source_evaluation": f"{grade.source_evaluation.value} "
                    f"({grade.source_evaluation.label})",
                    "intelligence_assessment": f"{grade.intelligence_assessment.value} "
                    f"({grade.intelligence_assessment.label})",
                    "handling_code": f"{grade.handling_code.value} ({grade.handling_code.label})",
                    "handling_conditions": list(grade.handling_conditions),
                    "legacy": None if grade.legacy is None else grade.legacy.code,
                },
            }
        )
    return out


def captures(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every content capture with the SHA-256 of its text (UTF-8) and its evidence files."""
    out = []
    for r in reports:
        for c in r["captures"]:
            files = json.loads(c["attachments"]) if c["attachments"] else []
            out.append(
                {
                    "report": r["reference"],
                    "content_id": c["content_id"],
                    "platform": c["platform"],
                    "url": c["url"],
                    "url_as_reported": c["raw_url"],
                    "captured_at": c["captured_at"],
                    "text": c["text"],
                    "text_sha256": text_sha256(c["text"]),
                    "files": [
                        {
                            "filename": f["filename"],
                            "media_type": f["media_type"],
                            "sha256": f["sha256"],
                        }
                        for f in files
                    ],
                }
            )
    return out


def report_entries(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keep = (
        "id",
        "reference",
        "source",
        "source_ref",
        "received_at",
        "submitted_at",
        "occurred_at",
        "description",
        "strands",
        "online",
        "location_type",
        "chosen_force_code",
        "anonymous",
        "cluster_id",
        "named_accounts",
        "parties",
    )
    return [{k: r[k] for k in keep} for r in reports]


def identities(state: CaseState) -> list[dict[str, Any]]:
    withheld = withheld_features(state.recipient_viewer.may_read_disclosures)
    return [
        {
            "person_id": p["person_id"],
            "accounts": p["accounts"],
            "accounts_capped": p["capped"],
            "judgements": [
                {**j, "evidence": redact_evidence(j["evidence"], withheld)} for j in p["judgements"]
            ],
            "disclosures": p["disclosures"],
        }
        for p in state.identities
    ]


def referral_entry(referral: Referral) -> dict[str, Any]:
    entry: dict[str, Any] = asdict(referral)
    entry["steps"] = [asdict(s) for s in referral.steps]
    return entry


def summary(
    state: CaseState, view: CaseView, intel: list[dict[str, Any]], forces: Mapping[str, str]
) -> dict[str, Any]:
    record = state.record
    assessment = view.assessment
    assigned = record["assigned"]
    decisions = record["decisions"]
    return {
        "case_id": record["id"],
        "status": record["status"],
        "first_received_at": view.evidence.received_at,
        "occurred_on": view.evidence.occurred_on,
        "strands": list(view.evidence.strands),
        "reports": len(state.reports),
        "content_captures": sum(len(r["captures"]) for r in state.reports),
        "suspect_accounts": sorted(
            {a["key"] for p in state.identities for a in p["accounts"] if a["in_case"]}
        ),
        "recommendation": assessment.recommendation.value,
        "hate_crime": assessment.hate_flag,
        "recordable_offences": [
            f"{c.title} ({'; '.join(filter(None, (c.citation, c.recording_codes)))})"
            for c in assessment.candidates
            if c.recordable
        ],
        "latest_decision": decisions[-1]["decided"] if decisions else None,
        "assigned_force": None
        if assigned is None
        else {"code": assigned["code"], "name": assigned["name"], "rule": assigned["rule"]},
        "notified_forces": [n["code"] for n in record["notified"]],
        "intelligence_grades": [i["grade"]["code"] for i in intel],
        "removal_referrals": [f"{r.platform}: {r.status.value}" for r in state.referrals],
        "linked_cases": len(state.linked),
    }


def build(
    state: CaseState, view: CaseView, as_of: datetime, forces: Mapping[str, str]
) -> dict[str, Any]:
    """The package's content (see the module docstring)."""
    record = state.record
    intel = intel_items(record)
    timeline = events(record, state.reports, state.identities, state.referrals, intel, forces)
    content: dict[str, Any] = jsonable(
        {
            "schema": SCHEMA,
            "case_id": record["id"],
            "as_of": as_of,
            "recipient": {**record["recipient"], "relation": record["relation"]},
            "summary": summary(state, view, intel, forces),
            "timeline": [e.as_json() for e in timeline],
            "captures": captures(state.reports),
            "reports": report_entries(state.reports),
            "identities": identities(state),
            "assessment": view.assessment.model_dump(mode="json"),
            "case_facts": [{**f, "facts": json.loads(f["facts"])} for f in record["facts"]],
            "decisions": record["decisions"],
            "assignment": {
                "current": record["assigned"],
                "notified": record["notified"],
                "history": record["assignments"],
                "rules_as_of": view.assignment.model_dump(mode="json"),
            },
            "outcomes": record["outcomes"],
            "case_changes": record["changes"],
            "intelligence": intel,
            "removal_referrals": [referral_entry(r) for r in state.referrals],
            "linked_cases": state.linked,
            "withheld": withheld_notes(state.recipient_viewer.may_read_disclosures),
        }
    )
    return content
