"""Labelled synthetic referrals (intake contract v1) for the duplicate-combination benchmark.

``generate_reports(count, seed)`` yields ``(referral, label)`` pairs, deterministic by seed and
streaming: posts are created along a clock and their reports scheduled on a heap that only holds
the next few days, so a million reports need constant memory. The label is kept out of the
referral::

    {"true_content_id": "c000042", "true_post_key": "x:post:1234...",
     "url_key": "x:post:1234..." | "x:account:jsmith" | None,   # what the URL module should give
     "episode": "single" | "campaign" | "repeat" | "general" | "viral", "victim_id": "p0007" | None}

``url_key`` stands in for ``ContentUrl.clean(url).key`` until the real URL module is wired in.

As the intake contract requires, every content item has a URL or a text (or both).

Episodes: a single targeted post; a *campaign* (one account sending near-identical text to many
victims, each message distinct content); *repeat* harassment (one account, one victim, several
different posts: a course of conduct); a general post; a *viral* post reported hundreds of times.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from bench.datagen import noise


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PLATFORMS = ("x", "x", "x", "facebook", "instagram", "tiktok")
# Valid UK postcodes, from tests/data/test_postcodes.csv (postcodes.io ONSPD test seed).
POSTCODES = ("AB10 1AB", "M11 1AA", "M1 1AD", "SE1 2DL", "BD6 1DB", "BH21 7AT", "CM8 1EF",
             "KT3 3AA", "AB12 3AA", "BD6 3PS")  # fmt: skip
FIRST = _words(
    "Amina Ben Chloe Daniel Ella Farah Gareth Hannah Imran Jade Kofi Leah Mohammed Niamh "
    "Oliver Priya Qasim Rachel Sanjay Tom Usman Vicky Wei Xavier Yasmin Zak Aisha Bilal "
    "Carys Dev Emeka Fatima Grace Harj Isla Jamal Kiran Lewis Maya Noor"
)

LAST = _words(
    "Ahmed Brown Cohen Davies Evans Franklin Green Hussain Islam Jones Khan Lewis Murphy "
    "Nowak Okafor Patel Quinn Roberts Singh Taylor Uddin Vaughan Walker Xu Young Zaman "
    "Adeyemi Begum Campbell Das"
)

_HANDLE_A = _words(
    "real true based proud angry free loud night grey iron red north old big "
    "the its just mr lone dark cold wild"
)

_HANDLE_B = _words(
    "patriot lion wolf voice eagle bulldog knight truth hawk fox watcher critic "
    "lad guy bloke man ranger viking saxon oak"
)

_VOCAB = _words(
    "people like you should never be allowed anywhere near decent folk go back where "
    "came from nobody wants here your kind ruin everything country town street school "
    "disgusting filthy pathetic freak joke shame embarrassment sick twisted vile worthless "
    "get out leave now before something happens watch yourself we know live next time "
    "you will regret this hope trouble finds soon enough laughing stock wherever walk "
    "everyone sees what really are stop pretending normal belong among us ever again "
    "mosque church temple bus train park shop work job benefits taxes stealing lying "
    "always same every single one lot mob crowd ought ashamed yourselves honestly "
    "tired hearing about rights special treatment quiet mouth shut face"
)

STRANDS = ("race", "religion", "sexual_orientation", "disability", "transgender", "other")
START = datetime(2023, 6, 1, tzinfo=UTC)  # a million reports end in the past


@dataclass(frozen=True, slots=True)
class Person:
    pid: str
    name: str
    email: str
    phone: str
    postcode: str
    handle: str


@dataclass(frozen=True, slots=True)
class Account:
    platform: str
    handle: str
    display_name: str


@dataclass(frozen=True, slots=True)
class Post:
    content_id: str
    kind: str
    account: Account
    post_id: str
    text: str
    posted_at: datetime
    victim: Person | None
    strands: tuple[str, ...]

    @property
    def post_key(self) -> str:
        return f"{self.account.platform}:post:{self.post_id}"


class _World:
    """Fixed pools of people and accounts, chosen with skew (some accounts are prolific)."""

    def __init__(self, rng: random.Random, people: int = 1200, accounts: int = 3000) -> None:
        names = [f"{f} {ln}" for f in FIRST for ln in LAST]
        rng.shuffle(names)
        self.people = [
            Person(
                pid=f"p{i:05d}",
                name=names[i],
                email=f"person{i}@example.org",
                phone=f"07400 {100000 + i:06d}",
                postcode=rng.choice(POSTCODES),
                handle=f"{names[i].replace(' ', '').lower()}{i}",
            )
            for i in range(people)
        ]
        handles = [f"{a}_{b}" for a in _HANDLE_A for b in _HANDLE_B]
        self.accounts = []
        for i in range(accounts):
            handle = rng.choice(handles) + str(rng.randrange(10, 99999))
            handle = handle if rng.random() < 0.7 else handle.replace("_", "")
            if rng.random() < 0.3:
                handle = handle.title().replace("_", "")
            self.accounts.append(Account(rng.choice(PLATFORMS), handle + str(i), handle[:12]))
        weights = [1.0 / (i + 1) ** 0.7 for i in range(accounts)]
        self._account_cum = list(itertools.accumulate(weights))

    def account(self, rng: random.Random) -> Account:
        return rng.choices(self.accounts, cum_weights=self._account_cum)[0]

    def person(self, rng: random.Random) -> Person:
        return rng.choice(self.people)


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(_VOCAB) for _ in range(rng.randint(7, 22))).capitalize()


def _vary(rng: random.Random, text: str) -> str:
    words = text.split()
    if rng.random() < 0.4:
        words[rng.randrange(len(words))] = rng.choice(_VOCAB)
    return " ".join(words)


def generate_reports(
    count: int, seed: int = 0, start: datetime = START
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield ``count`` labelled referrals in submission order."""
    rng = random.Random(seed)
    world = _World(rng)
    heap: list[tuple[datetime, int, Post, bool]] = []
    seq = itertools.count()
    contents = itertools.count()
    clock = start
    emitted = 0

    def new_post(
        kind: str, account: Account, text: str, at: datetime, victim: Person | None
    ) -> Post:
        strands = tuple(sorted(set(rng.sample(STRANDS, rng.choice((1, 1, 2))))))
        post = Post(f"c{next(contents):07d}", kind, account,
                    noise.post_id(rng, account.platform), text, at, victim, strands)  # fmt: skip
        if kind == "viral":
            n = min(600, int(40 * rng.paretovariate(1.3)))
        elif kind == "general":
            n = rng.randint(1, 8)
        else:
            n = 1 + int(rng.expovariate(1.2))
        for i in range(n):
            mean_hours = 8.0 if kind == "viral" else 4.0
            delay = timedelta(hours=min(96.0, rng.expovariate(1 / mean_hours)), minutes=2)
            by_victim = victim is not None and i == 0 and rng.random() < 0.8
            heapq.heappush(heap, (at + delay, next(seq), post, by_victim))
        return post

    while emitted < count:
        roll = rng.random()
        account = world.account(rng)
        if roll < 0.55:
            new_post("single", account, _text(rng), clock, world.person(rng))
        elif roll < 0.65:
            base, at = _text(rng), clock
            for victim in rng.sample(world.people, rng.randint(3, 12)):
                new_post("campaign", account, f"@{victim.handle} {_vary(rng, base)}", at, victim)
                at += timedelta(minutes=rng.uniform(5, 720))
        elif roll < 0.75:
            victim, at = world.person(rng), clock
            for _ in range(rng.randint(2, 4)):
                new_post("repeat", account, f"@{victim.handle} {_text(rng)}", at, victim)
                at += timedelta(hours=rng.uniform(6, 96))
        elif roll < 0.985:
            new_post("general", account, _text(rng), clock, None)
        else:
            new_post("viral", account, _text(rng), clock, None)
        clock += timedelta(minutes=rng.expovariate(1 / 6.0))
        while heap and heap[0][0] <= clock and emitted < count:
            at, _, post, by_victim = heapq.heappop(heap)
            yield _referral(rng, emitted, at, post, by_victim, world)
            emitted += 1


def _person_fields(rng: random.Random, person: Person, role: str) -> dict[str, Any]:
    fields: dict[str, Any] = {"role": role, "consent_to_contact": rng.random() < 0.8}
    if role == "anonymous":
        fields["consent_to_contact"] = False
        return fields
    fields["name"] = person.name
    if rng.random() < 0.8:
        fields["email"] = person.email
    if rng.random() < 0.4:
        fields["phone"] = person.phone
    if rng.random() < 0.6:
        fields["postcode"] = person.postcode
    return fields


def _referral(
    rng: random.Random, n: int, at: datetime, post: Post, by_victim: bool, world: _World
) -> tuple[dict[str, Any], dict[str, Any]]:
    platform, handle = post.account.platform, post.account.handle
    if by_victim and post.victim is not None:
        reporter = _person_fields(rng, post.victim, "victim")
    else:
        role = rng.choices(("witness", "third_party", "organisation", "anonymous"), (6, 2, 1, 1))[0]
        reporter = _person_fields(rng, world.person(rng), role)
    referral: dict[str, Any] = {
        "source": "true-vision",
        "source_ref": f"TV-{at.year}-{n:07d}",
        "submitted_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reporter": reporter,
    }
    if post.victim is not None and not by_victim and rng.random() < 0.6:
        referral["victim"] = _person_fields(rng, post.victim, "victim")
    incident: dict[str, Any] = {
        "description": f"Abusive {platform} post" + (" aimed at me" if by_victim else ""),
        "location_type": "online",
        "strands": list(post.strands),
    }
    if rng.random() < 0.7:
        incident["occurred_at"] = post.posted_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    referral["incident"] = incident

    content: dict[str, Any] = {"platform": platform}
    url_key: str | None = None
    roll = rng.random()
    post_share = 0.80 if post.kind == "viral" else 0.62
    if roll < post_share:
        content["url"] = noise.post_url(rng, platform, handle, post.post_id)
        url_key = post.post_key
    elif roll < post_share + 0.10:
        content["url"] = noise.profile_url(rng, platform, handle)
        url_key = f"{platform}:account:{handle.lower()}"
    elif roll < post_share + 0.17:
        content["url"] = noise.short_link(rng, platform)
    elif roll < post_share + 0.22:
        content["url"] = noise.unusable_link(rng, platform)
    # Intake contract v1: each content item needs a url or a text; reporters who cannot link
    # to the post itself nearly always paste its words.
    if "url" not in content or rng.random() < (0.85 if url_key == post.post_key else 0.95):
        content["text"] = noise.captured_text(rng, post.text)
    if rng.random() < 0.9:
        captured = at - timedelta(minutes=rng.uniform(1, 60))
        content["captured_at"] = max(captured, post.posted_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    if rng.random() < 0.2:
        digest = hashlib.sha256(f"screenshot-{n}".encode()).hexdigest()
        content["attachments"] = [
            {"sha256": digest, "media_type": "image/png", "filename": f"screenshot-{n}.png"}
        ]
    referral["content"] = [content]

    suspects: list[dict[str, Any]] = []
    if rng.random() < 0.85:
        suspect: dict[str, Any] = {"platform": platform}
        if rng.random() < 0.95:
            suspect["handle"] = noise.typed_handle(rng, handle)
        if rng.random() < 0.5:
            suspect["display_name"] = post.account.display_name
        if rng.random() < 0.2:
            suspect["profile_url"] = noise.profile_url(rng, platform, handle)
        suspects.append(suspect)
    referral["suspects"] = suspects
    label = {
        "true_content_id": post.content_id,
        "true_post_key": post.post_key,
        "url_key": url_key,
        "episode": post.kind,
        "victim_id": post.victim.pid if post.victim else None,
    }
    return referral, label


def write_jsonl(path: Path, count: int, seed: int) -> dict[str, str]:
    """Write ``count`` referrals as JSONL (one per line, labels left out); returns each
    referral's source_ref -> its true content id, for scoring what intake made of them."""
    truth: dict[str, str] = {}
    with path.open("wb") as handle:
        for referral, label in generate_reports(count, seed=seed):
            truth[referral["source_ref"]] = label["true_content_id"]
            handle.write(orjson.dumps(referral) + b"\n")
    return truth
