"""Every GraphQL root field and REST route, and the capability it needs: the API's role rules
as a table a reader can check against ``graph/access.py``.

The schema is built with a gate on every root field that applies this table before the
resolver runs (``api/graphql/gate.py``); a root field or a route missing from it fails the
schema's build and the route walk in the tests, so a new way in cannot arrive without a rule.
Nested fields are reached only through a gated root, and queries that return personal data
filter by the viewer inside Cypher as well.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.access import Capability
from graph.audit.records import Operation

C = Capability
Op = Operation

QUERY_RULES: Mapping[str, Capability] = {
    "forces": C.REFERENCE_DATA,
    "force": C.REFERENCE_DATA,
    "force_for_postcode": C.REFERENCE_DATA,
    "viewer": C.OWN_IDENTITY,
    "content": C.HUB_CASEWORK,
    "report": C.HUB_CASEWORK,
    "case": C.HUB_CASEWORK,
    "review_queue": C.HUB_CASEWORK,
    "cases_to_assess": C.HUB_CASEWORK,
    "person": C.HUB_CASEWORK,
    "campaigns": C.HUB_CASEWORK,
    "neighbourhood": C.HUB_CASEWORK,
    "shortest_paths": C.HUB_CASEWORK,
    "prolific_accounts": C.HUB_CASEWORK,
    "prolific_persons": C.HUB_CASEWORK,
    "repeat_victims": C.HUB_CASEWORK,
    "most_reported_content": C.HUB_CASEWORK,
    "trends": C.HUB_CASEWORK,
    "period_statistics": C.HUB_CASEWORK,  # figures only: hub and intelligence roles
    "account": C.IDENTITY_EVIDENCE,
    "identity_review_queue": C.IDENTITY_EVIDENCE,
    "force_cases": C.FORCE_CASES,
    "force_case": C.FORCE_CASES,
    "audit_trail": C.READ_AUDIT,
    "removal_referrals": C.REFER_CONTENT,
    "removal_stats": C.REFER_CONTENT,
    "data_requests": C.IDENTITY_EVIDENCE,
    "reupload_alerts": C.REFER_CONTENT,
    "repeat_reuploaders": C.REFER_CONTENT,
    "update_outbox": C.HUB_CASEWORK,
    "no_enforcement_reasons": C.HUB_CASEWORK,
    "intake_conflicts": C.HUB_CASEWORK,
    "guidance_library": C.FORCE_CASES,
    "hate_crime_leads": C.FORCE_CASES,
    "hate_crime_lead_history": C.FORCE_CASES,
    "outcome_report": C.HUB_CASEWORK,
    "report_status": C.CHECK_OWN_REPORT,  # audited by the use case, answered or not
}

MUTATION_RULES: Mapping[str, Capability] = {
    "submit_referral": C.SUBMIT_REFERRAL,
    "confirm_duplicate": C.HUB_CASEWORK,
    "reject_duplicate": C.HUB_CASEWORK,
    "undo_duplicate_judgement": C.HUB_CASEWORK,
    "merge_content": C.HUB_CASEWORK,
    "split_content": C.HUB_CASEWORK,
    "decide_review": C.HUB_CASEWORK,
    "merge_cases": C.HUB_CASEWORK,
    "split_case": C.HUB_CASEWORK,
    "record_case_facts": C.HUB_CASEWORK,
    "decide_assessment": C.HUB_CASEWORK,
    "assign_case": C.HUB_CASEWORK,
    "reassign_case": C.HUB_CASEWORK,
    "report_outcome": C.RECORD_OUTCOME,  # then only the assigned force (services/cases.py)
    "create_intel_item": C.CREATE_INTELLIGENCE,
    "judge_identity": C.IDENTITY_EVIDENCE,
    "judge_identity_group": C.IDENTITY_EVIDENCE,
    "submit_disclosure": C.IDENTITY_EVIDENCE,
    "refer_content": C.REFER_CONTENT,
    "approve_removal_referral": C.APPROVE_REQUESTS,
    "record_removal_answer": C.REFER_CONTENT,
    "refer_reupload": C.REFER_CONTENT,
    "dismiss_reupload_alert": C.REFER_CONTENT,
    "request_platform_data": C.IDENTITY_EVIDENCE,
    "authorise_data_request": C.APPROVE_REQUESTS,
    "record_data_request_step": C.IDENTITY_EVIDENCE,
    "extend_preservation": C.IDENTITY_EVIDENCE,
    "link_disclosure_to_request": C.IDENTITY_EVIDENCE,
    "set_hate_crime_lead": C.MAINTAIN_DIRECTORY,
    "record_no_enforcement": C.HUB_CASEWORK,
}

# Fields that need no more than these are not audited by the tap: reference data and the
# viewer reveal no personal data, and a status check is audited by its use case, answered or
# not (services/status.py). Every other root field is (api/graphql/audit_tap.py): a query as a
# consultation, a mutation as below.
UNAUDITED = frozenset({C.REFERENCE_DATA, C.OWN_IDENTITY, C.CHECK_OWN_REPORT})

MUTATION_OPERATIONS: Mapping[str, Operation] = {
    "submit_referral": Op.COLLECTION,
    "submit_disclosure": Op.COLLECTION,
    "create_intel_item": Op.COLLECTION,
    "confirm_duplicate": Op.COMBINATION,
    "merge_content": Op.COMBINATION,
    "decide_review": Op.COMBINATION,
    "merge_cases": Op.COMBINATION,
    "judge_identity": Op.COMBINATION,
    "judge_identity_group": Op.COMBINATION,
    "reject_duplicate": Op.ALTERATION,
    "undo_duplicate_judgement": Op.ALTERATION,
    "split_content": Op.ALTERATION,
    "split_case": Op.ALTERATION,
    "record_case_facts": Op.ALTERATION,
    "decide_assessment": Op.ALTERATION,
    "assign_case": Op.ALTERATION,
    "reassign_case": Op.ALTERATION,
    "report_outcome": Op.ALTERATION,
    "refer_content": Op.COLLECTION,
    "approve_removal_referral": Op.ALTERATION,
    "record_removal_answer": Op.ALTERATION,
    "refer_reupload": Op.COLLECTION,
    "dismiss_reupload_alert": Op.ALTERATION,
    "request_platform_data": Op.COLLECTION,
    "authorise_data_request": Op.ALTERATION,
    "record_data_request_step": Op.ALTERATION,
    "extend_preservation": Op.ALTERATION,
    "link_disclosure_to_request": Op.COMBINATION,
    "set_hate_crime_lead": Op.COLLECTION,
    "record_no_enforcement": Op.ALTERATION,
}

# (method, path) -> capability; ``None`` marks a probe that carries no data and needs no viewer.
ROUTE_RULES: Mapping[tuple[str, str], Capability | None] = {
    ("GET", "/healthz"): None,
    ("GET", "/readyz"): None,
    ("GET", "/metrics"): None,  # counts only; a bearer token of its own (OHCH_METRICS_TOKEN)
    # FastAPI's description of the API and its pages, served only where explorable.
    ("GET", "/openapi.json"): None,
    ("GET", "/docs"): None,
    ("GET", "/docs/oauth2-redirect"): None,
    ("GET", "/redoc"): None,
    ("POST", "/api/v1/referrals"): C.SUBMIT_REFERRAL,
    ("POST", "/api/v1/status"): C.CHECK_OWN_REPORT,  # with the reference's access code
    # Evidence files: sent with the report's access code (or by hub staff), downloaded by hub
    # staff only, each download audited by its use case (services/attachments.py).
    ("POST", "/api/v1/referrals/{reference}/evidence"): C.SUBMIT_REFERRAL,
    ("GET", "/api/v1/evidence/{sha256}"): C.HUB_CASEWORK,
    ("GET", "/graphql"): None,  # the IDE page, development only (queries are POST only)
    ("POST", "/graphql"): C.REFERENCE_DATA,  # then each root field's own rule
    # The public web pages (pages/): information, the report form, the complainant's status.
    ("GET", "/"): None,
    ("GET", "/accessibility"): None,
    ("GET", "/privacy"): None,
    ("GET", "/report"): C.SUBMIT_REFERRAL,
    ("POST", "/report/check"): C.SUBMIT_REFERRAL,  # the answers to check: nothing sent yet
    ("POST", "/report/change"): C.SUBMIT_REFERRAL,  # the form again, with the answers
    ("POST", "/report"): C.SUBMIT_REFERRAL,
    ("POST", "/report/evidence"): C.SUBMIT_REFERRAL,  # files, with the report's access code
    ("GET", "/status"): None,  # reference and access code: the complainant's own status
    ("POST", "/status"): C.CHECK_OWN_REPORT,
    ("MOUNT", "/assets"): None,  # built CSS, JavaScript and images
    # The staff workspace (pages/staff/): signing in and out needs no viewer; every page
    # needs a signed-in staff session, and each shows what its use cases let the role see.
    ("GET", "/staff/sign-in"): None,
    ("GET", "/staff/sign-in/callback"): None,
    ("POST", "/staff/sign-out"): None,
    ("GET", "/staff/signed-out"): None,
    ("GET", "/staff"): C.FORCE_CASES,
    # Search, the case page and its actions, the duplicate review queue (pages/staff/): each
    # use case then applies its own rule and the force scope (services/search.py, ...).
    ("GET", "/staff/search"): C.FORCE_CASES,  # names for hub staff only
    ("GET", "/staff/cases/{case_id}"): C.FORCE_CASES,  # hub parts for hub staff only
    ("POST", "/staff/cases/{case_id}/decision"): C.HUB_CASEWORK,
    ("POST", "/staff/cases/{case_id}/assignment"): C.HUB_CASEWORK,
    ("POST", "/staff/cases/{case_id}/referral"): C.REFER_CONTENT,
    ("POST", "/staff/cases/{case_id}/outcome"): C.RECORD_OUTCOME,  # the assigned force only
    # The signed evidence package: hub case-work (for the assigned force) or the case's own
    # force; each download logged as a disclosure by its use case (services/evidence.py).
    ("GET", "/staff/cases/{case_id}/evidence-package"): C.FORCE_CASES,
    ("GET", "/staff/review"): C.HUB_CASEWORK,
    ("POST", "/staff/review/{review_id}"): C.HUB_CASEWORK,
    # The force view: for force roles only (hub staff get a 403 page), as their scope allows.
    # Its case page is the one case page now: the old addresses redirect there.
    ("GET", "/staff/force"): C.FORCE_CASES,
    ("GET", "/staff/force/cases/{case_id}"): C.FORCE_CASES,
    ("POST", "/staff/force/cases/{case_id}/outcome"): C.RECORD_OUTCOME,
    # The network view and trends: hub staff (force roles get a 403 page), from the analysts'
    # use cases (services/network.py, services/analytics.py); the drawing's JSON and the CSV
    # are the same answers as the pages' tables.
    ("GET", "/staff/network"): C.HUB_CASEWORK,
    ("GET", "/staff/network.json"): C.HUB_CASEWORK,
    ("GET", "/staff/trends"): C.HUB_CASEWORK,
    ("GET", "/staff/trends.csv"): C.HUB_CASEWORK,
}
