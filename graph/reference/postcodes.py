"""Postcode -> police force, from the shipped district table, with an honest confidence.

The table maps postcode districts (outward codes), not full postcodes. 514 districts straddle
two or more forces; their main force is the one with most residents, so a resolution there is
``MEDIUM`` and names the other forces it may be. A district the NHS app's district pairs mark as
touching another force (``extra_pfas_in_nhs_pairs_only``) is ``MEDIUM`` too and names that
force; a pairing the data marks doubtful (``extra_pfas_doubt``) is named with its doubt in the
basis, and does not lower the confidence. A district missing from the table falls back to the
most common force of its postcode area (``LOW``). Full-postcode precision (ONSPD) is not
shipped; see ``graph/reference/data/SOURCES.md``.
"""

from __future__ import annotations

import csv
import enum
from dataclasses import dataclass
from functools import cache

from graph.errors import NotFound
from graph.reference.forces import data_file, forces_by_code
from graph.values.postcode import Postcode


class Confidence(enum.StrEnum):
    HIGH = "high"  # the district lies wholly in one force area
    MEDIUM = "medium"  # the district straddles forces; the main one by population
    LOW = "low"  # district unknown; the postcode area's most common force


@dataclass(frozen=True, slots=True)
class ForceResolution:
    postcode: Postcode
    force_code: str
    confidence: Confidence
    other_force_codes: tuple[str, ...]
    basis: str  # how the force was chosen, in words an officer can check


@dataclass(frozen=True, slots=True)
class DistrictRow:
    district: str
    force_code: str
    all_force_codes: tuple[str, ...]
    method: str
    touching_force_codes: tuple[str, ...] = ()  # NHS district pairs: touches these forces too
    doubtful: tuple[tuple[str, str], ...] = ()  # (force code, why the pairing is doubtful)


def _doubts(text: str) -> dict[str, str]:
    """``"CODE: why; CODE: why"`` -> {code: why}."""
    out = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        code, _, why = part.partition(":")
        out[code.strip()] = why.strip()
    return out


@cache
def district_table() -> dict[str, DistrictRow]:
    table = {}
    for row in csv.DictReader(data_file("postcode_district_to_pfa.csv").splitlines()):
        doubts = _doubts(row.get("extra_pfas_doubt") or "")
        extra = [c for c in (row.get("extra_pfas_in_nhs_pairs_only") or "").split("|") if c]
        table[row["district"]] = DistrictRow(
            district=row["district"],
            force_code=row["pfa_code"],
            all_force_codes=tuple(row["all_pfa_codes"].split("|")),
            method=row["confidence"],
            touching_force_codes=tuple(c for c in extra if c not in doubts),
            doubtful=tuple((c, doubts[c]) for c in extra if c in doubts),
        )
    return table


def _named(code: str) -> str:
    found = forces_by_code().get(code)
    return f"{found.name} ({code})" if found else code


@dataclass(frozen=True, slots=True)
class AreaRow:
    area: str
    force_code: str
    share: float  # the share of the area's districts whose main force this is
    other_force_codes: tuple[str, ...]


@cache
def area_table() -> dict[str, AreaRow]:
    table = {}
    for row in csv.DictReader(data_file("postcode_area_to_pfa_fallback.csv").splitlines()):
        counted = [part.split(":")[0] for part in row["pfa_district_counts"].split("|")]
        table[row["area"]] = AreaRow(
            area=row["area"],
            force_code=row["top_pfa_code"],
            share=float(row["top_share"]),
            other_force_codes=tuple(c for c in counted if c != row["top_pfa_code"]),
        )
    return table


def resolve(postcode: Postcode) -> ForceResolution:
    """The force for a cleaned postcode; :class:`NotFound` outside the UK forces' areas."""
    row = district_table().get(postcode.district)
    if row is not None:
        return _from_district(postcode, row)
    area = area_table().get(postcode.area)
    if area is not None:
        return ForceResolution(
            postcode,
            area.force_code,
            Confidence.LOW,
            area.other_force_codes,
            f"district {postcode.district} is not in the table; {area.share:.0%} of districts "
            f"in area {postcode.area} belong to this force",
        )
    raise NotFound(f"postcode {postcode} is outside the areas of the UK police forces")


def _from_district(postcode: Postcode, row: DistrictRow) -> ForceResolution:
    straddled = tuple(code for code in row.all_force_codes if code != row.force_code)
    touching = tuple(
        c for c in row.touching_force_codes if c != row.force_code and c not in straddled
    )
    others = straddled + touching
    parts = []
    if straddled:
        parts.append(
            f"district {row.district} straddles {len(straddled) + 1} force areas; "
            "main force by resident population"
        )
    if touching:
        parts.append(
            f"district {row.district} also touches "
            + ", ".join(_named(c) for c in touching)
            + " (NHS district pairs)"
        )
    if not others:
        parts.append(f"district {row.district} lies in one force area")
    parts.extend(
        f"the reference data also pairs it with {_named(code)}, doubtfully: {why}"
        for code, why in row.doubtful
    )
    confidence = Confidence.MEDIUM if others else Confidence.HIGH
    return ForceResolution(postcode, row.force_code, confidence, others, "; ".join(parts))


def resolve_text(raw: str) -> ForceResolution:
    """Clean and resolve in one step (raises ``InvalidValue`` or ``NotFound``)."""
    return resolve(Postcode.clean(raw))
