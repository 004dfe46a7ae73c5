"""Templates in English and Welsh, the reviewed reason library, and the policy files."""

from __future__ import annotations

from importlib import resources

import pytest

from graph.errors import InvalidInput
from graph.policy_files import parse_policy
from graph.updates.policy import EventKind, UpdatesPolicy, updates_policy
from graph.updates.templates import Language, check_reason, phrase, reason_library, render

PARAMS: dict[EventKind, dict[str, str]] = {
    EventKind.RECEIVED: {},
    EventKind.ASSESSED: {"decision": "crime"},
    EventKind.ASSIGNED: {"force_name": "Heddlu Dyfed-Powys"},
    EventKind.REFERRED: {"platform_name": "TikTok"},
    EventKind.CONTENT_REMOVED: {"platform_name": "TikTok"},
    EventKind.CONTENT_RESTRICTED: {"platform_name": "TikTok"},
    EventKind.NO_ENFORCEMENT: {"reason": "suspect_abroad"},
    EventKind.CLOSED: {
        "outcome_code": "18",
        "outcome_name": "Investigation complete",
        "outcome_on": "2026-03-03",
    },
}


@pytest.mark.parametrize("language", list(Language))
@pytest.mark.parametrize("kind", list(EventKind))
def test_every_event_renders_in_every_language(kind: EventKind, language: Language) -> None:
    rendered = render(kind, language, {"reference": "OHCH-2026-0000042", **PARAMS[kind]})
    assert "OHCH-2026-0000042" in rendered.subject + rendered.body
    assert "$" not in rendered.subject + rendered.body
    for value in PARAMS[kind].values():
        if value not in ("crime", "suspect_abroad", "18", "2026-03-03"):
            assert value in rendered.body
    assert rendered.language is language


def test_welsh_is_not_english() -> None:
    params = {"reference": "R1", "force_name": "Heddlu Gwent"}
    english = render(EventKind.ASSIGNED, Language.ENGLISH, params)
    welsh = render(EventKind.ASSIGNED, Language.WELSH, params)
    assert english.subject == "Your report R1 is with Heddlu Gwent"
    assert welsh.subject == "Mae eich adroddiad R1 gyda Heddlu Gwent"
    assert "Hyb Cenedlaethol Troseddau Casineb Ar-lein" in welsh.body


@pytest.mark.parametrize(
    ("language", "written"),
    [(Language.ENGLISH, "on 3 March 2026."), (Language.WELSH, "ar 3 Mawrth 2026.")],
)
def test_the_outcome_date_is_written_as_the_language_writes_dates(
    language: Language, written: str
) -> None:
    rendered = render(EventKind.CLOSED, language, {"reference": "R", **PARAMS[EventKind.CLOSED]})
    assert written in rendered.body
    assert "2026-03-03" not in rendered.body


def test_a_date_that_is_not_one_is_refused_by_name() -> None:
    params = {"reference": "R", **PARAMS[EventKind.CLOSED], "outcome_on": "3rd March"}
    with pytest.raises(InvalidInput, match=r"'3rd March' is not a date"):
        render(EventKind.CLOSED, Language.ENGLISH, params)


def test_phrases_fill_decisions_and_reasons() -> None:
    body = render(EventKind.NO_ENFORCEMENT, Language.ENGLISH, {"reference": "R", "reason":
                  "not_a_crime"}).body  # fmt: skip
    assert "not a criminal offence under the law of England and Wales" in body


def test_a_missing_parameter_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput, match=r"en/assigned.txt needs \$force_name"):
        render(EventKind.ASSIGNED, Language.ENGLISH, {"reference": "R"})


def test_a_phrase_name_cannot_walk_the_folders() -> None:
    with pytest.raises(InvalidInput, match="not a phrase name"):
        phrase(Language.ENGLISH, "reason", "../../received")


@pytest.mark.parametrize("language", list(Language))
def test_the_reason_library_and_its_words_are_in_step(language: Language) -> None:
    folder = resources.files("graph.updates").joinpath("templates", language.value, "phrases")
    files = {e.name.removesuffix(".txt") for e in folder.joinpath("reason").iterdir()}
    assert files == set(reason_library().reason)
    assert "platform_refused" in files  # chosen by the hub when a platform refuses
    decisions = {e.name.removesuffix(".txt") for e in folder.joinpath("decision").iterdir()}
    from graph.assessment.models import Recommendation

    assert decisions == {r.value for r in Recommendation}


def test_an_unknown_reason_is_refused_naming_the_library() -> None:
    with pytest.raises(InvalidInput, match="must be one of insufficient_evidence"):
        check_reason("because")
    assert not check_reason("suspect_abroad").approved  # shipped as draft wording


def test_the_shipped_policy() -> None:
    policy = updates_policy()
    assert (policy.working_days, policy.working_days_enhanced) == (5, 1)
    assert policy.enhanced_when_hate_reported


BASE = """
version = 1
valid_from = 2026-01-01
source = "test"
events_from = 2026-01-01
calendar = "england-and-wales"
working_days = 5
working_days_enhanced = 1
enhanced_when_hate_reported = true
[retry]
max_attempts = 3
first_delay_s = 60
factor = 2.0
max_delay_s = 600
claim_lease_s = 600
"""


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('[recipients]\nanonymous = ["received"]\n', "updates_policy.recipients.anonymous"),
        ('[recipients]\nvictim = ["gossip"]\n', "updates_policy.recipients.victim"),
    ],
)
def test_a_policy_cannot_tell_anonymous_reporters_or_invent_events(
    extra: str, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_policy(BASE + extra, "updates_policy.toml", UpdatesPolicy)


def test_an_enhanced_clock_longer_than_the_standard_is_refused() -> None:
    text = BASE.replace("working_days_enhanced = 1", "working_days_enhanced = 9")
    with pytest.raises(InvalidInput, match="working_days_enhanced"):
        parse_policy(text + "[recipients]\n", "updates_policy.toml", UpdatesPolicy)
