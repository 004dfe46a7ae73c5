"""The counts kept for people answer prolific persons, repeat victims and campaigns as the
reports do, after any sequence of the changes that move them.

Prolific persons add up the counts kept by account, grouped by each account's person as it is
read (a report naming two accounts of one person counted once); repeat victims and campaigns
read the counts kept by victim identity, which intake, content merges and splits and the
named-people linker move. Case merges, splits and reassignment move none of them for hub staff,
and are in the sequences to show it. After each change, for every basis and for windows cut at
midnight, within a day and across weeks, the kept answer must equal the exact query's (the
oracle, kept for force viewers): a page at a time, by reports and by content; repeat victims at
two thresholds; campaigns' links to victims two accounts targeted, and the campaigns found.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

import pytest

from graph.cypher import load_query
from graph.db import Graph
from graph.errors import InvalidValue, NotFound
from graph.identity.analyst import judge_identity
from graph.identity.named_store import link_people_in_graph
from graph.intel.bounds import TimeBasis, Window
from graph.intel.campaigns import Targeting, find_campaigns
from ingest.load import write_reports
from tests.factories import referral
from tests.integration.intake.helpers import query, row
from tests.integration.intel import test_kept_counts as kept_counts
from tests.integration.intel.test_kept_counts import ACTOR, START, WINDOWS

VICTIMS = [  # a few people reporting again and again; the linker joins them by email
    ("Amara Okafor", "amara@example.org"),
    ("Bilal Hussain", "bilal@example.org"),
    ("Chen Wei", "chen@example.org"),
    ("Dara Kelly", "dara@example.org"),
]


def _payload(n: int, rng: random.Random) -> tuple[dict[str, Any], datetime]:
    """A referral as test_kept_counts makes one, about one of a few victims (its reporter, or
    named apart when a witness reports it), naming one to three of six accounts."""
    payload, received = kept_counts._payload(n, rng)
    payload["source_ref"] = f"TV-PEOPLE-{n}"
    name, email = rng.choice(VICTIMS)
    victim = {"role": "victim", "name": name, "email": email, "consent_to_contact": True}
    payload["reporter"] = victim
    if rng.random() < 0.3:
        payload["reporter"] = {
            "role": "witness",
            "name": f"Witness {n}",
            "consent_to_contact": True,
        }
        payload["victim"] = victim
    named = rng.sample(range(6), rng.choice([1, 1, 2, 3]))  # some reports name several
    payload["suspects"] = [{"platform": "X", "handle": f"@suspect{k}"} for k in named]
    return payload, received


def _intake(graph: Graph, rng: random.Random, first: int, count: int) -> None:
    made = sorted((_payload(n, rng) for n in range(first, first + count)), key=lambda m: m[1])
    write_reports(graph, [row(payload, received) for payload, received in made])


def _read(
    graph: Graph, name: str, window: Window, basis: TimeBasis, counted: bool, **params: Any
) -> list[dict[str, Any]]:
    """``name`` answered from the kept counts (``counted``) or the reports, for hub staff."""
    if counted:
        spans = {**window.edge_spans(basis, sees_all=True), "basis": basis.key}
        rows = graph.read(load_query(f"{name}_counted"), **spans, **params)
    else:
        scope = {"viewer_force": None, "viewer_sees_all": True}
        rows = graph.read(load_query(name), **window.spans(basis), **scope, **params)
    return [dict(r) for r in rows]


def _persons(
    graph: Graph, window: Window, basis: TimeBasis, counted: bool, **page: Any
) -> list[dict[str, Any]]:
    """Prolific persons, their accounts and platforms in order (the exact query's are not)."""
    rows = _read(graph, "intel/prolific_persons", window, basis, counted, **page)
    return [{**r, "accounts": sorted(r["accounts"]), "platforms": sorted(r["platforms"])}
            for r in rows]  # fmt: skip


def _victims(
    graph: Graph, window: Window, basis: TimeBasis, counted: bool, **page: Any
) -> list[dict[str, Any]]:
    return _read(graph, "intel/repeat_victims", window, basis, counted, **page)


def _links(
    graph: Graph, window: Window, basis: TimeBasis, counted: bool
) -> dict[tuple[str, str], int]:
    """(account, victim) -> reports, for the victims two accounts or more targeted."""
    [found] = _read(graph, "intel/co_targeting", window, basis, counted, limit=10_000)
    links = dict(zip(zip(found["accounts"], found["victims"], strict=True), found["reports"],
                     strict=True))  # fmt: skip
    attackers: dict[str, int] = {}
    for _, victim in links:
        attackers[victim] = attackers.get(victim, 0) + 1
    return {link: n for link, n in links.items() if attackers[link[1]] >= 2}


PERSON_PAGES: list[dict[str, Any]] = [
    {"skip": 0, "limit": 2, "by_content": False, "accounts_shown": 20},
    {"skip": 1, "limit": 2, "by_content": True, "accounts_shown": 20},
    {"skip": 0, "limit": 50, "by_content": True, "accounts_shown": 2},
]
VICTIM_PAGES: list[dict[str, Any]] = [
    {"skip": 0, "limit": 50, "min_reports": 2, "min_cases": 1},
    {"skip": 1, "limit": 2, "min_reports": 3, "min_cases": 2},
]


def _check(graph: Graph) -> int:
    """Every kept answer equals the exact one; how many rows were compared (so a check that
    compared only empty answers shows)."""
    compared = 0
    for basis in TimeBasis:
        for since, until in WINDOWS:
            window = Window.of(since, until)
            for page in PERSON_PAGES:
                exact = _persons(graph, window, basis, False, **page)
                assert _persons(graph, window, basis, True, **page) == exact, (basis, page)
                compared += len(exact)
            for page in VICTIM_PAGES:
                exact = _victims(graph, window, basis, False, **page)
                assert _victims(graph, window, basis, True, **page) == exact, (basis, page)
                compared += len(exact)
            exact_links = _links(graph, window, basis, False)
            assert _links(graph, window, basis, True) == exact_links, basis
            compared += len(exact_links)
            edges = [Targeting(a, v, n) for (a, v), n in sorted(exact_links.items())]
            kept = [
                Targeting(a, v, n)
                for (a, v), n in sorted(_links(graph, window, basis, True).items())
            ]
            assert find_campaigns(kept, 2, 1) == find_campaigns(edges, 2, 1)
    return compared


def _keys(graph: Graph, cypher: str) -> list[str]:
    return [r["k"] for r in query(graph, cypher)]


def _judge(graph: Graph, rng: random.Random, keys: list[str], same: bool) -> str:
    a, b = rng.sample(keys, 2)
    try:
        judge_identity(graph, a, b, same, ACTOR, "seen together" if same else "not the same")
    except (InvalidValue, NotFound):
        return "refused"
    return "link" if same else "unlink"


def _step(graph: Graph, rng: random.Random, n: int) -> str:
    """One random change of those that could move the counts kept for people: test_kept_counts'
    (intake, reassignment, content and case merges and splits) or the linkers'; its name."""
    kind = rng.choice(["others", "others", "intake", "link_people", "judge_people",
                       "judge_accounts"])  # fmt: skip
    if kind == "others":
        return kept_counts._step(graph, rng, n)
    if kind == "link_people":
        link_people_in_graph(graph)
    elif kind == "judge_people":
        victims = _keys(graph, "MATCH (v:Person)-[:VICTIM_IN]->() RETURN v.id AS k ORDER BY k")
        return _judge(graph, rng, victims, rng.random() < 0.5)
    elif kind == "judge_accounts":
        accounts = _keys(graph, "MATCH (a:Account) RETURN a.key AS k ORDER BY k")
        return _judge(graph, rng, accounts, rng.random() < 0.6)
    else:
        _intake(graph, rng, 2000 + 10 * n, 3)
    return kind


def test_linking_people_joins_their_reports_and_unlinking_parts_them(
    reference_graph: Graph,
) -> None:
    _intake(reference_graph, random.Random(21), 0, 16)
    window = Window.of(START - timedelta(days=30), START + timedelta(days=30))
    page = VICTIM_PAGES[0]
    assert _victims(reference_graph, window, TimeBasis.REPORTED, True, **page) == []
    link_people_in_graph(reference_graph)  # the same email: one identity each
    linked = _victims(reference_graph, window, TimeBasis.REPORTED, True, **page)
    assert {r["victim"] for r in linked}
    assert sum(r["reports"] for r in linked) >= 10
    assert _check(reference_graph) > 0
    victims = _keys(
        reference_graph, "MATCH (v:Person)-[:VICTIM_IN]->() RETURN v.id AS k ORDER BY k"
    )
    identity = {r["v"]: r["p"] for r in query(reference_graph, "MATCH (v:Person) "
                "WHERE v.person_id IS NOT NULL RETURN v.id AS v, v.person_id AS p")}  # fmt: skip
    a = next(v for v in victims if v in identity)
    b = next(v for v in victims if v != a and identity.get(v) == identity[a])
    judge_identity(reference_graph, a, b, False, ACTOR, "two people of one name")
    assert _victims(reference_graph, window, TimeBasis.REPORTED, True, **page) != linked
    assert _check(reference_graph) > 0


def test_a_report_naming_two_accounts_of_one_person_counts_once(reference_graph: Graph) -> None:
    payload = referral(source_ref="TV-TWO-ACCOUNTS", submitted_at=START.isoformat())
    payload["suspects"] = [
        {"platform": "X", "handle": "@alpha"},
        {"platform": "X", "handle": "@beta"},
    ]
    write_reports(reference_graph, [row(payload, START + timedelta(hours=1))])
    keys = _keys(reference_graph, "MATCH (a:Account) RETURN a.key AS k ORDER BY k")
    judge_identity(reference_graph, keys[0], keys[1], True, ACTOR, "one person, two handles")
    window = Window.of(START - timedelta(days=30), START + timedelta(days=30))
    [person] = _persons(reference_graph, window, TimeBasis.REPORTED, True, **PERSON_PAGES[0])
    assert (person["reports"], person["account_count"]) == (1, 2)
    assert _check(reference_graph) > 0


@pytest.mark.parametrize("seed", [3, 5, 8])
def test_any_sequence_of_changes_keeps_the_people_counts_equal_to_the_reports(
    reference_graph: Graph, seed: int
) -> None:
    rng = random.Random(seed)
    _intake(reference_graph, rng, 0, 20)
    link_people_in_graph(reference_graph)
    done, compared = [], 0
    for n in range(10):
        done.append(_step(reference_graph, rng, n))
        compared += _check(reference_graph)
    assert len(set(done) - {"refused"}) >= 4  # several kinds of change were made
    assert compared > 0


KEPT = (
    "MATCH (d:VictimIdentity|VictimDay|VictimWeek|SuspectsDay|SuspectsWeek) "
    "RETURN d.id AS id, labels(d) AS l, properties(d) AS p ORDER BY id, l"
)


def test_the_upgrade_counts_an_older_graph_as_intake_and_linking_would_have_then_does_nothing(
    reference_graph: Graph,
) -> None:
    rng = random.Random(11)
    _intake(reference_graph, rng, 0, 16)
    link_people_in_graph(reference_graph)
    for n in range(5):
        _step(reference_graph, rng, n)
    kept = query(reference_graph, KEPT)
    assert {tuple(k["l"]) for k in kept} >= {("VictimIdentity",), ("VictimWeek",), ("SuspectsDay",)}
    upgrade = load_query("upgrades/008_person_counts").text
    pending = load_query("admin/pending_upgrades")
    query(reference_graph, "MATCH (d:VictimIdentity|VictimDay|VictimWeek|SuspectsDay|SuspectsWeek) "
          "DETACH DELETE d")  # fmt: skip
    query(reference_graph, "MATCH (u:DataUpgrade {id: '008_person_counts'}) DELETE u")
    assert "008_person_counts" in reference_graph.read(pending)[0]["pending"]
    reference_graph.run_schema(upgrade)
    assert "008_person_counts" not in reference_graph.read(pending)[0]["pending"]
    assert _sorted_lists(query(reference_graph, KEPT)) == _sorted_lists(kept)
    _check(reference_graph)

    # Its work done, it changes nothing.
    query(reference_graph, "MATCH (i:VictimIdentity) WITH i LIMIT 1 SET i.reports = 99")
    marked = query(reference_graph, KEPT)
    reference_graph.run_schema(upgrade)
    assert query(reference_graph, KEPT) == marked


def _sorted_lists(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The kept counts with each list's entries in order: a list keeps a multiset (an entry a
    report, or a report and account), whose order depends on the order of the changes."""
    return [{**r, "p": {k: sorted(v) if isinstance(v, list) else v for k, v in r["p"].items()}}
            for r in rows]  # fmt: skip
