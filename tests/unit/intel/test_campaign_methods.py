"""Both campaign methods find a pile-on; only modularity splits two pile-ons joined weakly."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from graph.errors import InvalidValue
from graph.intel import campaigns
from graph.intel.campaigns import Campaign, Targeting, find_campaigns, find_communities

Find = Callable[..., list[Campaign]]
METHODS: list[Find] = [find_campaigns, find_communities]


def pile_on(prefix: str, victims: tuple[str, ...], size: int = 10) -> list[Targeting]:
    return [Targeting(f"x|{prefix}{i}", v, 1) for i in range(size) for v in victims]


def two_pile_ons_and_a_weak_link() -> list[Targeting]:
    edges = pile_on("a", ("amara", "ben", "cat")) + pile_on("b", ("dev", "eli", "fay"))
    return [*edges, Targeting("x|a0", "dev", 1)]  # one account of the first joins the second


@pytest.mark.parametrize("find", METHODS)
def test_ten_accounts_against_three_victims_in_a_week_are_found(find: Find) -> None:
    edges = pile_on("troll", ("amara", "ben", "cat"))
    edges += [Targeting("x|loner", "dave", 3), Targeting("x|troll0", "erin", 1)]
    (campaign,) = find(edges)
    assert campaign.accounts == tuple(sorted(f"x|troll{i}" for i in range(10)))
    assert campaign.victims == ("amara", "ben", "cat")
    assert campaign.reports == 30


def test_a_weak_link_makes_one_component() -> None:
    (campaign,) = find_campaigns(two_pile_ons_and_a_weak_link())
    assert len(campaign.accounts) == 20
    assert campaign.victims == ("amara", "ben", "cat", "dev", "eli", "fay")
    assert campaign.reports == 61


def test_a_weak_link_leaves_two_modularity_communities() -> None:
    first, second = find_communities(two_pile_ons_and_a_weak_link())
    assert first.accounts == tuple(sorted(f"x|a{i}" for i in range(10)))
    assert first.victims == ("amara", "ben", "cat")  # dev was targeted by one of them only
    assert first.reports == 30
    assert second.accounts == tuple(sorted(f"x|b{i}" for i in range(10)))
    assert second.victims == ("dev", "eli", "fay")
    assert second.reports == 30


def test_modularity_is_reproducible_whatever_the_order_of_the_edges() -> None:
    edges = two_pile_ons_and_a_weak_link() + pile_on("c", ("gus", "hal"), size=4)
    expected = find_communities(edges)
    for seed in range(5):
        shuffled = edges[:]
        random.Random(seed).shuffle(shuffled)
        assert find_communities(shuffled) == expected


def test_thresholds_drop_small_groups() -> None:
    edges = pile_on("c", ("gus", "hal"), size=4)
    for find in METHODS:
        assert find(edges, min_accounts=5) == []
        assert find(edges, min_victims=3) == []
        assert len(find(edges, min_accounts=4, min_victims=2)) == 1


def test_modularity_refuses_a_window_with_too_many_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(campaigns, "MAX_PAIRS", 44)  # ten accounts on one victim: 45 pairs
    with pytest.raises(InvalidValue) as error:
        find_communities(pile_on("troll", ("amara",)), min_victims=1)
    assert error.value.field == "method"
    assert "45 account pairs" in str(error.value)
