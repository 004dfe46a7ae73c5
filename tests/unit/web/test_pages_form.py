"""The report form's own checks and the referral it becomes; the status page's guards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from graph.errors import Problem
from pages import form
from pages.csrf import FormToken, field_for, valid
from pages.form import Answers

TODAY = date(2026, 12, 7)


@dataclass(frozen=True)
class Warning:
    """The shape of intake's warnings (a detail kept unverified): where, and why."""

    field: str
    reason: str


def _answers(**values: str) -> Answers:
    fields = {name: [value] for name, value in values.items()}
    return Answers.parse({**fields, "strands": ["race", "not-a-strand"]})


def test_every_problem_of_an_empty_form_at_once_in_page_order() -> None:
    errors = form.check(Answers.parse({}), TODAY)
    assert [e.field for e in errors] == [
        "role", "description", "platform", "url", "strands", "contact",
    ]  # fmt: skip


def test_dates_links_and_contact_are_checked_by_the_form() -> None:
    answers = _answers(
        role="victim", description="d", platform="x", url="x.com/post",
        **{"when-day": "1", "when-month": "1", "when-year": "2027"}, contact="yes",
    )  # fmt: skip
    assert {e.field: e.message for e in form.check(answers, TODAY)} == {
        "url": "Enter the link in the correct format, like https://www.example.com/post/123",
        "when-day": "The date it happened must be today or in the past",
        "email": "Enter an email address or a phone number so we can contact you",
    }
    partial = _answers(**{"when-day": "3", "when-year": "2026"})
    assert form.FieldError("when-month", "The date it happened must include a month") in (
        form.check(partial, TODAY)
    )


def test_the_referral_keeps_contact_details_only_with_consent() -> None:
    answers = _answers(
        role="third_party", description="d", platform="facebook", content_text="text",
        contact="no", name="Sam", email="sam@example.org", postcode="M1 1AE", handle="@h",
        **{"when-day": "31", "when-month": "5", "when-year": "2026"},
    )  # fmt: skip
    assert form.check(answers, TODAY) == []
    sent = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    payload = form.referral(answers, "ref-1", sent, TODAY)
    assert payload == {
        "source_ref": "ref-1",
        "submitted_at": "2026-12-07T10:00:00+00:00",
        "reporter": {"role": "third_party", "consent_to_contact": False, "postcode": "M1 1AE"},
        "incident": {
            "description": "d", "location_type": "online", "strands": ["race"],
            "occurred_at": "2026-05-31T00:00:00+01:00",
        },
        "content": [{"platform": "Facebook", "text": "text"}],
        "suspects": [{"platform": "Facebook", "handle": "@h"}],
    }  # fmt: skip


def test_intake_problems_and_warnings_are_put_beside_their_questions() -> None:
    problems = [
        Problem("reporter.email", "not an email address"),
        Problem("content[0]", "each content item needs a url or a text"),
        Problem("incident.force_code", "'XX' is not a known force code"),
    ]
    assert [(e.field, e.message) for e in form.from_intake(problems)] == [
        ("email", form.INTAKE_MESSAGES["email"]),
        ("url", form.INTAKE_MESSAGES["url"]),
        ("report-form", "incident.force_code: 'XX' is not a known force code"),
    ]
    warning = Warning("reporter.phone", "too short to be a phone number")
    assert form.warning_text(warning) == "Phone number: too short to be a phone number"


def test_tokens_the_hub_did_not_sign_are_refused() -> None:
    token = FormToken.new(datetime.now(UTC) - timedelta(minutes=5))
    assert FormToken.decode(token.encode()) == token
    form_id, issued, signature = token.encode().split(".")
    assert FormToken.decode(f"{form_id}.{int(issued) + 1}.{signature}") is None
    assert FormToken.decode("nonsense") is None
    assert valid("cookie", field_for("cookie"))
    assert not valid("cookie", field_for("another cookie"))
    assert not valid(None, field_for("cookie"))
