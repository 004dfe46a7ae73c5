"""The codes forces record against (HOCR class and sub-code, CJS offence code), read against
their formats and sources; the table and SOURCES.md say the same; a bad code is refused by name.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from importlib import resources

import pytest

from graph.assessment.engine import evaluate
from graph.assessment.models import CaseFacts
from graph.errors import InvalidInput
from graph.law.offences import CJS_CODE, HOCR_CLASS, HOCR_CODE, offence_table, parse_offences

SOURCES_MD = resources.files("graph.law").joinpath("data/SOURCES.md").read_text("utf-8")
SOURCE_KEYS = set(re.findall(r"^\| ([a-z0-9-]+) \| http", SOURCES_MD, flags=re.MULTILINE))
# SOURCES.md "Recording codes", per offence: | id | HOCR class / sub-code | CJS code | keys |
CODE_ROWS = {
    m["id"]: (m["hocr"], m["cjs"])
    for m in re.finditer(
        r"^\| (?P<id>[a-z]+[0-9]{4}_[a-z0-9_]+) \| (?P<hocr>[^|]+) \| (?P<cjs>[^|]+) \| [^|]+ \|$",
        SOURCES_MD,
        flags=re.MULTILINE,
    )
}

# what was found, as a registrar would read it: offence id -> (class, sub-code, CJS code)
FOUND = {
    "cda1998_s31_poa_s4": ("9B", None, None),
    "cda1998_s31_poa_s4a": ("9B", None, None),
    "cda1998_s31_poa_s5": ("9B", None, "CD98075"),
    "cda1998_s32_pha_s2": ("8M", None, None),
    "pha1997_s2": ("8L", None, "PH97004"),
    "pha1997_s2a": ("8Q", "195/12", None),
    "oapa1861_s16": ("3B", None, None),
}
NOT_FOUND = ["osa2023_s179", "osa2023_s181", "ca2003_s127_1", "poa1986_s19", "poa1986_s29c"]
# classes confirmed by Home Office documents placing the offence there
VERIFIED = {"cda1998_s31_poa_s4", "cda1998_s31_poa_s4a", "cda1998_s32_pha_s2"}

# (an entry's codes, one of them malformed) -> the field path the refusal names
BAD_CODES = [
    ('hocr = { class = "9b", sources = ["s"], verified = false }', "offences[x].hocr.class"),
    (
        'hocr = { class = "9B", code = "125-9", sources = ["s"], verified = false }',
        "offences[x].hocr.code",
    ),
    ('hocr = { class = "9B", verified = false }', "offences[x].hocr.sources"),
    ('cjs = { code = "PUB6116", sources = ["s"], verified = false }', "offences[x].cjs.code"),
    (
        'cjs = { code = "PU86004", sources = ["s"], verified = "perhaps" }',
        "offences[x].cjs.verified",
    ),
    (
        'cjs = { code = "PU86004", sources = ["s"], verified = true, by = "me" }',
        "offences[x].cjs.by",
    ),
]


def entry(codes: str) -> str:
    return f"""
version = 1
valid_from = "2024-01-31"
[course_of_conduct]
min_occasions = 2
source = "https://example.org"
[[offence]]
id = "x"
title = "X"
act = "Act"
section = "s1"
mode_of_trial = "summary"
max_penalty = "none"
verified = true
ag_consent = false
strands = ["any"]
sources = ["s"]
{codes}
time_limit = {{ kind = "none" }}
points = [{{ id = "p", kind = "conduct", text = "t" }}]
"""


def test_every_code_present_has_its_form_and_listed_sources() -> None:
    coded = 0
    for offence in offence_table().offences:
        if offence.hocr is not None:
            coded += 1
            assert re.fullmatch(HOCR_CLASS, offence.hocr.class_), offence.id
            assert offence.hocr.code is None or re.fullmatch(HOCR_CODE, offence.hocr.code)
            assert set(offence.hocr.sources) <= SOURCE_KEYS, offence.id
        if offence.cjs is not None:
            assert re.fullmatch(CJS_CODE, offence.cjs.code), offence.id
            assert set(offence.cjs.sources) <= SOURCE_KEYS, offence.id
    assert coded >= len(FOUND)


@pytest.mark.parametrize(("offence_id", "found"), FOUND.items())
def test_the_codes_found(offence_id: str, found: tuple[str, str | None, str | None]) -> None:
    offence = offence_table().get(offence_id)
    hocr_class, hocr_code, cjs_code = found
    assert offence.hocr is not None
    assert (offence.hocr.class_, offence.hocr.code) == (hocr_class, hocr_code)
    assert (offence.cjs.code if offence.cjs else None) == cjs_code
    assert offence.codes_verified is (offence_id in VERIFIED and cjs_code is None)


@pytest.mark.parametrize("offence_id", NOT_FOUND)
def test_no_code_is_guessed_where_none_was_found(offence_id: str) -> None:
    offence = offence_table().get(offence_id)
    assert (offence.hocr, offence.cjs, offence.codes_verified) == (None, None, False)
    assert all(cell.startswith("not found") for cell in CODE_ROWS[offence_id])


def test_sources_md_lists_every_offence_with_the_table_codes() -> None:
    table = offence_table()
    assert set(CODE_ROWS) == {o.id for o in table.offences}
    for offence in table.offences:
        hocr, cjs = CODE_ROWS[offence.id]
        if offence.hocr is None:
            assert hocr.startswith("not found"), offence.id
        else:
            assert hocr.startswith(f"{offence.hocr.class_} / {offence.hocr.code or 'sub-code'}")
            assert hocr.endswith("(unverified)") is not offence.hocr.verified, offence.id
        expected = "not found" if offence.cjs is None else offence.cjs.code
        assert cjs.startswith(expected), offence.id


@pytest.mark.parametrize(("codes", "path"), BAD_CODES)
def test_a_malformed_code_is_refused_by_its_path(codes: str, path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_offences(entry(codes))
    assert path in {p.field for p in caught.value.problems}


def test_a_well_formed_code_loads() -> None:
    codes = 'cjs = { code = "SX03013A", sources = ["s"], verified = true }'
    offence = parse_offences(entry(codes)).get("x")
    assert offence.cjs is not None
    assert (offence.cjs.code, offence.hocr, offence.codes_verified) == ("SX03013A", None, True)


def test_a_candidate_carries_the_table_codes() -> None:
    facts = CaseFacts(occurred_on=date(2026, 3, 2), received_at=datetime(2026, 3, 2, tzinfo=UTC))
    aggravated = evaluate(offence_table().get("cda1998_s31_poa_s5"), facts)
    assert (aggravated.hocr_class, aggravated.hocr_code, aggravated.cjs_code) == (
        "9B",
        None,
        "CD98075",
    )
    assert aggravated.codes_verified is False  # the CJS code is unconfirmed
    assert aggravated.recording_codes == "HOCR 9B; CJS CD98075 (unconfirmed)"
    threat = evaluate(offence_table().get("osa2023_s181"), facts)
    assert (threat.hocr_class, threat.cjs_code, threat.recording_codes) == (None, None, "")
