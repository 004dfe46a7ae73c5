"""Handle comparison levels and the comparison-level normalisation."""

from __future__ import annotations

import pytest

from graph.identity.evidence import abbreviates, handle_forms, name_key
from graph.identity.features import account_frequencies, handle_evidence
from graph.identity.policy import default_policy
from tests.unit.identity._factory import acct, filler

POLICY = default_policy()


@pytest.mark.parametrize(
    ("left", "right", "level"),
    [
        ("jsmith88", "j.smith.88", "skeleton_exact/digits_agree"),
        ("jsmith88", "johnsmith88", "skeleton_abbreviated/digits_agree"),
        ("real_jsmith88", "jsmith_88", "skeleton_exact/digits_agree"),
        ("jsmith88_official", "the.jsmith88", "skeleton_exact/digits_agree"),
        ("jsmith88", "jsmith", "skeleton_exact/digits_one_missing"),
        ("jsmith88", "jsmith71", "skeleton_exact/digits_disagree"),
        ("stormbringer", "stormbrniger", "skeleton_typo/no_digits"),
        ("jsmith88", "viperhawk88", "skeleton_different/digits_agree"),
        # look-alike letters of other scripts and leetspeak read as a reader sees them
        ("jsmith88", "jsm\u0456th88", "skeleton_exact/digits_agree"),  # Cyrillic i
        ("jsmith88", "\u0458\u0455mith_88", "skeleton_exact/digits_agree"),  # Cyrillic j, s
        ("jsmith88", "\uff4a\uff53\uff4d\uff49\uff54\uff4888", "skeleton_exact/digits_agree"),
        ("jsmith88", "j5m1th88", "skeleton_exact/digits_agree"),
        ("killer_99", "k1ll3r99", "skeleton_exact/digits_agree"),
        ("stormbringer", "st0rmbr1ng3r", "skeleton_exact/no_digits"),
    ],
)
def test_handle_levels(left: str, right: str, level: str) -> None:
    a, b = acct(f"x|{left}"), acct(f"tiktok|{right}")
    (ev,) = handle_evidence(a, b, account_frequencies([a, b, *filler(20)], POLICY), POLICY)
    assert ev.level == level
    assert (ev.left, ev.right) == (left, right)


def test_separator_and_digit_variants_score_above_different_handles() -> None:
    a, b, c = acct("x|jsmith88"), acct("instagram|j.smith.88"), acct("tiktok|viperhawk")
    freq = account_frequencies([a, b, c, *filler(20)], POLICY)
    same = handle_evidence(a, b, freq, POLICY)[0].weight
    other = handle_evidence(a, c, freq, POLICY)[0].weight
    assert same > 0 > other


def test_a_handle_stem_many_accounts_use_weighs_less() -> None:
    common = [acct(f"x|john{i}") for i in range(60)]
    rare_a, rare_b = acct("x|zebedee7"), acct("tiktok|zebedee8")
    freq = account_frequencies([*common, rare_a, rare_b], POLICY)
    c = acct("tiktok|john_")
    w_common = handle_evidence(common[0], c, freq, POLICY)[0].weight
    w_rare = handle_evidence(rare_a, rare_b, freq, POLICY)[0].weight
    assert w_common < w_rare


def test_handles_spelling_the_shared_name_count_once() -> None:
    a = acct("x|johnjackson", display="John Jackson")
    b = acct("tiktok|john.jackson", display="John Jackson")
    (ev,) = handle_evidence(a, b, account_frequencies([a, b, *filler(20)], POLICY), POLICY)
    assert "spell the names" in ev.note
    assert ev.weight < POLICY.feature("accounts.handle")["skeleton_exact"]


def test_forms_and_names() -> None:
    forms = handle_forms("Real_JSmith_88", ("real",), ())
    assert {(f.skeleton, f.digits) for f in forms} == {("realjsmith", "88"), ("jsmith", "88")}
    assert handle_forms("theo", ("the",), ())[0].skeleton == "theo"
    assert len(handle_forms("theo", ("the",), ())) == 1  # fewer than 3 letters would remain
    assert name_key("Smith,  JOHN") == name_key("john smith") == "john smith"
    assert abbreviates("jsmith", "johnsmith")
    assert not abbreviates("jsmit", "johnsmith")


def test_a_number_at_either_end_of_a_handle_stays_a_number() -> None:
    (form,) = handle_forms("jsmith1988", (), ())
    assert (form.skeleton, form.digits) == ("jsmith", "1988")
    assert {f.skeleton for f in handle_forms("7ravens", (), ())} == {"ravens"}


def test_leetspeak_is_an_extra_form_beside_the_handle_as_written() -> None:
    forms = handle_forms("b1g_j0hn", (), ())
    assert [(f.skeleton, f.digits, f.stripped) for f in forms] == [
        ("bgjhn", "10", ""),
        ("bigjohn", "", "leetspeak"),
        ("blgjohn", "", "leetspeak"),
    ]


def test_names_in_look_alike_letters_are_the_same_name() -> None:
    assert name_key("\u0408\u043e\u04bbn \u0405mith") == name_key("Smith, John")
