"""Look-alike letters of other scripts fold to the Latin letter a reader sees (Unicode's
confusables, UTS #39); ASCII is never changed, so a digit stays a digit."""

from __future__ import annotations

import pytest

from graph.values.lookalikes import fold_lookalikes

CASES = [
    ("Cyrillic i in a Latin word", "jsm\u0456th", "jsmith"),
    ("Cyrillic capitals", "\u0408\u041e\u0405", "jos"),
    ("Cyrillic lowercase known through their capitals", "\u043a\u043c\u043d\u0442\u0432", "kmhtb"),
    ("Greek omicron and alpha", "\u03bf\u03b1", "oa"),
    ("fullwidth letters", "\uff4a\uff53\uff4d\uff49\uff54\uff48", "jsmith"),
    ("accents dropped", "Zo\u00eb Bront\u00eb", "zoe bronte"),
    ("a Cyrillic letter with a diaeresis", "\u0451", "e"),
    ("ASCII digits and symbols unchanged", "j5m1th_88@x", "j5m1th_88@x"),
    ("plain ASCII lowercased only", "JSmith", "jsmith"),
]


@pytest.mark.parametrize(("text", "folded"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_look_alikes_fold_to_latin(text: str, folded: str) -> None:
    assert fold_lookalikes(text) == folded


def test_the_table_is_unicodes_and_covers_the_letters_abusers_use() -> None:
    cyrillic = "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455"
    assert fold_lookalikes(cyrillic) == "aeopcyxijs"
