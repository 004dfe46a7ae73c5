"""How well re-uploads are recognised past evasion tricks (graph/removals/evasion.py).

Two sets of removed texts, each re-posted with tricks, and texts that only share their words:
- the plain set: one trick a variant (leetspeak, look-alike letters, spacing, stretched letters,
  invisible characters, emoji letters), as the unit test's table;
- the harder set, which helps the key less: two or three tricks at once, plus word-level
  changes the key does not undo ("u" for "you", a word dropped, an emoji after each word,
  the words of two sentences swapped).
Prints the share of variants matched (recall) and of benign texts matched (false alarms) at the
policy's threshold, and the times. Run: ``.venv/bin/python bench/reupload_evasion.py``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.removals.evasion import same_text
from graph.removals.policy import removal_policy

REMOVED = [
    "Go back where you came from, you filthy animal",
    "People like you should be wiped out, every last one of you",
    "No muslims in this country, send them all back on the boats",
    "Disabled scroungers like you should be put down like dogs",
    "You are not a real woman and never will be, freak",
    "I know where you live and I am coming for you and your family",
]
BENIGN = [
    "I went back to where I came from last summer, lovely animals there",
    "People like you make this country great, every last one of you",
    "Muslims in this country are our neighbours, send them all our love",
    "Disabled people like you should be treated with respect, like anyone",
    "You are a real woman and always will be, friend",
    "I know where you live now, I am coming to visit you and your family soon",
    "Welcome back! Where did you come from, you lovely animal?",
]
LEET = str.maketrans({"o": "0", "a": "4", "e": "3", "i": "1", "s": "$", "t": "7"})
LOOKALIKE = str.maketrans({"a": "а", "e": "е", "o": "о", "p": "р", "c": "с"})


def one_trick(text: str, rng: random.Random) -> str:
    trick = rng.randrange(6)
    if trick == 0:
        return text.lower().translate(LEET)
    if trick == 1:
        return text.translate(LOOKALIKE)
    if trick == 2:
        return " ".join(" ".join(word) for word in text.split())
    if trick == 3:
        return "".join(c * 3 if c in "aeiou" and rng.random() < 0.5 else c for c in text)
    if trick == 4:
        return "\u200b".join(text)
    return "".join(chr(0x1F1E6 + ord(c) - 97) if "a" <= c <= "z" and rng.random() < 0.3
                   else c for c in text.lower())  # fmt: skip


def harder(text: str, rng: random.Random) -> str:
    words = text.split()
    change = rng.randrange(4)
    if change == 0:
        words = ["u" if w.lower().strip(",") == "you" else w for w in words]
    elif change == 1:
        del words[rng.randrange(len(words))]
    elif change == 2:
        words = [w + " 🔥" for w in words]
    else:
        cut = len(words) // 2
        words = words[cut:] + words[:cut]
    variant = " ".join(words)
    for _ in range(rng.randint(2, 3)):
        variant = one_trick(variant, rng)
    return variant


def measure(name: str, make: object, rng: random.Random, per_text: int = 200) -> None:
    terms = removal_policy().reupload
    started = time.perf_counter()
    hits = total = 0
    for text in REMOVED:
        for _ in range(per_text):
            variant = make(text, rng)  # type: ignore[operator]
            total += 1
            hits += same_text(text, variant, terms.text_similarity, terms.min_letters) is not None
    alarms = sum(
        same_text(removed, benign, terms.text_similarity, terms.min_letters) is not None
        for removed in REMOVED
        for benign in BENIGN
    )
    elapsed = time.perf_counter() - started
    print(
        f"{name:8} recall {hits / total:6.1%} ({hits}/{total})  "
        f"false alarms {alarms}/{len(REMOVED) * len(BENIGN)}  {elapsed * 1000:.0f} ms"
    )


def main() -> None:
    rng = random.Random(22)
    print(f"threshold {removal_policy().reupload.text_similarity}")
    measure("plain", one_trick, rng)
    measure("harder", harder, rng)


if __name__ == "__main__":
    main()
