"""The 46 police forces the hub deals with, read from the shipped reference table.

Forces are keyed by ONS police force area (PFA) code. Two have no E&W PFA code: British
Transport Police (non-territorial; the hub uses ``BTP``) and PSNI (ONS pseudo code
``N99999999``, as ONSPD uses). Sources and licences: ``graph/reference/data/SOURCES.md``.
"""

from __future__ import annotations

import csv
import enum
from dataclasses import dataclass
from functools import cache
from importlib import resources

BTP_CODE = "BTP"
PSNI_CODE = "N99999999"
POLICE_SCOTLAND_CODE = "S23000009"


class Country(enum.StrEnum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"
    GREAT_BRITAIN = "great_britain"  # BTP: non-territorial, England, Wales and Scotland


@dataclass(frozen=True, slots=True)
class Force:
    code: str
    name: str
    ons_name: str | None
    police_uk_id: str | None
    country: Country
    territorial: bool

    @property
    def cross_border(self) -> bool:
        """Scotland and Northern Ireland are separate jurisdictions: a referral, not assignment."""
        return self.country in (Country.SCOTLAND, Country.NORTHERN_IRELAND)


_COUNTRY = {
    "england": Country.ENGLAND,
    "wales": Country.WALES,
    "scotland": Country.SCOTLAND,
    "northern_ireland": Country.NORTHERN_IRELAND,
    "GB (non-territorial)": Country.GREAT_BRITAIN,
}


def data_file(name: str) -> str:
    """Text of one shipped reference file."""
    return resources.files("graph.reference").joinpath("data", name).read_text(encoding="utf-8")


@cache
def all_forces() -> tuple[Force, ...]:
    """Every force, in the table's order (the 43 territorial forces first)."""
    rows = csv.DictReader(data_file("police_forces.csv").splitlines())
    forces = []
    for row in rows:
        code = row["pfa_code"] or (BTP_CODE if row["police_uk_id"] == "btp" else "")
        if not code:
            raise ValueError(f"police_forces.csv: force {row['force_name']!r} has no code")
        forces.append(
            Force(
                code=code,
                name=row["force_name"],
                ons_name=row["ons_pfa_name_2024"] or row["ons_pfa_name_2019"] or None,
                police_uk_id=row["police_uk_id"] or None,
                country=_COUNTRY[row["country"]],
                territorial=row["territorial"] == "yes",
            )
        )
    return tuple(forces)


@cache
def forces_by_code() -> dict[str, Force]:
    return {force.code: force for force in all_forces()}


def force(code: str) -> Force:
    """The force with this code; ``KeyError`` if there is none."""
    return forces_by_code()[code]
