"""Behavioural evidence: victims in the same days, the same text, mentions, posting hours;
each frequency-aware where strangers do the same thing (pile-ons, slogans)."""

from __future__ import annotations

from datetime import timedelta

from graph.identity.behaviour import (
    hours_evidence,
    mention_evidence,
    mentioned,
    shingles,
    text_evidence,
    victims_evidence,
)
from graph.identity.blocking import block_accounts
from graph.identity.features import account_frequencies
from graph.identity.models import AccountRecord, Post
from graph.identity.policy import default_policy
from tests.unit.identity._factory import T0, filler

POLICY = default_policy()


def acct(key: str, *posts: Post) -> AccountRecord:
    platform, handle = key.split("|", 1)
    return AccountRecord(key=key, platform=platform, handle=handle, posts=posts)


def post(days: float = 0, text: str = "", victim: str | None = None, hour: int = 20) -> Post:
    return Post(at=T0.replace(hour=hour) + timedelta(days=days), text=text, victim=victim)


def test_one_victim_targeted_within_days_weighs_more_than_months_apart() -> None:
    a = acct("x|stormviper", post(0, victim="v:1"))
    near = acct("tiktok|gamerfox", post(2, victim="v:1"))
    far = acct("reddit|ironhawk", post(90, victim="v:1"))
    freq = account_frequencies([a, near, far, *filler(20)], POLICY)
    (close,) = victims_evidence(a, near, freq, POLICY)
    (apart,) = victims_evidence(a, far, freq, POLICY)
    assert (close.level, apart.level) == ("within_days", "apart")
    assert close.weight > apart.weight > 0


def test_a_pile_on_victim_weighs_less_than_a_victim_few_target() -> None:
    crowd = [acct(f"x|troll{i}", post(0, victim="v:famous")) for i in range(60)]
    a = acct("x|stormviper", post(0, victim="v:famous"), post(0, victim="v:quiet"))
    b = acct("tiktok|gamerfox", post(1, victim="v:quiet"))
    freq = account_frequencies([a, b, *crowd], POLICY)
    (rare,) = victims_evidence(a, b, freq, POLICY)
    (pile_on,) = victims_evidence(a, crowd[0], freq, POLICY)
    assert rare.weight > pile_on.weight
    assert (rare.band, pile_on.band) == ("rare", "very_common")


def test_the_same_text_counts_and_a_slogan_many_post_weighs_little() -> None:
    own = "never trust the council liars they sold our town"
    slogan = "wake up people"
    crowd = [acct(f"x|troll{i}", post(i, slogan)) for i in range(40)]
    a = acct("x|stormviper", post(0, own + " @someone"), post(1, slogan))
    b = acct("tiktok|gamerfox", post(3, "never trust the council liars they sold our town!"))
    freq = account_frequencies([a, b, *crowd], POLICY)
    (same,) = text_evidence(a, b, freq, POLICY)
    (common,) = text_evidence(a, crowd[0], freq, POLICY)
    assert same.level == "same"
    assert same.weight > common.weight
    assert common.band == "very_common"


def test_shingles_fold_look_alike_letters_and_drop_mentions_and_addresses() -> None:
    assert shingles("Wаke up https://x.com/a @bob people") == shingles("wake up people")


def test_a_post_mentioning_the_other_account_is_evidence_either_way_round() -> None:
    a = acct("x|storm_viper", post(0, "follow my backup @gamer.fox"))
    b = acct("tiktok|gamerfox")
    c = acct("reddit|ironhawk", post(0, "see tiktok.com/@storm.viper"))
    freq = account_frequencies([a, b, c], POLICY)
    assert [e.level for e in mention_evidence(a, b, freq, POLICY)] == ["one_way"]
    assert [e.level for e in mention_evidence(c, a, freq, POLICY)] == ["one_way"]
    assert mention_evidence(b, c, freq, POLICY) == []
    assert mentioned("hi @Gamer_Fox and x.com/Other.One") == {"gamerfox", "otherone"}


def test_posting_hours_need_three_posts_a_side() -> None:
    evening = [post(d, hour=21) for d in range(3)]
    morning = [post(d, hour=7) for d in range(3)]
    a, b, c = acct("x|a1", *evening), acct("x|b1", *evening), acct("x|c1", *morning)
    freq = account_frequencies([a, b, c], POLICY)
    assert [e.level for e in hours_evidence(a, b, freq, POLICY)] == ["high"]
    assert [e.level for e in hours_evidence(a, c, freq, POLICY)] == ["low"]
    assert hours_evidence(a, acct("x|d1", post(0)), freq, POLICY) == []


def test_shared_text_victim_days_and_mentions_make_candidate_pairs() -> None:
    a = acct("x|stormviper", post(0, "the council sold our town again", "v:1"))
    b = acct("tiktok|gamerfox", post(1, "they sold our town to them"))
    c = acct("reddit|ironhawk", post(1, "hello", "v:1"))
    d = acct("youtube|nightowl", post(40, "go look at @ironhawk"))
    pairs = set(block_accounts([a, b, c, d, *filler(10)], POLICY).pairs)
    assert (a.key, b.key) in pairs or (b.key, a.key) in pairs  # "sold our town"
    assert tuple(sorted((a.key, c.key))) in pairs  # one victim, one day
    assert tuple(sorted((c.key, d.key))) in pairs  # a mention
    identity_only = set(block_accounts([a, b, c, d], POLICY, behaviour=False).pairs)
    assert identity_only.isdisjoint(pairs)
