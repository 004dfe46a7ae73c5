"""Full names from reports split into given name and surname; what names nobody."""

from __future__ import annotations

import pytest

from graph.identity.named_records import named_record, split_name


@pytest.mark.parametrize(
    ("full", "expected"),
    [
        ("Amara Okafor", ("Amara", "Okafor")),
        ("  amara   OKAFOR ", ("amara", "OKAFOR")),
        ("Mary Jane Watson", ("Mary", "Watson")),  # middle names are not compared
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Mary Jane van der Berg", ("Mary", "van der Berg")),
        ("Okafor, Amara", ("Amara", "Okafor")),
        ("van der Berg, Dr. Anna", ("Anna", "van der Berg")),
        ("Dr. Siobhan O'Neill-Byrne OBE", ("Siobhan", "O'Neill-Byrne")),
        ("Mr John Smith Jr", ("John", "Smith")),
        ("Dave", ("Dave", None)),  # one word: a given name
        ("J. Smith", (None, "Smith")),  # an initial cannot be compared with a full name
        ("Unknown", (None, None)),
        ("not known", (None, None)),
        ("Mr", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_split_name(full: str | None, expected: tuple[str | None, str | None]) -> None:
    assert split_name(full) == expected


def test_a_record_needs_a_name_an_email_or_a_phone() -> None:
    # an anonymous reporter (a postcode at most) and a suspect known only by a place
    assert named_record("r1:reporter", None, postcode="WN1 1AA") is None
    assert named_record("r1:suspect:0", "unknown", location="Wigan") is None
    by_email = named_record("r2:victim", None, emails=["a@example.org", "a@example.org"])
    assert by_email is not None
    assert by_email.emails == ("a@example.org",)


def test_a_record_carries_what_the_report_says() -> None:
    record = named_record(
        "r1:victim", "Amara Okafor", postcode="WN1 1AA", location=" Wigan ",
        emails=["amara@example.org"], phones=["+447911123456"],
    )  # fmt: skip
    assert record is not None
    assert (record.given_name, record.surname, record.postcode, record.locality) == (
        "Amara", "Okafor", "WN1 1AA", "Wigan",
    )  # fmt: skip
    assert (record.date_of_birth, record.phones) == (None, ("+447911123456",))
