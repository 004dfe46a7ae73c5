"""Postcode cleaning and postcode -> force resolution, on real postcodes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.errors import InvalidValue, NotFound
from graph.reference import postcodes
from graph.reference.forces import all_forces, force
from graph.values.postcode import Postcode

TEST_POSTCODES = Path(__file__).parents[2] / "data" / "test_postcodes.csv"


def _rows() -> list[dict[str, str]]:
    with TEST_POSTCODES.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["postcode"])
def test_every_test_postcode_resolves_to_its_known_force(row: dict[str, str]) -> None:
    if row["expected_pfa_code"].startswith("L"):  # Channel Islands: no UK police force
        with pytest.raises(NotFound, match="outside the areas"):
            postcodes.resolve_text(row["postcode"])
        return
    resolution = postcodes.resolve_text(row["postcode"])
    assert resolution.force_code == row["expected_pfa_code"]
    assert str(resolution.postcode) == row["postcode"]


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("m46 9xf", "M46 9XF"),
        ("M469XF", "M46 9XF"),
        ("  M46   9XF ", "M46 9XF"),
        ("sw1a1aa", "SW1A 1AA"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("m46", "M46"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_postcodes_clean_to_one_canonical_form(typed: str, canonical: str) -> None:
    assert str(Postcode.clean(typed)) == canonical


@pytest.mark.parametrize("bad", ["", "   ", "XYZ", "M46 9X", "12345", "M46 9XFF", "SW1A-1AA!"])
def test_malformed_postcodes_name_the_field(bad: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        Postcode.clean(bad)
    assert caught.value.field == "postcode"


def test_partial_postcode_resolves_by_district() -> None:
    resolution = postcodes.resolve_text("LS1")
    assert resolution.force_code == "E23000010"
    assert resolution.postcode.is_partial


def test_straddling_district_lowers_confidence_and_names_the_other_force() -> None:
    resolution = postcodes.resolve_text("AL3 5AA")
    assert resolution.force_code == "E23000027"  # Hertfordshire
    assert resolution.confidence is postcodes.Confidence.MEDIUM
    assert resolution.other_force_codes == ("E23000026",)  # Bedfordshire


def test_unknown_district_falls_back_to_its_area_with_low_confidence() -> None:
    resolution = postcodes.resolve_text("M48 1AA")
    assert resolution.force_code == "E23000005"
    assert resolution.confidence is postcodes.Confidence.LOW


def test_there_are_46_forces_43_territorial_in_england_and_wales() -> None:
    forces = all_forces()
    assert len(forces) == 46
    assert sum(1 for f in forces if f.code[:3] in ("E23", "W15")) == 43
    assert {f.code for f in forces} >= {"BTP", "S23000009", "N99999999", "E23000034"}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("W15000001", "North Wales Police"),
        ("W15000002", "Gwent Police"),
        ("W15000003", "South Wales Police"),
        ("W15000004", "Dyfed-Powys Police"),
    ],
)
def test_welsh_force_codes_are_not_misassigned(code: str, name: str) -> None:
    assert force(code).name == name


def test_wrexham_resolves_to_north_wales() -> None:
    assert postcodes.resolve_text("LL11 1AA").force_code == "W15000001"


def test_city_of_london_is_its_own_force() -> None:
    assert postcodes.resolve_text("EC2V 7HH").force_code == "E23000034"


def test_area_fallback_names_the_other_forces_of_the_area() -> None:
    resolution = postcodes.resolve_text("WN9 1AA")  # WN: 7 districts GMP, 1 Lancashire
    assert resolution.force_code == "E23000005"
    assert resolution.other_force_codes == ("E23000003",)
