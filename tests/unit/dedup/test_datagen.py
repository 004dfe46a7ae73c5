"""The labelled report generator: contract shape, determinism, labels kept out, the hard cases."""

from __future__ import annotations

import inspect
from collections import Counter, defaultdict
from itertools import islice

from bench.datagen.reports import generate_reports
from graph.values.postcode import Postcode
from ingest.contract import parse_referral

ROLES = {"victim", "witness", "third_party", "organisation", "anonymous"}
STRANDS = {"race", "religion", "sexual_orientation", "disability", "transgender", "other"}


def test_is_a_streaming_generator_and_deterministic_by_seed() -> None:
    assert inspect.isgeneratorfunction(generate_reports)
    first = list(generate_reports(300, seed=3))
    assert first == list(generate_reports(300, seed=3))
    assert first != list(generate_reports(300, seed=4))
    assert list(islice(generate_reports(10**9, seed=3), 300)) == first


def test_referrals_follow_intake_contract_v1_without_labels() -> None:
    for referral, label in generate_reports(2000, seed=1):
        assert "true_content_id" not in str(referral)
        assert set(referral) <= {
            "source", "source_ref", "submitted_at", "reporter", "victim", "incident",
            "content", "suspects",
        }  # fmt: skip
        assert referral["reporter"]["role"] in ROLES
        assert isinstance(referral["reporter"]["consent_to_contact"], bool)
        incident = referral["incident"]
        assert incident["location_type"] == "online"
        assert incident["description"]
        assert set(incident["strands"]) <= STRANDS
        for person in (referral["reporter"], referral.get("victim") or {}):
            if "postcode" in person:
                Postcode.clean(person["postcode"])
        [content] = referral["content"]
        assert content["platform"]
        assert referral["submitted_at"].endswith("Z")
        assert label["true_content_id"].startswith("c")


def test_referrals_pass_the_intake_contract_parser() -> None:
    for referral, _ in generate_reports(1500, seed=6):
        parse_referral(referral)


def test_same_account_similar_text_to_many_victims_are_distinct_contents() -> None:
    victims_per_campaign_post: dict[str, set[str]] = defaultdict(set)
    sizes: Counter[str] = Counter()
    post_keys: dict[str, set[str]] = defaultdict(set)
    for _, label in generate_reports(20_000, seed=2):
        sizes[label["true_content_id"]] += 1
        post_keys[label["true_content_id"]].add(label["true_post_key"])
        if label["episode"] == "campaign":
            victims_per_campaign_post[label["true_content_id"]].add(label["victim_id"])
    assert all(len(v) == 1 for v in victims_per_campaign_post.values())
    assert all(len(v) == 1 for v in post_keys.values())
    assert max(sizes.values()) >= 100  # a viral post reported hundreds of times


def test_noise_is_present() -> None:
    urls, handles, texts = [], [], []
    for referral, label in generate_reports(3000, seed=5):
        content = referral["content"][0]
        urls.append((content.get("url", ""), label["url_key"]))
        handles += [s.get("handle", "") for s in referral["suspects"]]
        texts.append(content.get("text", ""))
    assert any("twitter.com" in u for u, _ in urls)
    assert any("x.com" in u for u, _ in urls)
    assert any("?" in u and k and ":post:" in k for u, k in urls)  # tracking parameters
    assert any(k and ":account:" in k for _, k in urls)  # a profile instead of the post
    assert any(u and k is None for u, k in urls)  # short or unusable links
    assert any(h.startswith("@") for h in handles)
    assert any(t.startswith("They wrote:") for t in texts)
    assert any(t.endswith(("...", "…")) for t in texts)
