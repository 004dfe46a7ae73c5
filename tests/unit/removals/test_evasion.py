"""Removed text re-posted past evasion tricks is recognised; different text that shares words
is not (the re-upload table of issue 22)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph.removals.evasion import evasion_key, same_text
from graph.removals.policy import removal_policy
from graph.removals.reuploads import REPORTED_AGAIN, SAME_TEXT, matches

REMOVED = "Go back where you came from, you filthy animal"
TERMS = removal_policy().reupload

EVASIONS = {
    "leetspeak": "G0 b4ck wh3re y0u c@me fr0m, y0u f1lthy 4nimal",
    "spacing and punctuation": "G o  b a c k   where you came from you filthy animal!!!",
    "Cyrillic look-alikes": "Gо back whеre you came from, you filthy аnimal",
    "stretched letters": "go baaaack where youuu came from you fiiilthy animal",
    "dots between letters": "g.o b.a.c.k w.h.e.r.e y.o.u c.a.m.e f.r.o.m y.o.u f.i.l.t.h.y "
    "a.n.i.m.a.l",
    "flag emoji letters": "🇬🇴 back where you came from, you filthy animal",
    "zero-width joiners": "go\u200bback wh\u200dere you came from, you filthy animal",
    "fullwidth letters": "ｇｏ ｂａｃｋ where you came from, you filthy animal",
    "squared letters": "🅶🅾 back where you came from, you filthy animal",
    "accents": "gö bäck whéré yöu cämé fröm, yöu filthy änimäl",
    "capitals": "GO BACK WHERE YOU CAME FROM YOU FILTHY ANIMAL",
}
NEAR_MISSES = {
    "same words, other meaning": "I went back to where I came from last summer, lovely animals",
    "a greeting": "Welcome back! Where did you come from, you lovely animal?",
    "quoted in a report": "go back where you came from is a hateful thing to say and I am "
    "reporting it to the police",
    "short": "go back",
}


@pytest.mark.parametrize("name", list(EVASIONS))
def test_an_evasion_matches(name: str) -> None:
    assert same_text(REMOVED, EVASIONS[name], TERMS.text_similarity, TERMS.min_letters)


@pytest.mark.parametrize("name", list(NEAR_MISSES))
def test_a_near_miss_does_not(name: str) -> None:
    assert same_text(REMOVED, NEAR_MISSES[name], TERMS.text_similarity, TERMS.min_letters) is None


def test_the_key_folds_look_alikes_into_one_class() -> None:
    assert evasion_key("k1ll") == evasion_key("kill") == evasion_key("KIIILL")
    assert evasion_key("") == ""


T0 = datetime(2026, 6, 1, tzinfo=UTC)
T1 = datetime(2026, 6, 5, tzinfo=UTC)


def _removed(ref: str, content: str, text: str, platform: str = "x") -> dict[str, object]:
    return {"id": ref, "content_id": content, "platform": platform, "text": text,
            "reason": "r", "answered_at": T0}  # fmt: skip


def _content(
    content: str, text: str, at: datetime = T1, platform: str = "x", own: str | None = None
) -> dict[str, object]:
    return {"content_id": content, "platform": platform, "text": text, "last_reported_at": at,
            "accounts": ["x|someone"], "own_referral_id": own}  # fmt: skip


def test_matches_by_text_and_by_the_same_post_reported_again() -> None:
    removed = [_removed("ref-a", "c-a", REMOVED)]
    contents = [
        _content("c-b", EVASIONS["leetspeak"]),  # new content, same text
        _content("c-a", REMOVED, own="ref-a"),  # the removed post, reported again
        _content("c-c", EVASIONS["leetspeak"], platform="tiktok"),  # another platform
        _content("c-d", NEAR_MISSES["a greeting"]),
        _content("c-e", EVASIONS["capitals"], own="ref-e"),  # referred already
    ]
    found = {(a["content_id"], a["how"]) for a in matches(removed, contents)}  # type: ignore[arg-type]
    assert found == {("c-b", SAME_TEXT), ("c-a", REPORTED_AGAIN)}
    before_removal = [_content("c-a", REMOVED, at=T0, own="ref-a")]
    assert matches(removed, before_removal) == []  # type: ignore[arg-type]
