"""The public pages' language: chosen with ``?lang=``, remembered in a cookie, English by
default; every message made in Python shown in the page's language, dates in Welsh; the
staff pages untouched."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from graph.errors import Problem
from graph.updates.templates import Language, phrase
from ingest import limits
from pages import form, i18n, info, render
from pages.form import Answers
from pages.i18n import Text
from pages.status import timeline_rows
from services.status import Progress

TODAY = date(2026, 12, 7)
WELSH = i18n.translations(i18n.WELSH)


@pytest.mark.parametrize(
    ("query", "cookie", "expected"),
    [
        (None, None, ("en", False)),
        ("cy", None, ("cy", True)),
        ("en", "cy", ("en", True)),
        (None, "cy", ("cy", False)),
        ("fr", "cy", ("cy", False)),  # a language the hub has not: the remembered one
        ("fr", "xx", ("en", False)),
    ],
)
def test_the_address_chooses_then_the_cookie_then_english(
    query: str | None, cookie: str | None, expected: tuple[str, bool]
) -> None:
    assert i18n.language_of(query, cookie) == expected


@pytest.fixture
def client() -> TestClient:
    """The information pages alone: no database, the same router and rendering as the hub's."""
    app = FastAPI()
    app.include_router(info.router)
    return TestClient(app)


def _lang(html: str) -> str:
    found = re.search(r'<html lang="(\w+)"', html)
    assert found is not None
    return found[1]


def test_a_page_in_welsh_is_remembered_until_english_is_chosen(client: TestClient) -> None:
    english = client.get("/")
    assert _lang(english.text) == "en"
    assert "ohch_lang" not in english.cookies  # nothing chosen, nothing set
    assert 'href="/?lang=cy" hreflang="cy" lang="cy"' in english.text

    welsh = client.get("/privacy?lang=cy")
    assert _lang(welsh.text) == "cy"
    assert '<h1 class="govuk-heading-xl">Hysbysiad preifatrwydd</h1>' in welsh.text
    cookie = welsh.headers["set-cookie"]
    assert cookie.startswith("ohch_lang=cy;")
    for attribute in ("HttpOnly", "SameSite=lax", "Max-Age=31536000", "Path=/"):
        assert attribute in cookie
    assert 'href="/privacy?lang=en"' in welsh.text  # the toggle links to this page in English

    remembered = client.get("/accessibility")  # the client keeps the cookie
    assert _lang(remembered.text) == "cy"
    assert "Datganiad hygyrchedd" in remembered.text
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in remembered.text

    back = client.get("/?lang=en")
    assert _lang(back.text) == "en"
    assert back.cookies.get("ohch_lang") == "en"
    assert _lang(client.get("/").text) == "en"


def test_each_request_has_its_own_language(client: TestClient) -> None:
    assert _lang(client.get("/?lang=cy").text) == "cy"
    assert _lang(TestClient(client.app).get("/").text) == "en"  # another browser: no cookie


def test_the_form_s_problems_and_choices_read_in_welsh() -> None:
    errors = form.check(Answers.parse({"contact": ["yes"]}), TODAY)
    welsh = {e.field: i18n.in_language(e.message, WELSH) for e in errors}
    assert welsh["role"] == "Dewiswch ym mha rôl rydych yn rhoi gwybod"
    assert welsh["email"].startswith("Rhowch gyfeiriad e-bost neu rif ffôn")
    assert all(welsh[e.field] != e.message for e in errors)  # none left in English

    most = limits.MAX_SHORT_TEXT_CHARS
    long = Answers.parse({"handle": ["x" * (most + 1)]})
    too_long = {e.field: e.message for e in form.check(long, TODAY)}["handle"]
    assert too_long == f"Their username must be {most} characters or fewer"
    assert (
        i18n.in_language(too_long, WELSH)
        == f"Eu henw defnyddiwr: rhaid iddo fod yn {most} nod neu lai"
    )

    # The API's own validation, put to the person in plain words, in Welsh too.
    intake = form.from_intake([Problem("reporter.email", "not an email address")])
    assert [(e.field, i18n.in_language(e.message, WELSH)) for e in intake] == [
        ("email", "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com")
    ]

    items = form.items(Answers(), {}, lambda text: i18n.in_language(text, WELSH))
    assert items["role_items"][0]["text"] == "Roedd wedi'i anelu ataf i"
    assert [i["label"] for i in items["date_items"]] == ["Diwrnod", "Mis", "Blwyddyn"]
    assert items["platform_items"][-1]["text"] == "Platfform arall"


def test_a_text_is_english_until_translated_and_its_parameters_are_too() -> None:
    text = Text("%(question)s: %(reason)s", question=form.LABELS["phone"], reason="too short")
    assert text == "Phone number: too short"
    assert text.translated(WELSH) == "Rhif ffôn: too short"  # intake's own reason as it came


def test_the_status_timeline_reads_in_welsh_with_welsh_dates_and_force_names() -> None:
    progress = Progress(
        received=datetime(2026, 3, 1, 23, 30, tzinfo=UTC),  # 1 March in the UK
        assessed=None,
        force_name="North Wales Police",
        assigned=datetime(2026, 7, 2, 23, 30, tzinfo=UTC),  # 3 July in the UK (summer time)
        no_enforcement_reason="suspect_abroad",
        no_enforcement_at=datetime(2026, 8, 1, 9, 0, tzinfo=UTC),
    )
    rows = [(r["key"]["text"], r["value"]["text"]) for r in timeline_rows(progress, "cy")]
    assert rows[:3] == [
        ("Wedi dod i law", "Daeth eich adroddiad i law ar 1 Mawrth 2026."),
        ("Wedi'i asesu", "Nid yw swyddogion yr hyb wedi gorffen asesu eich adroddiad eto."),
        (
            "Heddlu",
            "Rydym wedi trosglwyddo eich adroddiad i Heddlu Gogledd Cymru ar 3 Gorffennaf 2026. "
            "Nhw fydd yn delio ag ef o hyn ymlaen.",
        ),
    ]
    key, said = rows[3]
    assert key == "Camau gorfodi"
    reason = phrase(Language.WELSH, "reason", "suspect_abroad")  # the reviewed library's Welsh
    assert said == f"Ni all yr heddlu gymryd unrhyw gamau gorfodi ar eich adroddiad. {reason}"

    english = [r["value"]["text"] for r in timeline_rows(progress, "en")]
    assert english[0] == "We received your report on 1 March 2026."
    assert english[2].startswith("We passed your report to North Wales Police on 3 July 2026.")
    # The use case's own words (the API's) are unchanged.
    assert progress.timeline()[0].text == "We received your report."


def test_staff_pages_stay_in_english() -> None:
    """A page rendered outside a public route (the staff pages) has no language chosen."""
    response = render.message(Text("This page has expired"), Text("Try again."), 400)
    assert b'<html lang="en"' in response.body
    assert "set-cookie" not in response.headers


def test_a_closed_case_reads_with_the_day_its_outcome_was_reached() -> None:
    progress = Progress(
        received=datetime(2026, 3, 1, 10, 0, tzinfo=UTC),
        assessed=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
        force_name="Gwent Police",
        assigned=datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
        outcome_name="Investigation complete: no suspect identified",
        outcome_at=datetime(2026, 6, 30, 23, 0, tzinfo=UTC),  # 1 July in the UK (summer time)
    )
    (english,) = [r for r in timeline_rows(progress, "en") if r["key"]["text"] == "Case closed"]
    assert english["value"]["text"] == (
        "The police closed the case about your report on 1 July 2026. "
        "The outcome they recorded is: Investigation complete: no suspect identified."
    )
    key, said = [(r["key"]["text"], r["value"]["text"]) for r in timeline_rows(progress, "cy")][-1]
    assert key == "Achos wedi'i gau"
    assert said == (
        "Caeodd yr heddlu'r achos ynghylch eich adroddiad ar 1 Gorffennaf 2026. "
        "Y canlyniad a gofnodwyd ganddynt yw: Investigation complete: no suspect identified."
    )
    assert progress.timeline()[-1].text == (  # the API's words, undated as its others are
        "The police closed the case about your report. "
        "The outcome they recorded is: Investigation complete: no suspect identified."
    )
    still_open = Progress(received=progress.received, assessed=None, force_name=None, assigned=None)
    assert "closed" not in [e.key for e in still_open.timeline()]
