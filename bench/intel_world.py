"""A seeded synthetic hub as rows: N reports with their posts, accounts, people, content
clusters, cases, persons and graded intelligence, for ``bench/intel_graph.py`` to write.

Pure and streaming (no database): reports come out in arrival order, ``batch_size`` at a time,
together with the cluster and case work of every post whose last report has arrived, so memory
holds only the posts still being reported. Report rows have exactly the shape
``ingest/transform.py`` gives (a test runs each row's raw payload through the real intake
transform and compares), plus what the linkers write later: ``cluster_id`` on the report and
``person_id`` on each named person. Values the hub computes are computed with the hub's own code:
content summaries and SAME_CONTENT judgements (``graph/dedup``), SAME_PERSON judgements and
person ids (``graph/identity``), intelligence items (``graph/intel/from_case.item_data``).

Skew, as a national hub sees it:

* posts: the reports a post gets follow a power law, P(n >= k) = k^-1.5, so most posts are
  reported once or twice and a few viral ones thousands of times, over days rather than hours;
  volume grows over the two years (about twice as many reports a day at the end);
* suspect accounts: authors are drawn Zipf-like (weight 1/rank^0.7) from a pool of N/4, so a few
  accounts are named in thousands of reports; most reports name the author, some another
  account; a quarter of accounts have a real name reporters sometimes give;
* victims: about a tenth of reports concern a victim from a pool of repeat victims (drawn
  Zipf-like again), targeted across posts; every other victim appears in one post. Intake
  makes a Person per report; the same human shares the Email node, and the named-people
  linker's ``person_id`` and SAME_PERSON judgements between the Persons;
* reporters: the victim reports most incidents; a witness, third party, organisation (a small
  pool of charities reporting many posts) or anonymous reporter the rest (about 40%);
* places: postcodes in every territorial force's districts (Scotland and Northern Ireland at
  a lower weight); BTP appears through reassignment only;
* platforms, strands, decisions, reassignment (8% of assigned cases), intelligence (about 5% of
  cases, a fifth of them handling code C) at fixed weights below.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import itertools
import random
import string
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from bench.datagen.reports import FIRST, LAST
from graph.cases.creation import default_case_id, default_case_rows
from graph.dedup.clusters import content_id_for
from graph.dedup.evidence_props import evidence_properties
from graph.dedup.judgements import SYSTEM
from graph.dedup.judgements import Verdict as ContentVerdict
from graph.dedup.judgements import judge as judge_content
from graph.dedup.models import ContentSummary, ReportEvidence
from graph.dedup.policy import default_policy
from graph.dedup.store import judgement_row, summary_row
from graph.identity.evidence import Evidence
from graph.identity.judgements import Verdict as PersonVerdict
from graph.identity.judgements import judge as judge_person
from graph.identity.persons import person_id_for
from graph.intel.from_case import item_data
from graph.intel.models import IntelItem
from graph.platforms import platform as registry_platform
from graph.reference.forces import all_forces
from graph.reference.postcodes import district_table, resolve
from graph.values.handle import Handle
from graph.values.postcode import Postcode
from ingest.access_codes import hash_code
from ingest.contract import CONTRACT_VERSION, Strand
from ingest.disclosures import disclosure_row
from ingest.evidence import person_key
from ingest.load import format_reference
from ingest.receipt import intake_key, payload_hash, report_id

Row = dict[str, Any]

START = datetime(2024, 9, 1, tzinfo=UTC)
SPAN = timedelta(days=730)
SOURCE = "true-vision"
POST_POWER = 1.5  # P(reports >= k) = k^-POST_POWER
MAX_REPORTS_PER_POST = 8_000
ACCOUNT_ZIPF = 0.7
REPEAT_VICTIM_ZIPF = 0.8
GROWTH = 0.35  # reports a day at the end / at the start = (1 + GROWTH) / (1 - GROWTH)
REPEAT_TARGET_SHARE = 0.22  # of targeted posts; gives about a tenth of reports (see stats)
LINKED_ACCOUNT_SHARE = 0.2
REASSIGNED_SHARE = 0.08
INTEL_SHARE = 0.055  # of posts with at most INTEL_MAX_REPORTS reports (a few are not assessed)
INTEL_MAX_REPORTS = 200  # an analyst grades a targeted case, not a pile-on's every reporter
C_SHARE = 0.2
ASSESSMENT_LAG = timedelta(days=3)  # cases newer than this at the end await assessment

PLATFORMS = {
    "x": 38, "facebook": 18, "tiktok": 14, "instagram": 12, "youtube": 7, "reddit": 4,
    "telegram": 4, "threads": 3,
}  # fmt: skip
STRANDS = {
    Strand.RACE: 45, Strand.RELIGION: 20, Strand.SEXUAL_ORIENTATION: 15,
    Strand.DISABILITY: 7, Strand.TRANSGENDER: 8, Strand.OTHER: 5,
}  # fmt: skip
OTHER_REPORTERS = {"witness": 40, "third_party": 35, "organisation": 10, "anonymous": 15}
DECISIONS = {
    "crime": 45, "non_crime_hate_incident": 35, "no_further_action": 15, "intelligence_only": 5,
}  # fmt: skip
PURPOSES = {"subject_identification": 50, "pattern_analysis": 35, "safeguarding": 10,
            "threat_to_life": 5}  # fmt: skip
CONDITIONS = (
    "Police use only",
    "Not to be disclosed outside the police service",
    "Seek the originator's authority before any action",
)
ANALYSTS = tuple(f"hub-analyst-{i:02d}" for i in range(1, 13))
ORGANISATIONS = (
    "Tell MAMA", "Community Security Trust", "Galop", "Stop Hate UK", "Inclusion London",
    "Traveller Movement", "Show Racism the Red Card", "Kick It Out", "Scope", "Mermaids",
)  # fmt: skip
TOWNS = ("Leeds", "Bolton", "Croydon", "Swansea", "Luton", "Derry", "Glasgow", "Hull", "Kent")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_HANDLE_A = _words("real true proud angry free loud night grey iron red north old big lone dark "
                   "cold wild just mr the")  # fmt: skip
_HANDLE_B = _words("lion wolf voice eagle fox hawk oak lad guy bloke man saxon truth brit watch "
                   "rant eye norse")  # fmt: skip
_VOCAB = _words(
    "people like you should never be allowed anywhere near decent folk go back where came "
    "from nobody wants here your kind ruin everything country town street school disgusting "
    "filthy pathetic freak joke shame sick twisted vile worthless get out leave now before "
    "something happens watch yourself we know where live next time you will regret this "
    "mosque church temple synagogue bus train park shop work benefits taxes stealing lying "
    "always same every single one mob crowd ought ashamed tired hearing about rights special"
)
_DESCRIPTIONS = (
    "A post about me", "Someone replied to my post with abuse", "This account keeps posting",
    "I saw this on my feed", "A video attacking my community", "Comments under a news story",
    "A threatening message", "Abuse aimed at a friend of mine", "Posted in a local group",
)  # fmt: skip
#: Per platform: a post URL as typed, its canonical form and post key as graph/values/url.py
#: cleans it (the generator's test checks), and whether the URL names the author. {h} handle,
#: {n} a snowflake id, {f} a Facebook id, {c} a short code, {r} a Reddit id, {s} a message no.
POST_URLS = {
    "x": ("https://x.com/{h}/status/{n}", "https://x.com/i/web/status/{n}", "x:post:{n}", True),
    "facebook": (
        "https://www.facebook.com/{h}/posts/{f}",
        "https://facebook.com/{h}/posts/{f}",
        "facebook:post:{f}",
        True,
    ),
    "tiktok": (
        "https://www.tiktok.com/@{h}/video/{n}",
        "https://tiktok.com/@{h}/video/{n}",
        "tiktok:post:{n}",
        True,
    ),
    "instagram": (
        "https://www.instagram.com/p/{c}/",
        "https://instagram.com/p/{c}",
        "instagram:post:{c}",
        False,
    ),
    "youtube": (
        "https://www.youtube.com/watch?v={c}",
        "https://youtube.com/watch?v={c}",
        "youtube:post:{c}",
        False,
    ),
    "reddit": (
        "https://www.reddit.com/r/unitedkingdom/comments/{r}/title/",
        "https://reddit.com/comments/{r}",
        "reddit:post:{r}",
        False,
    ),
    "telegram": ("https://t.me/{h}/{s}", "https://t.me/{h}/{s}", "telegram:post:{h}/{s}", True),
    "threads": (
        "https://www.threads.net/@{h}/post/{c}",
        "https://threads.com/@{h}/post/{c}",
        "threads:post:{c}",
        True,
    ),
}
_SHORTCODE = string.ascii_letters + string.digits + "_-"
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _zulu(value: datetime) -> str:
    """How the reporting site writes times in a payload."""
    return value.isoformat().replace("+00:00", "Z")


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


class _Weighted:
    """A fast seeded weighted choice over a fixed list (bisect on cumulative weights)."""

    def __init__(self, items: list[Any], weights: list[float]) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random) -> Any:
        at = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_right(self.cumulative, at)]


def _weighted(weights: dict[Any, int]) -> _Weighted:
    return _Weighted(list(weights), [float(w) for w in weights.values()])


def _zipf(count: int, exponent: float) -> _Weighted:
    return _Weighted(list(range(count)), [1.0 / (rank + 1) ** exponent for rank in range(count)])


@dataclass(frozen=True, slots=True)
class Place:
    """A postcode district as intake resolves it."""

    district: str
    force_code: str
    confidence: str
    other_force_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """A real person behind per-report Person nodes; values as typed on the form."""

    id: str
    name: str | None
    email: str | None
    phone: str | None
    postcode: str | None
    place: Place | None
    consent: bool
    recurs: bool = False  # may be named in more than one report

    @property
    def email_key(self) -> str | None:
        return self.email.lower() if self.email else None

    @property
    def phone_key(self) -> str | None:
        return "+44" + self.phone.replace(" ", "")[1:] if self.phone else None

    @property
    def person_key(self) -> str | None:
        """What duplicate matching calls the person, by intake's own rule."""
        return person_key(self.email_key, self.phone_key, self.name)


@dataclass(frozen=True, slots=True)
class Account:
    index: int
    platform: str
    handle: str  # canonical (lower case)
    display_name: str
    real_name: str | None

    @property
    def key(self) -> str:
        return f"{self.platform}|{self.handle}"


@dataclass(slots=True)
class _PoleRecord:
    """What ``queries/intel/case_pole.cypher`` would return for the post's case."""

    accounts: dict[str, Row] = field(default_factory=dict)
    occurred: list[datetime | None] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    victims: dict[str, Row] = field(default_factory=dict)
    reporters: dict[str, Row] = field(default_factory=dict)
    suspects: dict[str, Row] = field(default_factory=dict)


@dataclass(slots=True)
class Post:
    """One piece of content, however many report it (its cluster and its case)."""

    seq: int
    platform: str
    author: Account
    post_key: str
    raw_url: str
    url: str
    url_handle: str | None
    text: str
    posted_at: datetime
    strands: tuple[Strand, ...]
    target: Identity | None
    remaining: int
    pole: _PoleRecord | None
    content_created: bool = False
    cluster_id: str | None = None
    anchor: str | None = None
    summary: ContentSummary | None = None
    reports: int = 0
    first_received: datetime | None = None
    last_received: datetime | None = None
    victim_forces: list[str] = field(default_factory=list)
    reporter_force: str | None = None
    chosen_forces: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Batch:
    """Rows to write together, in this order (each may refer to rows of earlier batches)."""

    accounts: list[Row] = field(default_factory=list)
    contents: list[Row] = field(default_factory=list)
    reports: list[Row] = field(default_factory=list)
    judgements: list[Row] = field(default_factory=list)
    person_links: list[Row] = field(default_factory=list)
    clusters: list[Row] = field(default_factory=list)
    opened: list[Row] = field(default_factory=list)  # each cluster's case, as linking opens it
    cases: list[Row] = field(default_factory=list)
    items: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class AccountPersons:
    """Rows for the identity linking done after the reports."""

    disclosures: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    persons: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class Stats:
    """What the generated graph looks like (printed, and kept on the marker)."""

    reports: int = 0
    posts: int = 0
    largest_post: int = 0
    reports_with_victim: int = 0
    reports_repeat_victim: int = 0
    reporter_not_victim: int = 0
    cases_assigned: int = 0
    cases_reassigned: int = 0
    intel_items: int = 0
    intel_items_c: int = 0
    accounts: int = 0
    linked_accounts: int = 0
    named_by_account: dict[int, int] = field(default_factory=dict)


def _places() -> _Weighted:
    """Every district intake can resolve; Scotland and Northern Ireland weighted down (the hub
    refers their cases across the border)."""
    places, weights = [], []
    for district in sorted(district_table()):
        found = resolve(Postcode.clean(f"{district} 1AA"))
        places.append(
            Place(district, found.force_code, found.confidence.value, found.other_force_codes)
        )
        weights.append(0.3 if found.force_code.startswith(("S", "N")) else 1.0)
    return _Weighted(places, weights)


class HubWorld:
    """The generator: ``batches()`` once, then ``persons()``; see the module docstring."""

    def __init__(self, reports: int, seed: int = 7) -> None:
        if reports < 1:
            raise ValueError("reports must be at least 1")
        self.total = reports
        self.seed = seed
        self.rng = random.Random(seed)
        self.policy = default_policy()
        self.stats = Stats()
        self._places = _places()
        self._platforms = _weighted(PLATFORMS)
        self._strands = _weighted(STRANDS)
        self._roles = _weighted(OTHER_REPORTERS)
        self._decisions = _weighted(DECISIONS)
        self._purposes = _weighted(PURPOSES)
        pool = max(100, reports // 4)
        self._account_rank = _zipf(pool, ACCOUNT_ZIPF)
        self._account_platforms = [self._platforms(self.rng) for _ in range(pool)]
        self._accounts: dict[int, Account] = {}
        self._written_accounts: set[int] = set()
        self._identities = itertools.count(1)
        self._repeat_victims = [self._identity(recurs=True) for _ in range(max(20, reports // 150))]
        self._repeat_rank = _zipf(len(self._repeat_victims), REPEAT_VICTIM_ZIPF)
        self._organisations = [self._identity(name=n, recurs=True) for n in ORGANISATIONS]
        self._person_of: dict[str, tuple[str, str]] = {}  # identity -> (person id, first Person)
        self._repeat_ids = {v.id for v in self._repeat_victims}
        self._cap = max(3, min(MAX_REPORTS_PER_POST, reports // 50))
        mean = sum(k**-POST_POWER for k in range(1, self._cap + 1))
        self._post_rate = reports / mean  # posts expected over the span
        self._u = 0.0
        self._posts = itertools.count()
        self._references: dict[int, int] = {}
        self.first_received: datetime | None = None
        self.last_received: datetime | None = None

    # -- people and accounts -------------------------------------------------------------

    def _identity(
        self, name: str | None = None, anonymous: bool = False, recurs: bool = False
    ) -> Identity:
        rng = self.rng
        k = next(self._identities)
        place = self._places(rng) if not anonymous or rng.random() < 0.5 else None
        postcode = None
        if place is not None:
            letters = "".join(rng.choice(_INWARD_LETTERS) for _ in range(2))
            postcode = f"{place.district} {rng.randrange(1, 10)}{letters}"
        if anonymous:
            return Identity(f"identity:{k:08d}", None, None, None, postcode, place, False)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = name or f"{first} {last}"
        email = None
        if rng.random() < 0.9:
            domain = rng.choice(("example.org", "example.com", "example.net"))
            email = f"{first}.{last}{k}@{domain}"
        phone = None
        if rng.random() < 0.5:
            digits = f"{k % 10**8:08d}"
            phone = f"074{digits[:2]} {digits[2:]}"
        consent = rng.random() < 0.85
        return Identity(f"identity:{k:08d}", name, email, phone, postcode, place, consent, recurs)

    def _account(self, index: int | None = None) -> Account:
        if index is None:
            index = self._account_rank(self.rng)
        found = self._accounts.get(index)
        if found is None:
            platform = self._account_platforms[index]
            a = _HANDLE_A[index % len(_HANDLE_A)]
            b = _HANDLE_B[(index // len(_HANDLE_A)) % len(_HANDLE_B)]
            raw = f"{a}{'.' if platform == 'facebook' else '_'}{b}{_base36(index)}"
            handle = Handle.clean(raw, platform)
            real = None
            if self.rng.random() < 0.25:
                real = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            found = Account(index, platform, handle.value, f"{a.title()} {b.title()}", real)
            self._accounts[index] = found
        return found

    def _use_account(self, account: Account, batch: Batch) -> None:
        if account.index not in self._written_accounts:
            self._written_accounts.add(account.index)
            batch.accounts.append(
                {"key": account.key, "platform": account.platform, "handle": account.handle}
            )

    # -- posts ---------------------------------------------------------------------------

    def _post_url(self, author: Account, seq: int) -> tuple[str, str, str | None, str]:
        """(URL as typed, canonical URL, handle in the URL, post key) of a new post."""
        rng = self.rng
        number = str(1_790_000_000_000_000_000 + seq * 104_729 + rng.randrange(100_000))
        values = {
            "h": author.handle,
            "n": number,
            "f": number[:16],
            "c": "".join(rng.choice(_SHORTCODE) for _ in range(4)) + _base36(seq).rjust(7, "0"),
            "r": _base36(seq + 36**6),
            "s": seq + 1,
        }
        typed, canonical, key, names_author = POST_URLS[author.platform]
        return (
            typed.format(**values),
            canonical.format(**values),
            author.handle if names_author else None,
            key.format(**values),
        )

    def _next_post_time(self) -> datetime:
        """Posts arrive as a Poisson process on a clock that runs slower as volume grows."""
        self._u += self.rng.expovariate(self._post_rate)
        u = self._u  # past 1.0 only when the power law's draw ran short: a little past the span
        return (START + SPAN * ((1 + GROWTH) * u - GROWTH * u * u)).replace(microsecond=0)

    def _new_post(
        self, heap: list[tuple[datetime, int, Post]], order: Iterator[int], posted: datetime
    ) -> None:
        rng = self.rng
        seq = next(self._posts)
        planned = min(self._cap, int(rng.paretovariate(POST_POWER)))
        author = self._account()
        raw_url, url, url_handle, post_key = self._post_url(author, seq)
        strands = {self._strands(rng)}
        if rng.random() < 0.15:
            strands.add(self._strands(rng))
        target = None
        if rng.random() < (0.75 if planned <= 20 else 0.3):
            if rng.random() < REPEAT_TARGET_SHARE:
                target = self._repeat_victims[self._repeat_rank(rng)]
            else:
                target = self._identity(recurs=True)
        words = [rng.choice(_VOCAB) for _ in range(rng.randint(8, 24))]
        intel = planned <= INTEL_MAX_REPORTS and rng.random() < INTEL_SHARE
        post = Post(
            seq=seq, platform=author.platform, author=author, post_key=post_key,
            raw_url=raw_url, url=url, url_handle=url_handle,
            text=" ".join(words).capitalize(), posted_at=posted,
            strands=tuple(s for s in Strand if s in strands), target=target, remaining=planned,
            pole=_PoleRecord() if intel else None,
        )  # fmt: skip
        mean_hours = 6.0 if planned <= 3 else 12.0 + planned / 20.0
        for _ in range(planned):
            hours = min(24.0 * 30, rng.expovariate(1.0 / mean_hours))
            at = posted + timedelta(hours=hours, minutes=15)
            heapq.heappush(heap, (at.replace(microsecond=0), next(order), post))
        self.stats.posts += 1
        self.stats.largest_post = max(self.stats.largest_post, planned)

    # -- reports -------------------------------------------------------------------------

    def _person_id(self, who: Identity, node_id: str, at: datetime, batch: Batch) -> str:
        """The ``person_id`` the named-people linker (``graph/identity/named_store.py``) gives
        the per-report Person ``node_id``: ``person:`` and a member's id (the linker takes the
        smallest; here the first, known without looking ahead), shared by every report naming
        the same human, each later one joined to the first by a SAME_PERSON judgement."""
        if not who.recurs:
            return person_id_for([node_id])
        found = self._person_of.get(who.id)
        if found is None:
            self._person_of[who.id] = (person_id_for([node_id]), node_id)
            return person_id_for([node_id])
        person, first = found
        kind = "email" if who.email else "phone" if who.phone else "name"
        evidence = Evidence(kind, node_id, first, "exact", 9.0)
        explanation = {"bits": 9.0, "probability": 0.998, "evidence": [evidence.as_dict()]}
        judgement = judge_person(
            node_id, first, PersonVerdict.SAME_PERSON, score=0.998, evidence=explanation,
            actor=SYSTEM, at=at, reason="system link (p=0.998)",
        )  # fmt: skip
        batch.person_links.append(
            {"left": judgement.left, "right": judgement.right,
             "props": judgement.edge_properties()}
        )  # fmt: skip
        return person

    def _party_row(self, who: Identity, node_id: str, reporter: str | None, victim: bool,
                   person_id: str | None) -> Row:  # fmt: skip
        place = who.place
        return {
            "id": node_id,
            "is_reporter": reporter is not None,
            "is_victim": victim,
            "reporter_role": reporter,
            "name": who.name,
            "email": who.email_key,
            "phone": who.phone_key,
            "postcode": who.postcode,
            "district": place.district if place else None,
            "force_code": place.force_code if place else None,
            "force_confidence": place.confidence if place else None,
            "other_force_codes": list(place.other_force_codes) if place else [],
            "consent_to_contact": None if reporter == "anonymous" else who.consent,
            "person_id": person_id,
            # The generator's details all validate: nothing is kept unverified (ingest/transform).
            **dict.fromkeys(
                ("unverified_email", "unverified_phone", "possible_phone", "unverified_postcode")
            ),
        }

    @staticmethod
    def _party_payload(who: Identity, role: str) -> Row:
        party: Row = {"role": role}
        for key, value in (("name", who.name), ("email", who.email), ("phone", who.phone),
                           ("postcode", who.postcode)):  # fmt: skip
            if value is not None:
                party[key] = value
        if role != "anonymous":
            party["consent_to_contact"] = who.consent
        return party

    def _people(self, post: Post) -> tuple[Identity, str, Identity | None]:
        """(reporter, their role, the victim when the reporter is not the victim)."""
        rng = self.rng
        if post.target is not None:
            if post.reports == 0 and rng.random() < 0.85:
                return post.target, "victim", None
            if rng.random() < 0.35:  # someone else abused in the same thread
                return self._identity(), "victim", None
            role = self._roles(rng)
            victim = post.target if rng.random() < 0.75 else None
        elif rng.random() < 0.72:
            return self._identity(), "victim", None
        else:
            role = self._roles(rng)
            victim = self._identity() if rng.random() < 0.3 else None
        if role == "organisation":
            reporter = self._organisations[min(int(rng.paretovariate(1.2)), 10) - 1]
        else:
            reporter = self._identity(anonymous=role == "anonymous")
        return reporter, role, victim

    def _suspects(self, post: Post) -> list[tuple[Account, Row]]:
        rng = self.rng
        roll = rng.random()
        if roll < 0.8:
            named = post.author
        elif roll < 0.88:
            named = self._account()
        else:
            return []
        typed = named.handle.capitalize() if rng.random() < 0.3 else named.handle
        entry: Row = {"platform": registry_platform(named.platform).name, "handle": "@" + typed}
        if rng.random() < 0.3:
            entry["display_name"] = named.display_name
        if named.real_name and rng.random() < 0.4:
            entry["name"] = named.real_name
            if rng.random() < 0.3:
                entry["location"] = rng.choice(TOWNS)
        return [(named, entry)]

    def _report(self, post: Post, received: datetime, batch: Batch) -> Row:
        rng = self.rng
        n = self.stats.reports + 1
        source_ref = f"TV-{n:08d}"
        rid = report_id(SOURCE, source_ref)
        submitted = received - timedelta(seconds=rng.randrange(5, 600))
        gap = int((submitted - post.posted_at).total_seconds())
        occurred = None
        if rng.random() < 0.8:
            occurred = post.posted_at + timedelta(seconds=rng.randrange(0, min(3600, gap)))
        captured = None
        if rng.random() < 0.7:
            captured = post.posted_at + timedelta(seconds=int(gap * rng.uniform(0.1, 1.0)))
        year = received.year
        self._references[year] = self._references.get(year, 0) + 1
        reference = format_reference(year, self._references[year])
        reporter, role, victim = self._people(post)
        chosen = None
        if rng.random() < 0.03:
            chosen = reporter.place.force_code if reporter.place else "E23000001"
        with_url = rng.random() < 0.9
        text = post.text if not with_url or rng.random() < 0.85 else None
        item: Row = {"platform": registry_platform(post.platform).name}
        if with_url:
            item["url"] = post.raw_url
        if text:
            item["text"] = text
        if captured:
            item["captured_at"] = _zulu(captured)
        attachments: list[Row] = []
        if rng.random() < 0.25:
            digest = hashlib.sha256(f"{rid}:shot".encode()).hexdigest()
            attachments = [{"sha256": digest, "media_type": "image/png", "filename": "shot.png"}]
            item["attachments"] = attachments
        suspects = self._suspects(post)
        incident: Row = {"description": rng.choice(_DESCRIPTIONS), "location_type": "online",
                         "strands": [s.value for s in post.strands]}  # fmt: skip
        if occurred:
            incident["occurred_at"] = _zulu(occurred)
        if chosen:
            incident["force_code"] = chosen
        payload: Row = {
            "source": SOURCE, "source_ref": source_ref, "submitted_at": _zulu(submitted),
            "reporter": self._party_payload(reporter, role), "incident": incident,
            "content": [item], "suspects": [entry for _, entry in suspects],
        }  # fmt: skip
        if victim is not None:
            payload["victim"] = self._party_payload(victim, "victim")
        reporter_id = f"{rid}:reporter"
        person = None
        if role != "anonymous":  # the linker leaves anonymous reporters out
            person = self._person_id(reporter, reporter_id, received, batch)
        parties = [self._party_row(reporter, reporter_id, role,
                                   victim is None and role == "victim", person)]  # fmt: skip
        if victim is not None:
            victim_id = f"{rid}:victim"
            person = self._person_id(victim, victim_id, received, batch)
            parties.append(self._party_row(victim, victim_id, None, True, person))
        post_key = post.post_key if with_url else None
        author_key = post.author.key if with_url and post.url_handle else None
        if author_key:
            self._use_account(post.author, batch)
        content = {
            "content_id": post_key or f"{rid}:content:0",
            "post_key": post_key,
            "platform": post.platform,
            "index": 0,
            "url": post.url if with_url else None,
            "raw_url": post.raw_url if with_url else None,
            "url_kind": "post" if with_url else None,
            "author_key": author_key,
            "author_handle": post.url_handle if with_url else None,
            "text": text,
            "captured_at": _iso(captured),
            "attachments": orjson.dumps(attachments).decode(),
        }
        if with_url and not post.content_created:
            post.content_created = True
            batch.contents.append(
                {"id": post.post_key, "post_key": post.post_key, "platform": post.platform,
                 "url": post.url, "first_reported_at": received.isoformat(),
                 "author_key": author_key}
            )  # fmt: skip
        accounts, suspect_people, handles = [], [], []
        for index, (named, entry) in enumerate(suspects):
            self._use_account(named, batch)
            accounts.append(
                {"key": named.key, "platform": named.platform, "handle": named.handle,
                 "via": "suspect", "handle_conforms": True, "suspect_index": index,
                 "display_name": entry.get("display_name"), "profile_url": None}
            )  # fmt: skip
            if named.platform == post.platform:
                handles.append(named.handle)
            if "name" in entry:
                suspect_id = f"{rid}:suspect:{index}"  # names alone never link: alone
                suspect_people.append(
                    {"id": suspect_id, "index": index, "name": entry["name"],
                     "location": entry.get("location"), "account_key": named.key,
                     "person_id": person_id_for([suspect_id])}
                )  # fmt: skip
        if with_url and post.url_handle:
            handles.insert(0, post.url_handle)
        victim_party = victim or (reporter if role == "victim" else None)
        evidence = ReportEvidence.build(
            report_key=rid, platform=post.platform,
            reporter_key=reporter.person_key or rid, post_key=post_key, raw_handles=tuple(handles),
            text=text, captured_at=captured, occurred_at=occurred or submitted,
            victim_key=victim_party.person_key if victim_party else None,
        )  # fmt: skip
        raw = orjson.dumps(payload).decode()
        code = f"{rng.getrandbits(60):015X}"  # the complainant's access code, never stored
        row: Row = {
            "match": evidence_properties(evidence),
            "id": rid,
            "intake_key": intake_key(SOURCE, source_ref),
            "source": SOURCE,
            "source_ref": source_ref,
            "reference": reference,
            "received_at": received.isoformat(),
            "submitted_at": submitted.isoformat(),
            "occurred_at": _iso(occurred),
            # The times windows count by (ingest/report_dates.py): made before receipt, in bounds.
            "reported_at": submitted.isoformat(),
            "incident_at": _iso(occurred),
            "contract_version": CONTRACT_VERSION,
            "payload_hash": payload_hash(payload),
            "raw_payload": raw,
            "access_code_hash": hash_code(code, rng.randbytes(16)),
            "description": incident["description"],
            "location_type": "online",
            "online": True,
            "strands": [s.value for s in post.strands],
            "chosen_force_code": chosen,
            "anonymous": role == "anonymous",
            "unverified_fields": None,
            "unverified_reasons": None,
            "parties": parties,
            "content": [content],
            "accounts": accounts,
            "suspect_people": suspect_people,
            "year": year,
            "evidence": evidence,
            "received_at_dt": received,
        }
        self._cluster(post, row, evidence, received, batch)
        self._note(post, row, victim_party, role, suspects, occurred)
        return row

    def _cluster(self, post: Post, row: Row, evidence: ReportEvidence, received: datetime,
                 batch: Batch) -> None:  # fmt: skip
        """Join the post's cluster as ``graph/dedup/store.py`` would: found it, or absorb the
        report into its summary with a SAME_CONTENT judgement to the founding report."""
        rid = row["id"]
        if post.summary is None or post.cluster_id is None or post.anchor is None:
            post.cluster_id, post.anchor = content_id_for(rid), rid
            post.summary = ContentSummary.found(post.cluster_id, evidence)
        else:
            same_post = evidence.post_key is not None and evidence.post_key == post.summary.post_key
            rule, score = ("same_post_key", 1.0) if same_post else ("strong_text", 0.93)
            features = {
                "report_post_key": evidence.post_key, "content_post_key": post.summary.post_key,
                "platform": evidence.platform, "policy_version": self.policy.version,
                "rule": rule, "score": score,
            }  # fmt: skip
            judgement = judge_content(
                rid, post.anchor, ContentVerdict.SAME_CONTENT, score=score, features=features,
                actor=SYSTEM, at=received, reason=f"matched content {post.cluster_id} ({rule})",
            )  # fmt: skip
            batch.judgements.append(judgement_row(judgement))
            post.summary = post.summary.absorb(
                evidence, self.policy.max_texts, self.policy.max_handles
            )
        row["cluster_id"] = post.cluster_id

    def _note(self, post: Post, row: Row, victim: Identity | None, role: str,
              suspects: list[tuple[Account, Row]], occurred: datetime | None) -> None:  # fmt: skip
        """Keep what the case work and the intelligence item of the post will need."""
        stats, received = self.stats, row["received_at_dt"]
        post.reports += 1
        post.first_received = post.first_received or received
        post.last_received = received
        stats.reports += 1
        if victim is not None:
            stats.reports_with_victim += 1
            stats.reports_repeat_victim += victim.id in self._repeat_ids
            if victim.place and victim.place.force_code not in post.victim_forces:
                post.victim_forces.append(victim.place.force_code)
        stats.reporter_not_victim += role != "victim"
        reporter = row["parties"][0]
        post.reporter_force = post.reporter_force or reporter["force_code"]
        if row["chosen_force_code"]:
            post.chosen_forces.append(row["chosen_force_code"])
        for named, _ in suspects:
            stats.named_by_account[named.index] = stats.named_by_account.get(named.index, 0) + 1
        pole = post.pole
        if pole is None:
            return
        pole.occurred.append(occurred)
        pole.references.append(row["reference"])
        named_accounts = [named for named, _ in suspects]
        if row["content"][0]["author_key"]:
            named_accounts.append(post.author)
        for account in named_accounts:
            pole.accounts[account.key] = {
                "key": account.key,
                "platform": account.platform,
                "handle": account.handle,
            }
        for party in row["parties"]:
            if party["is_victim"]:
                pole.victims[party["id"]] = {
                    "id": party["id"], "name": party["name"], "postcode": party["postcode"],
                    "force_code": party["force_code"],
                }  # fmt: skip
            if party["is_reporter"]:
                pole.reporters[party["id"]] = {"id": party["id"], "name": party["name"]}
        for suspect in row["suspect_people"]:
            pole.suspects[suspect["id"]] = {"id": suspect["id"], "name": suspect["name"]}

    # -- cases ---------------------------------------------------------------------------

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}"

    def _case_work(self, post: Post, case_id: str) -> Row | None:
        """Decision and (re)assignment, as ``graph/cases/repository.py`` records them; None
        while the case still awaits assessment."""
        rng, stats = self.rng, self.stats
        first, last = post.first_received, post.last_received
        if first is None or last is None or last > START + SPAN - ASSESSMENT_LAG:
            return None
        decided = self._decisions(rng)
        accepted = rng.random() < 0.9
        recommended = decided if accepted else "non_crime_hate_incident"
        decided_at = first + timedelta(hours=rng.uniform(1, 20))
        by = rng.choice(ANALYSTS)
        work: Row = {
            "case_id": case_id, "created_at": first.isoformat(),
            "decision": {
                "id": self._new_id("decision"), "recommended": recommended, "decided": decided,
                "accepted": accepted, "reason": "accepted" if accepted else "analyst override",
                "by": by, "at": decided_at.replace(microsecond=0).isoformat(),
            },
            "assignments": [], "lead": None, "notified": [],
        }  # fmt: skip
        if decided not in ("crime", "non_crime_hate_incident"):
            return work
        lead: str | None
        if post.chosen_forces:
            lead, rule = post.chosen_forces[0], "a_reporter_choice"
        elif post.victim_forces:
            lead, rule = post.victim_forces[0], "c_suspect_unknown_or_abroad"
        else:
            lead, rule = post.reporter_force, "d_no_victim_location"
        at = (decided_at + timedelta(hours=rng.uniform(0.1, 4))).replace(microsecond=0)
        reasons = [f"rule {rule}: lead force {lead or 'none (the hub keeps it)'}"]
        work["assignments"].append(
            {"id": self._new_id("assignment"), "from_force": None, "to_force": lead, "rule": rule,
             "reasons": reasons, "reason": "assigned by the rules", "by": by, "at": at.isoformat()}
        )  # fmt: skip
        if lead is None:
            return work
        stats.cases_assigned += 1
        notified = [
            {"force_code": code, "role": "victim_care", "reason": f"a victim lives in {code}",
             "at": at.isoformat()}
            for code in post.victim_forces if code != lead
        ][:5]  # fmt: skip
        if rng.random() < REASSIGNED_SHARE:
            stats.cases_reassigned += 1
            codes = [f.code for f in all_forces() if f.code != lead]
            new = "BTP" if rng.random() < 0.05 and lead != "BTP" else rng.choice(codes)
            at = (at + timedelta(days=rng.uniform(1, 30))).replace(microsecond=0)
            reason = "suspect identified in another force area"
            work["assignments"].append(
                {"id": self._new_id("assignment"), "from_force": lead, "to_force": new,
                 "rule": "manual_reassignment", "reasons": [reason], "reason": reason,
                 "by": rng.choice(ANALYSTS), "at": at.isoformat()}
            )  # fmt: skip
            lead, rule, notified = new, "manual_reassignment", []
        work["lead"] = {"force_code": lead, "rule": rule, "at": at.isoformat(), "by": by}
        work["notified"] = notified
        return work

    def _intel_item(self, post: Post, case_id: str, after: datetime) -> Row:
        """A graded item built by the hub's ``item_data`` from what ``case_pole`` would read."""
        rng, pole = self.rng, post.pole
        assert pole is not None
        assert post.summary is not None
        record = {
            "case_id": case_id, "post_keys": [post.summary.post_key],
            "occurred": pole.occurred, "references": pole.references,
            "accounts": list(pole.accounts.values()), "victims": list(pole.victims.values()),
            "reporters": list(pole.reporters.values()), "suspects": list(pole.suspects.values()),
        }  # fmt: skip
        handling = "C" if rng.random() < C_SHARE else "P"
        grade: Row = {
            "source_evaluation": rng.choices("123", (3, 6, 1))[0],
            "intelligence_assessment": rng.choices("ABCDE", (10, 30, 35, 20, 5))[0],
            "handling_code": handling,
        }
        if handling == "C":
            grade["handling_conditions"] = [rng.choice(CONDITIONS)]
        purpose = self._purposes(rng)
        # Graded days after the case's last report, some revised weeks later: times past the
        # reports' span are fine (they stay in the past), and no two items share one by chance
        # more often than real ones would.
        created = (after + timedelta(days=rng.uniform(1, 20))).replace(microsecond=0)
        summary = (
            f"{registry_platform(post.platform).name} account @{post.author.handle} posting "
            f"{post.strands[0].value.replace('_', ' ')} hate; {post.reports} report(s)"
        )
        data = item_data(record, grade, summary, purpose, self._new_id("intel"), created)
        if rng.random() < 0.15:  # revised after grading
            updated = created + timedelta(days=rng.uniform(1, 60))
            data["updated_at"] = updated.replace(microsecond=0).isoformat()
        item = IntelItem.parse(data)
        self.stats.intel_items += 1
        self.stats.intel_items_c += handling == "C"
        return {
            "case_id": case_id, "id": item.id, "item": item.model_dump_json(),
            "updated_at": item.updated_at.isoformat(), "handling_code": handling,
            "created_by": rng.choice(ANALYSTS),
        }  # fmt: skip

    def _finish(self, post: Post, batch: Batch) -> None:
        if post.summary is None or post.cluster_id is None:
            return  # planned reports never arrived before the end
        batch.clusters.append(summary_row(post.summary))
        batch.opened.extend(default_case_rows([post.cluster_id]))
        case_id = default_case_id(post.cluster_id)
        work = self._case_work(post, case_id)
        if work is not None:
            batch.cases.append(work)
            if post.pole is not None and post.last_received is not None:
                batch.items.append(self._intel_item(post, case_id, post.last_received))

    # -- the stream ----------------------------------------------------------------------

    def batches(self, size: int) -> Iterator[Batch]:
        """Every report, ``size`` a batch, in arrival order; then the posts still open."""
        heap: list[tuple[datetime, int, Post]] = []
        order = itertools.count()
        open_posts: dict[int, Post] = {}
        next_post = self._next_post_time()
        batch = Batch()
        while self.stats.reports < self.total:
            while not heap or next_post <= heap[0][0]:
                self._new_post(heap, order, next_post)
                next_post = self._next_post_time()
            received, _, post = heapq.heappop(heap)
            open_posts[post.seq] = post
            batch.reports.append(self._report(post, received, batch))
            self.first_received = self.first_received or received
            self.last_received = received
            post.remaining -= 1
            if post.remaining == 0:
                self._finish(open_posts.pop(post.seq), batch)
            if len(batch.reports) >= size:
                yield batch
                batch = Batch()
        for post in open_posts.values():
            self._finish(post, batch)
        yield batch

    def persons(self) -> AccountPersons:
        """After the reports: a share of the accounts linked into multi-account persons, as
        ``ohch link identities`` leaves them after platform disclosures: each linked account
        disclosed with its person's email and an IP address (``ingest/disclosures.py``), a
        SAME_PERSON judgement from the person's first account to each other one, and every
        account's ``person_id`` (the rest alone)."""
        rng = self.rng
        by_key = {self._accounts[i].key: self._accounts[i] for i in self._written_accounts}
        keys = sorted(by_key)
        rng.shuffle(keys)
        linked = keys[: int(len(keys) * LINKED_ACCOUNT_SHARE)]
        person_of = {key: person_id_for([key]) for key in keys}
        found = AccountPersons()
        end = START + SPAN
        start = 0
        while start < len(linked) - 1:
            group = sorted(linked[start : start + rng.choice((2, 2, 2, 3, 3, 4))])
            start += len(group)
            if len(group) < 2:
                break
            person = person_id_for(group)
            email = f"{by_key[group[0]].handle.replace('.', '_')}.{start}@example.net"
            received = (end - timedelta(days=rng.uniform(1, 300))).replace(microsecond=0)
            for key in group:
                person_of[key] = person
                account = by_key[key]
                payload = {
                    "platform": account.platform, "handle": account.handle,
                    "platform_user_id": str(1_000_000 + account.index), "emails": [email],
                    "ip_addresses": [{"ip": f"2001:db8::{start:x}",
                                      "seen_at": _zulu(received - timedelta(days=3))}],
                    "received_at": _zulu(received),
                    "legal_basis": "Investigatory Powers Act 2016 s61 authorisation",
                }  # fmt: skip
                if account.real_name:
                    payload["registered_name"] = account.real_name
                found.disclosures.append(disclosure_row(payload))
            for other in group[1:]:
                p = round(rng.uniform(0.9, 0.999), 6)
                evidence = Evidence("email", group[0], other, "exact", 8.0, "disclosed")
                explanation = {"bits": 8.0, "probability": p, "evidence": [evidence.as_dict()]}
                judgement = judge_person(
                    group[0], other, PersonVerdict.SAME_PERSON, score=p, evidence=explanation,
                    actor=SYSTEM, at=end, reason=f"system link (p={p})",
                )  # fmt: skip
                found.links.append(
                    {"left": judgement.left, "right": judgement.right,
                     "props": judgement.edge_properties()}
                )  # fmt: skip
        found.persons = [{"key": k, "person_id": p} for k, p in sorted(person_of.items())]
        self.stats.accounts = len(keys)
        self.stats.linked_accounts = sum(1 for k in keys if person_of[k] != f"person:{k}")
        return found

    def reference_counters(self) -> dict[int, int]:
        return dict(self._references)
