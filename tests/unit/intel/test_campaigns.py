from __future__ import annotations

from graph.intel.campaigns import Targeting, find_campaigns


def test_ten_accounts_targeting_the_same_three_victims_are_one_campaign() -> None:
    edges = [Targeting(f"x|troll{i}", v, 1) for i in range(10) for v in ("amara", "ben", "cat")]
    edges += [Targeting("x|loner", "dave", 3), Targeting("x|troll0", "erin", 1)]
    (campaign,) = find_campaigns(edges)
    assert campaign.accounts == tuple(sorted(f"x|troll{i}" for i in range(10)))
    assert campaign.victims == ("amara", "ben", "cat")
    assert campaign.reports == 30


def test_unrelated_pairs_do_not_chain_into_a_campaign() -> None:
    edges = [Targeting("a", "v1", 1), Targeting("b", "v2", 1), Targeting("c", "v3", 1)]
    assert find_campaigns(edges) == []
