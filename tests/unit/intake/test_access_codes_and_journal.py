from __future__ import annotations

from pathlib import Path

import pytest

from ingest.access_codes import ALPHABET, hash_code, new_code, verify_code
from ingest.journal import Journal


def test_access_codes_are_random_and_only_their_hash_verifies() -> None:
    codes = {new_code() for _ in range(1000)}
    assert len(codes) == 1000
    code = codes.pop()
    assert len(code) == 14
    assert code.count("-") == 2
    assert set(code.replace("-", "")) <= set(ALPHABET)
    stored = hash_code(code)
    assert code not in stored
    assert verify_code(code, stored)
    assert verify_code(code.lower().replace("-", " "), stored)  # as a person might type it
    assert not verify_code(new_code(), stored)
    assert hash_code(code) != stored  # salted


def test_every_letter_of_the_alphabet_can_fill_every_place_of_a_code() -> None:
    # 2,000 codes draw each place 2,000 times from 32 letters: a letter missing from a place
    # by chance has odds below 1e-25; a slip in how the random bits are cut makes it certain.
    places = [
        set(chars)
        for chars in zip(*(new_code().replace("-", "") for _ in range(2000)), strict=True)
    ]
    assert len(places) == 12
    assert all(place == set(ALPHABET) for place in places)


def test_journal_survives_and_replays_exactly_what_was_appended(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    for i in range(5):
        journal.append({"n": i})
    assert journal.backlog() == 5
    written: list[int] = []
    assert journal.drain(lambda batch: written.extend(e["n"] for e in batch), batch_size=2) == 5
    assert written == [0, 1, 2, 3, 4]
    assert journal.backlog() == 0


def test_a_failed_drain_keeps_every_entry_for_the_next_try(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal")
    for i in range(3):
        journal.append({"n": i})

    def fail(_batch: list[dict[str, int]]) -> None:
        raise ConnectionError("Neo4j went away")

    with pytest.raises(ConnectionError):
        journal.drain(fail)
    journal.append({"n": 3})  # accepted while the first drain failed
    written: list[int] = []
    journal.drain(lambda batch: written.extend(e["n"] for e in batch))
    assert written == [0, 1, 2, 3]
