"""The sections of a package's PDF, one function each, from the package's content (pure).

The order follows what a force asks first: the summary and timeline, the captured content and
its hashes, the reports, why the accounts are this person, the assessment, the assignment,
decisions and outcomes, intelligence, the platform's removal referrals, linked cases, and what
the package withholds.
"""

from __future__ import annotations

import json
from typing import Any

from graph.evidence.pdf import Flowable, gap, heading, pairs, para, render, table

Content = dict[str, Any]


def _front(c: Content) -> list[Flowable]:
    r = c["recipient"]
    return [
        para("Evidence package", "title"),
        pairs(
            [
                ("Case", c["case_id"]),
                ("For", f"{r['name']} ({r['code']}), {r['relation'].lower()} force"),
                ("As of", c["as_of"]),
                ("From", "National Online Hate Crime Hub"),
            ]
        ),
        gap(),
        para(
            "This PDF shows what package.json holds. manifest.json lists every file of the "
            "package with its SHA-256, and manifest.sig is the hub's Ed25519 signature over "
            "it: check both with 'ohch evidence verify' and the hub's published key "
            "fingerprint. Times are UTC."
        ),
    ]


def _summary(c: Content) -> list[Flowable]:
    s = c["summary"]
    force = s["assigned_force"]
    return [
        heading("1. Summary"),
        pairs(
            [
                ("Status", s["status"]),
                ("First received", s["first_received_at"]),
                ("Occurred on", s["occurred_on"]),
                ("Strands", s["strands"]),
                ("Reports", s["reports"]),
                ("Content captures", s["content_captures"]),
                ("Suspect accounts", s["suspect_accounts"]),
                ("Recommendation", s["recommendation"]),
                ("Hate crime", s["hate_crime"]),
                ("Recordable offences", s["recordable_offences"]),
                ("Latest decision", s["latest_decision"]),
                (
                    "Assigned force",
                    None
                    if force is None
                    else f"{force['name']} ({force['code']}), rule {force['rule']}",
                ),
                ("Notified forces", s["notified_forces"]),
                ("Intelligence grades", s["intelligence_grades"]),
                ("Removal referrals", s["removal_referrals"]),
                ("Linked cases", s["linked_cases"]),
            ]
        ),
    ]


def _timeline(c: Content) -> list[Flowable]:
    rows = [(e["at"], e["what"]) for e in c["timeline"]]
    return [heading("2. Timeline"), table(("When (UTC)", "What"), rows, (0.25, 0.75))]


def _captures(c: Content) -> list[Flowable]:
    out = [heading("3. Content captures and evidence files")]
    for n, cap in enumerate(c["captures"], start=1):
        out += [
            heading(f"Capture {n}, report {cap['report']}", 2),
            pairs(
                [
                    ("Platform", cap["platform"]),
                    ("Address", cap["url"]),
                    ("As reported", cap["url_as_reported"]),
                    ("Captured at", cap["captured_at"]),
                    ("Text", cap["text"]),
                    ("Text SHA-256 (UTF-8)", cap["text_sha256"]),
                ]
            ),
            gap(),
            table(
                ("Evidence file", "Media type", "SHA-256"),
                [(f["filename"], f["media_type"], f["sha256"]) for f in cap["files"]],
                (0.3, 0.18, 0.52),
            ),
        ]
    return out


def _party(p: dict[str, Any]) -> tuple[object, ...]:
    roles = [r if r != "reporter" else f"reporter ({p['reporter_role']})" for r in p["roles"]]
    if p["masked"]:
        return (roles, "masked", "", "", "", "", p["force_code"])
    return (
        roles,
        p["name"],
        p["postcode"],
        p["email"],
        p["phone"],
        p["consent_to_contact"],
        p["force_code"],
    )


def _reports(c: Content) -> list[Flowable]:
    out = [heading("4. Reports")]
    for r in c["reports"]:
        out += [
            heading(f"Report {r['reference']}", 2),
            pairs(
                [
                    ("Source", f"{r['source']} {r['source_ref']}"),
                    ("Received", r["received_at"]),
                    ("Submitted", r["submitted_at"]),
                    ("Occurred", r["occurred_at"]),
                    ("Strands", r["strands"]),
                    ("Online", r["online"]),
                    ("Force chosen", r["chosen_force_code"]),
                    ("Description", r["description"]),
                    ("Accounts named", [a["key"] for a in r["named_accounts"]]),
                ]
            ),
            gap(),
            table(
                ("Role", "Name", "Postcode", "Email", "Phone", "Consent", "Force"),
                [_party(p) for p in r["parties"]],
                (0.18, 0.16, 0.1, 0.2, 0.14, 0.08, 0.14),
            ),
        ]
    return out


def _features(evidence: dict[str, Any]) -> list[tuple[object, ...]]:
    return [
        (e["feature"], e["left"], e["right"], e["level"], e["weight"], e["note"])
        for e in evidence.get("evidence", [])
        if isinstance(e, dict) and "feature" in e
    ]


def _identities(c: Content) -> list[Flowable]:
    out = [heading("5. Why these accounts are this person")]
    if not c["identities"]:
        out.append(para("No suspect account is recorded for this case."))
    for p in c["identities"]:
        out += [
            heading(f"Person {p['person_id']}", 2),
            table(
                ("Account", "Platform", "Handle", "In this case"),
                [(a["key"], a["platform"], a["handle"], a["in_case"]) for a in p["accounts"]],
                (0.4, 0.15, 0.3, 0.15),
            ),
        ]
        for j in p["judgements"]:
            ev = j["evidence"]
            out += [
                para(
                    f"{j['left']} and {j['right']}: {j['verdict']}, score {j['score']}, by "
                    f"{j['actor']} at {j['at']}. {j['reason']}"
                ),
                para(f"Bits {ev.get('bits', '')}, probability {ev.get('probability', '')}")
                if "bits" in ev
                else gap(),
                table(
                    ("Feature", "Left", "Right", "Level", "Weight (bits)", "Note"),
                    _features(ev),
                    (0.13, 0.18, 0.18, 0.11, 0.1, 0.3),
                ),
            ]
        rows = [
            (
                d["id"],
                d["account"],
                d["received_at"],
                d["legal_basis"],
                d["withdrawn_at"],
                [f"{q['id']} ({q['kind']}, {q['status']})" for q in d["requests"]],
                [*d["emails"], *d["phones"], *d["ips"]],
            )
            for d in p["disclosures"]
        ]
        out += [
            heading("Platform disclosures", 2),
            table(
                (
                    "Disclosure",
                    "Account",
                    "Received",
                    "Legal basis",
                    "Withdrawn",
                    "Requests behind it",
                    "Values",
                ),
                rows,
                (0.14, 0.16, 0.14, 0.16, 0.1, 0.15, 0.15),
            ),
        ]
    return out


def _assessment(c: Content) -> list[Flowable]:
    a = c["assessment"]
    out = [
        heading("6. Assessment"),
        pairs(
            [
                ("Recommendation", a["recommendation"]),
                ("Hate crime", a["hate_flag"]),
                ("Strands", a["strands"]),
                ("Perception test met", a["perception_satisfied"]),
                ("Enhanced rights", a["enhanced_rights"]),
                ("Jurisdiction", a["jurisdiction"]),
                ("Policy", f"{a['policy_id']}, offence table v{a['offence_table_version']}"),
                ("Reasons", "\n".join(a["reasons"])),
            ]
        ),
    ]
    for o in a["candidates"]:
        out += [
            heading(f"{o['title']} ({o['citation']})", 2),
            para(
                f"Recordable: {'yes' if o['recordable'] else 'no'}. Aggravated form: "
                f"{'yes' if o['aggravated_form'] else 'no'}. Attorney General's consent: "
                f"{'needed' if o['ag_consent'] else 'not needed'}."
            ),
            table(
                ("Point to prove", "Kind", "Status"),
                [(p["text"], p["kind"], p["status"]) for p in o["points"]],
                (0.7, 0.15, 0.15),
            ),
        ]
    rows = [
        (d["name"], d["rule"], d["offence_id"], d["due_at"], d["status"], d["note"])
        for d in a["deadlines"]
    ]
    out += [
        heading(f"Deadlines (status as of {c['as_of']})", 2),
        table(
            ("Deadline", "Rule", "Offence", "Due (UTC)", "Status", "Note"),
            rows,
            (0.18, 0.22, 0.14, 0.16, 0.1, 0.2),
        ),
    ]
    return out


def _assignment(c: Content) -> list[Flowable]:
    a = c["assignment"]
    current = a["current"]
    latest = a["history"][-1] if a["history"] else None
    rules = a["rules_as_of"]
    return [
        heading("7. Assignment"),
        pairs(
            [
                (
                    "Assigned to",
                    None if current is None else f"{current['name']} ({current['code']})",
                ),
                ("Rule", None if latest is None else latest["rule"]),
                ("Reasons", None if latest is None else "\n".join(latest["reasons"] or [])),
                (
                    "Recorded",
                    None
                    if latest is None
                    else f"{latest['at']} by {latest['by']}: {latest['reason']}",
                ),
                ("Notified", [f"{n['name']} ({n['role']}): {n['reason']}" for n in a["notified"]]),
            ]
        ),
        heading("History", 2),
        table(
            ("When", "From", "To", "Rule", "Why", "By"),
            [
                (
                    h["at"],
                    h["from_force"],
                    h["to_force"],
                    h["rule"],
                    "; ".join(h["reasons"] or [h["reason"]]),
                    h["by"],
                )
                for h in a["history"]
            ],
            (0.16, 0.12, 0.12, 0.16, 0.32, 0.12),
        ),
        heading("What the rules give as of the package's time", 2),
        pairs(
            [
                ("Disposition", rules["disposition"]),
                ("Lead force", rules["lead_force_code"]),
                ("Rule", rules["rule"]),
                ("Confidence", rules["confidence"]),
                ("Reasons", "\n".join(rules["reasons"])),
                (
                    "Inputs used",
                    "\n".join(
                        f"{i['field']} = {i['value']}: {i['basis']}" for i in rules["inputs_used"]
                    ),
                ),
            ]
        ),
    ]


def _decisions(c: Content) -> list[Flowable]:
    return [
        heading("8. Decisions, facts and outcomes"),
        table(
            ("When", "Recommended", "Decided", "Accepted", "By", "Reason"),
            [
                (d["at"], d["recommended"], d["decided"], d["accepted"], d["by"], d["reason"])
                for d in c["decisions"]
            ],
            (0.16, 0.14, 0.14, 0.09, 0.13, 0.34),
        ),
        gap(),
        table(
            ("Facts recorded", "By", "Facts"),
            [(f["at"], f["by"], json.dumps(f["facts"], sort_keys=True)) for f in c["case_facts"]],
            (0.16, 0.14, 0.7),
        ),
        gap(),
        table(
            ("Outcome reported", "Code", "Outcome", "By", "Force"),
            [(o["at"], o["code"], o["name"], o["by"], o["force_code"]) for o in c["outcomes"]],
            (0.18, 0.08, 0.44, 0.15, 0.15),
        ),
    ]


def _intelligence(c: Content) -> list[Flowable]:
    rows = [
        (
            i["id"],
            i["grade"]["code"],
            "\n".join(
                [
                    i["grade"]["source_evaluation"],
                    i["grade"]["intelligence_assessment"],
                    i["grade"]["handling_code"],
                    *i["grade"]["handling_conditions"],
                ]
            ),
            i["purpose"],
            i["summary"],
            f"{i['created_at']} by {i['created_by']}",
        )
        for i in c["intelligence"]
    ]
    return [
        heading("9. Intelligence grading"),
        table(
            ("Item", "Grade", "3x5x2", "Purpose", "Summary", "Graded"),
            rows,
            (0.16, 0.07, 0.27, 0.12, 0.22, 0.16),
        ),
    ]


def _removals(c: Content) -> list[Flowable]:
    out = [heading("10. Platform removal referrals")]
    if not c["removal_referrals"]:
        out.append(para("None."))
    for r in c["removal_referrals"]:
        out += [
            heading(f"Referral {r['id']} to {r['platform']}: {r['status']}", 2),
            pairs(
                [
                    ("Content", r["url"] or r["content_id"]),
                    ("Reason", r["reason"]),
                    ("Evidence SHA-256", r["evidence"]),
                    ("Accounts", r["accounts"]),
                    ("Sent", r["sent_at"]),
                    ("Answer due", r["due_at"]),
                    ("Answered", r["answered_at"]),
                    ("Answer", r["answer_note"]),
                ]
            ),
            gap(),
            table(
                ("When", "Step", "By", "Note"),
                [(s["at"], s["status"], s["by"], s["note"]) for s in r["steps"]],
                (0.2, 0.15, 0.15, 0.5),
            ),
        ]
    return out


def _linked(c: Content) -> list[Flowable]:
    rows = [
        (
            k["case_id"],
            k["status"],
            None if k["force"] is None else k["force"]["name"],
            k["reasons"],
        )
        for k in c["linked_cases"]
    ]
    return [
        heading("11. Linked cases"),
        table(("Case", "Status", "Force", "Linked by"), rows, (0.4, 0.12, 0.25, 0.23)),
        heading("12. What this package withholds"),
        *[para(f"• {note}") for note in c["withheld"]],
    ]


SECTIONS = (
    _front,
    _summary,
    _timeline,
    _captures,
    _reports,
    _identities,
    _assessment,
    _assignment,
    _decisions,
    _intelligence,
    _removals,
    _linked,
)


def render_package(content: Content) -> bytes:
    """The PDF of a package's content."""
    recipient = content["recipient"]["code"]
    footer = f"Evidence package {content['case_id']} for {recipient}, as of {content['as_of']}"
    return render(
        lambda: [flowable for section in SECTIONS for flowable in section(content)],
        title=f"Evidence package {content['case_id']}",
        footer=footer,
    )
