"""Issue 21.3: bulk files as partners send them. Each bad row is a line with its reason, the
rest is read, the encoding used is said, and nothing raises."""

from __future__ import annotations

import codecs
from pathlib import Path

import orjson

from ingest.bulk_read import Encoding, count_lines, read_lines

HEADER = "source,source_ref,reporter.role,reporter.name,incident.strands\r\n"


def _read(path: Path) -> tuple[list[tuple[int, object, str | None]], Encoding]:
    encoding = Encoding()
    lines = [(line.number, line.payload, line.problem) for line in read_lines(path, encoding)]
    return lines, encoding


def test_short_and_long_rows_are_lines_with_a_reason_and_the_rest_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "partner.csv"
    path.write_text(
        HEADER
        + "p,P-1,witness,Ann,race\r\n"
        + "p,P-2,witness\r\n"  # short
        + "p,P-3,witness,Bob,race,extra,cells\r\n"  # long
        + "p,P-4,witness,Cy,race\r\n",
        newline="",
    )
    lines, _ = _read(path)
    assert [(n, problem is None) for n, _, problem in lines] == [
        (2, True),
        (3, False),
        (4, False),
        (5, True),
    ]
    assert "3 cells, fewer than the header's 5 columns" in str(lines[1][2])
    assert "7 cells, more than the header's 5 columns" in str(lines[2][2])
    assert lines[3][1] == {
        "source": "p",
        "source_ref": "P-4",
        "reporter": {"role": "witness", "name": "Cy"},
        "incident": {"strands": ["race"]},
    }


def test_windows_1252_lines_are_detected_and_said(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    text = HEADER + "p,P-1,witness,Siobhán Ó Briain,race\r\np,P-2,witness,Zoë “Z” Müller,race\r\n"
    path.write_bytes(text.encode("cp1252"))
    lines, encoding = _read(path)
    names = [payload["reporter"]["name"] for _, payload, _ in lines]  # type: ignore[index]
    assert names == ["Siobhán Ó Briain", "Zoë “Z” Müller"]
    assert (encoding.legacy, encoding.legacy_lines) == ("cp1252", 2)
    assert "2 line(s) not UTF-8, read as cp1252" in encoding.describe()


def test_a_utf8_byte_order_mark_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(
        codecs.BOM_UTF8
        + (
            HEADER + "\r\np,P-1,witness,José,race\r\n,,,,\r\n\r\np,P-2,witness,Ann,race\r\n"
        ).encode()
    )
    lines, encoding = _read(path)
    assert [(n, p is not None) for n, p, _ in lines] == [(3, True), (6, True)]
    assert lines[0][1]["source"] == "p"  # type: ignore[index]  # not "\ufeffsource"
    assert encoding.describe() == "utf-8 with a byte-order mark"


def test_utf16_with_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes((HEADER + "p,P-1,witness,Łucja,race\r\n").encode("utf-16"))
    lines, encoding = _read(path)
    assert lines[0][1]["reporter"]["name"] == "Łucja"  # type: ignore[index]
    assert encoding.name == "utf-16"


def test_columns_that_cannot_be_unflattened_are_lines_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "source,content.99999999.url\np,https://x.com/a/status/1\n"
        "reporter,reporter.email\n",  # a header-like row: read as data, a reason, no crash
        newline="",
    )
    lines, _ = _read(path)
    assert "too large" in str(lines[0][2])


def test_jsonl_with_a_bom_a_legacy_line_and_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8
        + orjson.dumps({"n": "José"})
        + b"\n\n"
        + '{"n": "Zoë"}\n'.encode("cp1252")
        + b"{not json\n"
    )
    lines, encoding = _read(path)
    assert [(n, p) for n, p, _ in lines[:2]] == [(1, {"n": "José"}), (3, {"n": "Zoë"})]
    assert lines[2][0] == 4
    assert str(lines[2][2]).startswith("line is not valid JSON")
    assert (encoding.bom, encoding.legacy_lines) == (True, 1)


def test_count_lines_counts_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(b"a\n\nb\nc")
    assert count_lines(path) == 4
