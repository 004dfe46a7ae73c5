"""Labelled platform accounts for identity-linkage benchmarks (hub issue 5).

Persons run one to five accounts across platforms with handle variants (separators, numeric
suffixes kept/dropped/changed, ``real``/``official``/``the`` affixes, typos, initials expanded);
display names are the real name, a nickname or nothing. Some accounts come with a platform
disclosure (registered name, one of the person's emails or phones, IP sightings with times);
some profiles link to the person's other accounts; accounts target the person's victims and
are reported together in incidents.

What must NOT link: decoy persons sharing a first and last name (one in fifty persons is a
"John Smith"-style decoy with an unrelated handle), household members sharing a home IP,
and everyone behind a few public IPs (a university NAT, mobile carrier-grade NAT) used by
thousands. Victims follow a Zipf law (a few public figures are targeted by very many).

Behaviour (the posts reports show): each person has hours of the day they post in (most
people post in the evening, so strangers overlap too), a phrase or two of their own that their
accounts sometimes repeat (with small edits), and campaigns: when a person goes after a victim,
their accounts post within days of each other. But strangers do the same things: a victim has
a few storm days on which many unrelated accounts pile on, everyone repeats common slogans,
and accounts in a pile-on mention each other. Many accounts show no behaviour at all (no
reported posts), and one person's accounts need not attack the same victim.

``generate_accounts(n, seed)`` returns the records and the true person of each record key.

``hard=True`` gives the linker less help, closer to real casework (hub issue 26): platform
disclosures are rare (6% of accounts, so they tie well under 10% of true pairs), one person in
ten is a decoy who shares another person's name *and* handle stem, and people disguise their
handles and names: look-alike letters from other scripts (Cyrillic ``і`` for ``i``), leetspeak
inside the handle (``j5m1th``), more typos and fewer profile links; the decoy who copies a
person is often that person's follower, piling on the same victims on the same storm days and
reposting their phrases, and people repeat their own phrases and mention their own accounts
less.
"""

from __future__ import annotations

import random
import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bench.datagen.posts import Persona, World, account_posts, persona
from graph.identity.models import AccountRecord, IpSighting


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "john james david michael paul mark peter andrew robert richard daniel chris steven matthew "
    "thomas gary lee kevin jason adam sarah emma laura lisa claire amy rachel helen jessica "
    "mohammed ahmed ali omar bilal tariq priya aisha fatima hannah oliver harry jack charlie "
    "george noah leo liam callum kieran declan siobhan niamh bronwen rhys dylan ifan kwame kofi "
    "chidi tunde ngozi yusuf zain wojciech piotr agnieszka marek ionut andrei darius"
)
LAST = _words(
    "smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson "
    "thompson wright walker white edwards hughes green hall wood harris lewis martin jackson "
    "clarke clark turner hill scott cooper morris ward moore king watson baker harrison morgan "
    "patel khan ahmed hussain begum ali shah okafor adeyemi mensah nowak kowalski murphy kelly "
    "obrien mcdonald campbell stewart fraser reid fairweather pemberton blackwood"
)
WORDS = _words(
    "dark wolf shadow real truth patriot eagle lion storm iron steel ghost night king red blue "
    "free speech brit england saint cross union jack gamer ninja fox bear hawk viper raven "
    "thunder alpha omega rebel viking knight rogue savage legend sniper hunter"
)
# Words posts are made of (neutral stand-ins: only their reuse matters to the linker).
VOCAB = _words(
    "they them people country town street school job money home news vote law police council "
    "never always again every nobody everyone know think say said tell told look see watch "
    "back out away gone done over enough more less real fake true lies liars truth shame "
    "disgrace joke clown traitor invader scum filth rats vermin parasite leech thug coward "
    "go get leave stop wake up open eyes believe trust nothing all of the a is are was this "
    "that what who why how here there now today tomorrow soon time our your my their"
)
PLATFORMS = ("x", "instagram", "tiktok", "facebook", "youtube", "reddit")
# Look-alike letters people use to dodge moderation (Cyrillic and Greek), and leetspeak.
LOOKALIKES = {"a": "а", "e": "е", "o": "о", "i": "і", "s": "ѕ", "c": "с", "p": "р", "x": "х"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Difficulty:
    """How much help the data gives the linker (defaults: the original generator)."""

    disclosed: float = 0.35  # share of accounts with a platform disclosure
    decoys: float = 0.02  # share of persons who are "John Smith"-style decoys
    decoys_copy_a_person: bool = False  # a decoy takes another person's name and handle stem
    lookalikes: float = 0.0  # share of handles and display names with look-alike letters
    leetspeak: float = 0.0  # share of handles written in leetspeak
    typos: float = 0.08
    profile_links: float = 0.08
    own_phrase: float = 0.35  # share of posts repeating the person's own phrase
    self_mention: float = 0.08  # share of posts mentioning another account of the person
    copycat_behaviour: float = 0.0  # a copying decoy piles on the same victims, reposts phrases


EASY = Difficulty()
HARD = Difficulty(
    disclosed=0.06,
    decoys=0.10,
    decoys_copy_a_person=True,
    lookalikes=0.12,
    leetspeak=0.12,
    typos=0.12,
    profile_links=0.03,
    own_phrase=0.2,
    self_mention=0.04,
    copycat_behaviour=0.5,
)


@dataclass(frozen=True)
class Generated:
    records: list[AccountRecord]
    person_of: dict[str, str]


def _zipf_cum(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights for ``n`` items (computed once per list, not per draw)."""
    total, out = 0.0, []
    for i in range(n):
        total += 1.0 / (i + 1) ** s
        out.append(total)
    return out


def _zipf(rng: random.Random, items: Sequence[str], cum: list[float]) -> str:
    return rng.choices(items, cum_weights=cum)[0]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.35:
        return text[:i] + text[i + 1 :]
    if kind < 0.7:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]


def _stem(rng: random.Random, first: str, last: str) -> tuple[str, ...]:
    """The person's handle stem as parts (joined with a separator per account)."""
    style = rng.random()
    if style < 0.3:
        return (first, last)
    if style < 0.5:
        return (first[0], last)
    if style < 0.6:
        return (last, first)
    if style < 0.7:
        return (first, last[0])
    return (rng.choice(WORDS), rng.choice(WORDS))


def _disguised(rng: random.Random, text: str, table: dict[str, str], inner_only: bool) -> str:
    """``text`` with one to three of its letters swapped through ``table`` (leetspeak only
    inside the word, so a trailing number stays a number)."""
    spots = [
        i for i, c in enumerate(text) if c in table and (not inner_only or 0 < i < len(text) - 1)
    ]
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        text = text[:i] + table[text[i]] + text[i + 1 :]
    return text


def _variant(
    rng: random.Random,
    stem: tuple[str, ...],
    number: str,
    first: str,
    level: Difficulty = EASY,
) -> str:
    parts = list(stem)
    if len(parts[0]) == 1 and rng.random() < 0.15:
        parts[0] = first  # initial expanded
    num = number
    r = rng.random()
    if num and r < 0.12:
        num = ""
    elif num and r < 0.17:
        num = str(rng.randrange(1, 100))
    sep = rng.choice(("", "", "", ".", "_", "-"))
    handle = sep.join(parts) + (sep if num and rng.random() < 0.3 else "") + num
    r = rng.random()
    if r < 0.05:
        handle = rng.choice(("real", "the", "official")) + rng.choice(("", "_")) + handle
    elif r < 0.08:
        handle = handle + rng.choice(("_official", "official", "_real", "uk"))
    if rng.random() < level.typos:
        handle = _typo(rng, handle)
    if level.lookalikes or level.leetspeak:  # no draw otherwise: the easy data stays as it was
        r = rng.random()
        if r < level.lookalikes:
            handle = _disguised(rng, handle, LOOKALIKES, inner_only=False)
        elif r < level.lookalikes + level.leetspeak:
            handle = _disguised(rng, handle, LEET, inner_only=True)
    return handle


def _when(rng: random.Random) -> datetime:
    return EPOCH + timedelta(hours=rng.randrange(0, 24 * 300))


def generate_accounts(n_accounts: int, seed: int = 7, hard: bool = False) -> Generated:
    """About ``n_accounts`` labelled accounts (exactly that many or slightly fewer); ``hard``
    for the variant that gives the linker less help (module docstring)."""
    level = HARD if hard else EASY
    rng = random.Random(seed)
    # behaviour draws from its own stream, so names, handles and disclosures stay as they were
    world = World(random.Random(seed * 7919 + 1), VOCAB, EPOCH)
    people: list[tuple[str, str, tuple[str, ...]]] = []  # (first, last, stem) so far
    personas: list[Persona] = []
    victims = [f"victim:{i}" for i in range(max(50, n_accounts // 5))]
    victim_cum = _zipf_cum(len(victims), 0.9)
    first_cum, last_cum = _zipf_cum(len(FIRST), 1.1), _zipf_cum(len(LAST), 1.1)
    nat_ips = [f"203.0.113.{i}" for i in range(1, 4)] + [f"100.64.0.{i}" for i in range(1, 6)]
    records: list[AccountRecord] = []
    person_of: dict[str, str] = {}
    taken: set[str] = set()
    incident_no = 0
    person_no = 0
    household_ip: str | None = None
    while len(records) < n_accounts:
        person_no += 1
        pid = f"P{person_no}"
        decoy = rng.random() < level.decoys
        copied: Persona | None = None
        if decoy and level.decoys_copy_a_person and people:
            original = rng.randrange(len(people))  # same name, same handle stem, someone else
            first, last, stem = people[original]
            copied = personas[original]
        else:
            first, last = (
                ("john", "smith")
                if decoy
                else (_zipf(rng, FIRST, first_cum), _zipf(rng, LAST, last_cum))
            )
            stem = (rng.choice(WORDS), rng.choice(WORDS)) if decoy else _stem(rng, first, last)
        people.append((first, last, stem))
        number = rng.choice(("", "", str(rng.randrange(1, 100)), str(rng.randrange(1960, 2008))))
        emails = [
            f"{first}.{last}{rng.randrange(10**6)}@example.org"
            for _ in range(rng.choice((1, 1, 2)))
        ]
        phones = [f"+447{rng.randrange(10**9):09d}"]
        if household_ip and rng.random() < 0.5:  # shares the previous person's home IP
            home = household_ip
        else:
            home = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(256)}"
        household_ip = home if rng.random() < 0.06 else None
        n = min(rng.choices((1, 2, 3, 4, 5), (30, 30, 22, 12, 6))[0], n_accounts - len(records))
        platforms = rng.sample(PLATFORMS, n) if n <= len(PLATFORMS) else list(PLATFORMS)
        my_victims = {_zipf(rng, victims, victim_cum) for _ in range(rng.choice((1, 1, 2, 3)))}
        habits = persona(world, sorted(my_victims), copied, level.copycat_behaviour)
        personas.append(habits)
        keys: list[str] = []
        for platform in platforms:
            handle = _variant(rng, stem, number, first, level)
            while f"{platform}|{handle}" in taken or len(handle) < 3:
                handle = handle + str(rng.randrange(10))
            key = f"{platform}|{handle}"
            taken.add(key)
            keys.append(key)
        shared_incident = f"incident:{incident_no}" if n > 1 and rng.random() < 0.2 else None
        incident_no += 1
        for i, (platform, key) in enumerate(zip(platforms, keys, strict=True)):
            handle = key.split("|", 1)[1]
            real = f"{first.title()} {last.title()}"
            display = rng.choices(
                (
                    real,
                    first.title(),
                    f"{first[0].upper()}. {last.title()}",
                    stem[-1].title(),
                    None,
                ),
                (45, 10, 10, 15, 20),
            )[0]
            if display and level.lookalikes and rng.random() < level.lookalikes:
                display = _disguised(rng, display, LOOKALIKES, inner_only=False)
            disclosed = rng.random() < level.disclosed
            regnames: tuple[str, ...] = ()
            em: tuple[str, ...] = ()
            ph: tuple[str, ...] = ()
            ips: list[IpSighting] = []
            if disclosed:
                if rng.random() < 0.7:
                    regnames = (real,)
                if rng.random() < 0.6:
                    em = (rng.choice(emails),)
                if rng.random() < 0.3:
                    ph = tuple(phones)
                if rng.random() < 0.6:
                    ips.append(IpSighting(home, _when(rng)))
            if rng.random() < 0.15:
                ips.append(IpSighting(rng.choice(nat_ips), _when(rng)))
            links = tuple(k for k in keys if k != key and rng.random() < level.profile_links)
            incidents = {f"incident:{incident_no}-{i}"}
            if shared_incident:
                incidents.add(shared_incident)
            targeted = frozenset(v for v in sorted(my_victims) if rng.random() < 0.7)
            others = [k.split("|", 1)[1] for k in keys if k != key]
            posts = account_posts(
                world, habits, handle, sorted(targeted), others, level.own_phrase,
                level.self_mention,
            )  # fmt: skip
            records.append(
                AccountRecord(
                    key=key,
                    platform=platform,
                    handle=handle,
                    display_name=display,
                    registered_names=regnames,
                    emails=em,
                    phones=ph,
                    ips=tuple(ips),
                    profile_links=links,
                    victims=targeted,
                    incidents=frozenset(incidents),
                    posts=posts,
                )
            )
            person_of[key] = pid
    rng.shuffle(records)
    return Generated(records, person_of)
