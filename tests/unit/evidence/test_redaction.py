"""What identity evidence a force does not receive: shared victims always, subscriber data
unless its role is cleared for disclosures; weights and levels always stay."""

from __future__ import annotations

from graph.evidence.redaction import WITHHELD, redact_evidence, withheld_features

EVIDENCE = {
    "bits": 30.0,
    "evidence": [
        {"feature": "email", "left": "j@example.com", "right": "j@example.com",
         "level": "shared", "weight": 20.0, "note": "held by 2 accounts"},
        {"feature": "same_victims", "left": "victim@example.org", "right": "victim@example.org",
         "level": "1_shared", "weight": 2.0, "note": "victim@example.org: 2 accounts"},
        {"feature": "handle", "left": "jsmith_88", "right": "jsmith88", "level": "exact",
         "weight": 4.5, "note": ""},
    ],
    "restored": {"evidence": [{"feature": "same_victims", "left": "v", "right": "v",
                               "level": "1_shared", "weight": 2.0, "note": "v"}]},
}  # fmt: skip


def test_a_force_gets_levels_and_weights_but_no_victims_or_subscriber_values() -> None:
    redacted = redact_evidence(EVIDENCE, withheld_features(may_read_disclosures=False))
    email, victims, handle = redacted["evidence"]
    assert (email["left"], email["right"], email["weight"]) == (WITHHELD, WITHHELD, 20.0)
    assert (victims["left"], victims["level"]) == (WITHHELD, "1_shared")
    assert "victim@example.org" not in str(redacted)
    assert handle == EVIDENCE["evidence"][2]  # type: ignore[index]
    assert redacted["restored"]["evidence"][0]["note"].startswith("same_victims values")
    assert redacted["bits"] == 30.0


def test_a_role_cleared_for_disclosures_still_never_gets_the_shared_victims() -> None:
    redacted = redact_evidence(EVIDENCE, withheld_features(may_read_disclosures=True))
    email, victims, _ = redacted["evidence"]
    assert email["left"] == "j@example.com"
    assert victims["left"] == WITHHELD
