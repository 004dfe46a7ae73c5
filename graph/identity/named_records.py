"""People named in reports as linkage records: a report's full name split into given name and
surname, and what a per-report ``Person`` node gives the matcher.

Pure: no I/O. Reports carry one free-text name per person, no date of birth (the referral
contract has none), a postcode and contact details for reporters and victims, and a free-text
location for suspects.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.identity.models import PersonRecord

# Titles and honours are not part of a name; particles belong to the surname that follows them.
TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof", "professor", "rev", "revd", "sir",
     "dame", "lord", "lady", "fr", "sr", "cllr"}
)  # fmt: skip
SUFFIXES = frozenset(
    {"jr", "jnr", "junior", "sr", "snr", "senior", "ii", "iii", "iv", "phd", "obe", "mbe", "cbe",
     "kc", "qc", "esq"}
)  # fmt: skip
PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "le", "la", "st", "al",
     "el", "bin", "ibn", "ap", "ter", "ten", "dos", "das", "do"}
)  # fmt: skip
# What forms write when the name is not known: no name at all, never a person called "Unknown".
PLACEHOLDERS = frozenset(
    {"unknown", "not known", "n/a", "na", "none", "anon", "anonymous", "no name", "not given",
     "prefer not to say", "unnamed", "withheld", "?"}
)  # fmt: skip


def _bare(token: str) -> str:
    """A token for comparing with the word lists: lowercase, without dots and commas."""
    return token.strip(".,").lower()


def _words(text: str) -> list[str]:
    return [w for w in (t.strip(".,") for t in text.split()) if w]


def _drop_titles(words: list[str]) -> list[str]:
    while words and _bare(words[0]) in TITLES:
        words = words[1:]
    while words and _bare(words[-1]) in SUFFIXES:
        words = words[:-1]
    return words


def _usable(word: str | None) -> str | None:
    """An initial alone (``J``) is no name: the matcher cannot compare it with a full one."""
    return word if word and len(word.replace("'", "").replace("-", "")) > 1 else None


def split_name(full: str | None) -> tuple[str | None, str | None]:
    """``(given name, surname)`` from a full name as a report writes it.

    - "Surname, Given" (with a comma) is read surname first;
    - titles (Mr, Dr ...) and suffixes (Jr, OBE ...) are dropped;
    - the first remaining word is the given name and the last the surname, with the particles
      before it ("Ludwig van Beethoven" -> "van Beethoven"); middle names are dropped, as the
      matcher compares given names and surnames only;
    - one word is a given name ("my neighbour Dave" is far commoner in reports than "Smith");
    - an initial alone is no name (it cannot be compared), and placeholders ("unknown",
      "n/a") are no name at all.
    """
    if full is None or " ".join(full.split()).lower() in PLACEHOLDERS:
        return None, None
    if "," in full:
        surname_part, _, given_part = full.partition(",")
        surname_words = _drop_titles(_words(surname_part))
        given_words = _drop_titles(_words(given_part))
        surname = " ".join(surname_words) or None
        return _usable(given_words[0] if given_words else None), _usable(surname)
    words = _drop_titles(_words(full))
    if not words:
        return None, None
    if len(words) == 1:
        return _usable(words[0]), None
    start = len(words) - 1
    while start > 1 and _bare(words[start - 1]) in PARTICLES:
        start -= 1
    return _usable(words[0]), _usable(" ".join(words[start:]))


def named_record(
    key: str,
    name: str | None,
    *,
    postcode: str | None = None,
    location: str | None = None,
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
) -> PersonRecord | None:
    """The linkage record of one per-report person, or ``None`` when it names nobody: without
    a name, an email or a phone there is nothing to link on (an anonymous reporter, or a
    suspect known only by a place), and such a person is never linked."""
    given, surname = split_name(name)
    found_emails = tuple(sorted({e for e in emails if e}))
    found_phones = tuple(sorted({p for p in phones if p}))
    if not (given or surname or found_emails or found_phones):
        return None
    return PersonRecord(
        key=key,
        given_name=given,
        surname=surname,
        postcode=postcode or None,
        locality=(location or "").strip() or None,
        emails=found_emails,
        phones=found_phones,
    )
