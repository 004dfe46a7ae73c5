"""Posts for the labelled accounts (bench/datagen/accounts.py): behaviour as reports show it.

A :class:`World` holds what strangers share: victims' storm days (the days a pile-on happens),
common slogans (Zipf: a few are everywhere), and who recently posted at a victim (pile-on
partners mention each other). A :class:`Persona` is one person's habits: the hours they post
in, their own phrases, and the day they go after each of their victims. Nothing here looks at
what the linker scores; the behaviour of people and of strangers is drawn the same way.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graph.identity.models import Post

DAYS = 300
STORMS_PER_VICTIM = 3
PILE_ON = 0.6  # share of a person's campaigns that join a victim's storm day
ON_CAMPAIGN = 0.65  # share of posts at a victim made within two days of the campaign day


@dataclass
class World:
    rng: random.Random
    vocab: Sequence[str]
    epoch: datetime
    slogans: list[str] = field(default_factory=list)
    slogan_cum: list[float] = field(default_factory=list)
    storms: dict[str, list[int]] = field(default_factory=dict)
    recent: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.slogans = [self.sentence(3, 6) for _ in range(80)]
        total = 0.0
        for i in range(len(self.slogans)):
            total += 1.0 / (i + 1)
            self.slogan_cum.append(total)

    def sentence(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choice(self.vocab) for _ in range(self.rng.randint(lo, hi)))

    def storm_day(self, victim: str) -> int:
        days = self.storms.setdefault(
            victim, [self.rng.randrange(DAYS) for _ in range(STORMS_PER_VICTIM)]
        )
        return self.rng.choice(days)

    def slogan(self) -> str:
        return self.rng.choices(self.slogans, cum_weights=self.slogan_cum)[0]

    def partner(self, victim: str) -> str | None:
        """A handle that recently posted at ``victim`` (a pile-on partner), if any."""
        handles = self.recent.get(victim)
        return self.rng.choice(handles) if handles else None

    def posted_at(self, victim: str, handle: str) -> None:
        handles = self.recent.setdefault(victim, [])
        handles.append(handle)
        del handles[:-30]


@dataclass
class Persona:
    peak_hour: float
    spread: float
    phrases: list[str]
    campaigns: dict[str, int]


def persona(
    world: World, victims: Sequence[str], copy_of: Persona | None, copying: float
) -> Persona:
    """One person's habits; a copying decoy (``copy_of``, with probability ``copying`` per
    habit) follows that person onto the same victims on the same days and reposts a phrase."""
    rng = world.rng
    evening = rng.random() < 0.6
    peak = (20 + rng.gauss(0, 2)) % 24 if evening else rng.uniform(0, 24)
    phrases = [world.sentence(6, 11) for _ in range(rng.choice((1, 1, 2)))]
    campaigns = {
        v: world.storm_day(v) if rng.random() < PILE_ON else rng.randrange(DAYS) for v in victims
    }
    if copy_of is not None:
        if rng.random() < copying:
            campaigns.update(copy_of.campaigns)
        if rng.random() < copying:
            phrases.append(rng.choice(copy_of.phrases))
    return Persona(peak, rng.uniform(1.5, 4.0), phrases, campaigns)


def _edited(rng: random.Random, phrase: str, vocab: Sequence[str]) -> str:
    words = phrase.split()
    r = rng.random()
    if r < 0.15 and len(words) > 4:
        del words[rng.randrange(len(words))]
    elif r < 0.3:
        words[rng.randrange(len(words))] = rng.choice(vocab)
    return " ".join(words)


def account_posts(
    world: World,
    who: Persona,
    handle: str,
    targeted: Sequence[str],
    own_other_handles: Sequence[str],
    own_phrase: float,
    self_mention: float,
) -> tuple[Post, ...]:
    """The reported posts of one account (often none)."""
    rng = world.rng
    out: list[Post] = []
    for _ in range(rng.choices((0, 1, 2, 3, 4, 6), (20, 30, 20, 12, 10, 8))[0]):
        victim = rng.choice(targeted) if targeted and rng.random() < 0.8 else None
        if victim and rng.random() < ON_CAMPAIGN:
            day = who.campaigns.get(victim, rng.randrange(DAYS)) + rng.randint(-2, 2)
        else:
            day = rng.randrange(DAYS)
        hour = (who.peak_hour + rng.gauss(0, who.spread)) % 24
        r = rng.random()
        if r < own_phrase:
            text = _edited(rng, rng.choice(who.phrases), world.vocab)
        elif r < own_phrase + 0.45:
            text = (world.slogan() + " " + world.sentence(0, 3)).strip()
        else:
            text = world.sentence(5, 12)
        if own_other_handles and rng.random() < self_mention:
            text += " @" + rng.choice(own_other_handles)
        if victim:
            partner = world.partner(victim) if rng.random() < 0.1 else None
            if partner and partner != handle:
                text += " @" + partner
            world.posted_at(victim, handle)
        at = world.epoch + timedelta(days=day, hours=hour)
        out.append(Post(at=at, text=text, victim=victim))
    return tuple(out)
