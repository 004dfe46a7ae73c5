"""What each legal basis needs, and the steps of a request, as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph.data_requests import rules
from graph.data_requests.policy import data_request_policy
from graph.data_requests.rules import Kind, LegalBasis, Status
from graph.errors import Conflict, InvalidInput

K, B = Kind, LegalBasis

# (kind, basis, reference, justification, fields refused)
REQUESTS = [
    (K.PRESERVATION, B.VOLUNTARY, None, None, set()),
    (K.PRESERVATION, B.EMERGENCY, None, "threat to kill with an address", set()),
    (K.PRESERVATION, B.EMERGENCY, None, " ", {"justification"}),
    (K.PRESERVATION, B.OVERSEAS_PRODUCTION_ORDER, "OPO-1", None, {"legalBasis"}),
    (K.DISCLOSURE, B.VOLUNTARY, None, None, set()),
    (K.DISCLOSURE, B.IPA_AUTHORISATION, "OCDA/2026/0411", None, set()),
    (K.DISCLOSURE, B.IPA_AUTHORISATION, None, None, {"authorisationReference"}),
    (K.DISCLOSURE, B.OVERSEAS_PRODUCTION_ORDER, "", None, {"authorisationReference"}),
    (K.PRESERVATION, B.OVERSEAS_PRODUCTION_ORDER, None, None,
     {"legalBasis", "authorisationReference"}),  # every problem at once
]  # fmt: skip


@pytest.mark.parametrize(("kind", "basis", "reference", "justification", "refused"), REQUESTS)
def test_what_each_basis_needs(
    kind: Kind, basis: LegalBasis, reference: str | None, justification: str | None,
    refused: set[str],
) -> None:  # fmt: skip
    if not refused:
        rules.check_request(kind, basis, reference, justification)
        return
    with pytest.raises(InvalidInput) as caught:
        rules.check_request(kind, basis, reference, justification)
    assert {p.field for p in caught.value.problems} == refused


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        (Status.DRAFTED, Status.AUTHORISED, True),
        (Status.DRAFTED, Status.SENT, False),  # a supervisor authorises first
        (Status.AUTHORISED, Status.SENT, True),
        (Status.SENT, Status.ANSWERED, True),
        (Status.SENT, Status.LAPSED, True),
        (Status.SENT, Status.WITHDRAWN, True),
        (Status.ANSWERED, Status.WITHDRAWN, False),
        (Status.LAPSED, Status.SENT, False),
    ],
)
def test_the_steps(current: Status, to: Status, allowed: bool) -> None:
    if allowed:
        rules.check_step(current, to)
    else:
        with pytest.raises(Conflict, match=f"a {current.value} request cannot become"):
            rules.check_step(current, to)


def test_preservation_lasts_90_days_and_is_flagged_14_before() -> None:
    policy = data_request_policy()
    sent = datetime(2026, 6, 1, 12, tzinfo=UTC)
    ends = policy.preserved_until("x", sent)
    assert ends == sent + timedelta(days=90)
    assert policy.reminder_from(ends) == ends - timedelta(days=14)
    assert policy.extended(ends) == ends + timedelta(days=90)
