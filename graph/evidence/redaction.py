"""What a recipient force does not receive in identity evidence, and why (pure).

A judgement's evidence names the values it compared (graph/identity/evidence.py). Two kinds
are withheld from a package:

* the victims two accounts both targeted (``same_victims``, ``victims_in_days``): other
  people, perhaps another force's victims, whose details a package never carries (the linker
  does not name them either, graph/identity/behaviour.py); the count stays;
* the texts two accounts both posted (``same_text``): posts perhaps in another force's case,
  which a package names by id only;
* subscriber data from platform disclosures (emails, phones, IP addresses, registered names)
  when the recipient's role is not cleared to read disclosures (graph/viewer.py
  ``DISCLOSURE_READERS``): which feature agreed, at what level and weight, stays.

The score and every weight stay, so the sum can still be re-done by hand.
"""

from __future__ import annotations

from typing import Any

ALWAYS_WITHHELD = frozenset({"same_victims", "victims_in_days", "same_text"})
SUBSCRIBER_FEATURES = frozenset({"email", "phone", "ip", "registered_name"})
WITHHELD = "[withheld]"


def withheld_features(may_read_disclosures: bool) -> frozenset[str]:
    return ALWAYS_WITHHELD | (frozenset() if may_read_disclosures else SUBSCRIBER_FEATURES)


def redact_evidence(value: Any, withheld: frozenset[str]) -> Any:
    """``value`` (a judgement's evidence, any depth) with the compared values of withheld
    features replaced by :data:`WITHHELD`."""
    if isinstance(value, list):
        return [redact_evidence(v, withheld) for v in value]
    if not isinstance(value, dict):
        return value
    if value.get("feature") in withheld:
        return {
            **value,
            "left": WITHHELD,
            "right": WITHHELD,
            "note": f"{value['feature']} values are not disclosed in an evidence package",
        }
    return {k: redact_evidence(v, withheld) for k, v in value.items()}


def withheld_notes(may_read_disclosures: bool) -> list[str]:
    """What the package leaves out, in words, for its last section."""
    notes = [
        "People masked under the force view's rule (not living in the recipient's force, on a "
        "case the recipient is not assigned or notified to) appear by id, role and force only.",
        "Email and phone numbers of reporters and victims appear only where they consented to "
        "contact; anonymous reporters appear by role only.",
        "Victims two accounts both targeted are counted in identity evidence, never named; "
        "texts two accounts both posted are withheld from it.",
        "Intelligence items appear by grade, purpose and summary; their POLE entities do not.",
    ]
    if not may_read_disclosures:
        notes.append(
            "Subscriber data from platform disclosures (emails, phones, IP addresses, "
            "registered names, platform user ids) is withheld: the recipient's role is not "
            "cleared for it. Each disclosure's provenance and the request behind it are given."
        )
    return notes
