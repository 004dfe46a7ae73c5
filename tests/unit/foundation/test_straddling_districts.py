"""A postcode district the reference data marks as touching another force lowers the confidence
and names that force; a pairing the data marks doubtful is named with its doubt and does not."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from graph.reference.postcodes import Confidence, resolve_text

# postcode -> main force, confidence, other forces it may be, words the basis must hold
DISTRICTS: list[tuple[str, str, Confidence, tuple[str, ...], tuple[str, ...]]] = [
    # one force area, no pairing
    ("LS1 4AP", "E23000010", Confidence.HIGH, (), ("lies in one force area",)),
    # straddles two forces by the ONS lookups
    ("AL5 1AA", "E23000027", Confidence.MEDIUM, ("E23000026",), ("straddles 2 force areas",)),
    # one force area by the lookups, but the NHS district pairs touch the Met: lowered, named
    ("CM14 1AA", "E23000028", Confidence.MEDIUM, ("E23000001",),
     ("also touches Metropolitan Police Service (E23000001)",)),
    # straddles two, and touches a third
    ("BD22 7AA", "E23000010", Confidence.MEDIUM, ("E23000009", "E23000003"),
     ("straddles 2 force areas", "also touches Lancashire Constabulary (E23000003)")),
    # a doubtful pairing (Surrey with central Birmingham): named with its doubt, still high
    ("B15 2TT", "E23000014", Confidence.HIGH, (),
     ("Surrey Police (E23000031), doubtfully", "shares no straddling district")),
    ("FK19 8AA", "S23000009", Confidence.HIGH, (), ("Devon & Cornwall Police", "doubtfully")),
]  # fmt: skip


@pytest.mark.parametrize(("postcode", "force", "confidence", "others", "words"), DISTRICTS)
def test_touching_forces_lower_the_confidence_and_are_named(
    postcode: str,
    force: str,
    confidence: Confidence,
    others: tuple[str, ...],
    words: tuple[str, ...],
) -> None:
    found = resolve_text(postcode)
    assert (found.force_code, found.confidence, found.other_force_codes) == (
        force,
        confidence,
        others,
    )
    for word in words:
        assert word in found.basis


def _rows() -> list[dict[str, str]]:
    text = resources.files("graph.reference").joinpath("data/postcode_district_to_pfa.csv")
    return list(csv.DictReader(text.read_text("utf-8").splitlines()))


def test_every_doubt_is_about_a_pairing_the_data_keeps() -> None:
    doubted = 0
    for row in _rows():
        pairs = set(filter(None, row["extra_pfas_in_nhs_pairs_only"].split("|")))
        for part in filter(None, row["extra_pfas_doubt"].split(";")):
            code = part.split(":")[0].strip()
            assert code in pairs, row["district"]
            doubted += 1
    assert doubted == 6


def test_every_undoubted_pairing_lowers_the_confidence() -> None:
    for row in _rows():
        pairs = set(filter(None, row["extra_pfas_in_nhs_pairs_only"].split("|")))
        doubted = {p.split(":")[0].strip() for p in row["extra_pfas_doubt"].split(";") if p}
        if pairs - doubted - {row["pfa_code"]}:
            found = resolve_text(row["district"])
            assert found.confidence is Confidence.MEDIUM, row["district"]
            assert set(pairs - doubted) <= set(found.other_force_codes), row["district"]
