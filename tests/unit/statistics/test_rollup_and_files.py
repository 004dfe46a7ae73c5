"""The roll-up in the published shape, and its CSV and ODS files: same rows, same bytes."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime
from xml.etree import ElementTree

from graph.intel.bounds import TimeBasis
from graph.statistics.files import MIMETYPE, csv_bytes, ods_bytes
from graph.statistics.periods import Period, Status
from graph.statistics.rollup import COLUMNS, Breakdown, ReportFacts, StatisticsRow, roll_up

Q3 = Period.parse("2026-Q3")


def _fact(
    n: int, content: str, case: str | None, strands: tuple[str, ...], **more: object
) -> ReportFacts:
    values: dict[str, object] = {
        "platforms": ("x",), "force": None, "offences": None, "outcome": None, "online": True,
    } | more  # fmt: skip
    return ReportFacts(f"r{n}", content, case, strands, **values)  # type: ignore[arg-type]


FACTS = [
    _fact(1, "viral", "case:viral", ("race",), force="E23000010", offences=("POA-4A",)),
    _fact(2, "viral", "case:viral", ("race",), force="E23000010", offences=("POA-4A",)),
    _fact(3, "viral", "case:viral", ("race", "religion"), force="E23000010", offences=("POA-4A",)),
    _fact(4, "other", "case:other", ("disability",), outcome="1", platforms=("x", "tiktok")),
    _fact(5, "r5", None, (), online=False, platforms=()),
]


def _rows() -> list[StatisticsRow]:
    return roll_up(FACTS, Q3, Status.FINAL, TimeBasis.REPORTED)


def _by(rows: list[StatisticsRow], breakdown: Breakdown) -> dict[str, tuple[int, int, int]]:
    return {r.category: (r.reports, r.posts, r.cases) for r in rows if r.breakdown is breakdown}


def test_each_breakdown_counts_reports_posts_and_cases() -> None:
    rows = _rows()
    assert _by(rows, Breakdown.TOTAL) == {"all reports": (5, 3, 2)}
    assert _by(rows, Breakdown.STRAND) == {
        "race": (3, 1, 1), "religion": (1, 1, 1), "disability": (1, 1, 1), "unknown": (1, 1, 0),
    }  # fmt: skip
    assert _by(rows, Breakdown.PLATFORM) == {
        "x": (4, 2, 2),
        "tiktok": (1, 1, 1),
        "unknown": (1, 1, 0),
    }
    assert _by(rows, Breakdown.FORCE) == {"E23000010": (3, 1, 1), "unassigned": (2, 2, 1)}
    assert _by(rows, Breakdown.OFFENCE) == {"POA-4A": (3, 1, 1), "not yet assessed": (2, 2, 1)}
    assert _by(rows, Breakdown.OUTCOME) == {"1": (1, 1, 1), "no outcome reported": (4, 2, 1)}
    assert _by(rows, Breakdown.ONLINE) == {"online": (4, 2, 2), "offline": (1, 1, 0)}


def test_rows_are_sorted_and_state_their_period_and_counting_rule() -> None:
    rows = _rows()
    assert rows == roll_up(reversed(FACTS), Q3, Status.FINAL, TimeBasis.REPORTED)
    order = list(Breakdown)
    keys = [(order.index(r.breakdown), r.category) for r in rows]
    assert keys == sorted(keys)
    assert {(r.period, r.period_start, r.period_end, r.status) for r in rows} == {
        ("2026-Q3", "2026-07-01", "2026-10-01", Status.FINAL)
    }
    strand = next(r for r in rows if r.breakdown is Breakdown.STRAND)
    assert "each hate strand" in strand.counting_rule
    assert "distinct content" in strand.counting_rule


def test_an_empty_period_still_has_its_total() -> None:
    rows = roll_up([], Q3, Status.PROVISIONAL, TimeBasis.INCIDENT)
    assert [(r.breakdown, r.reports, r.status) for r in rows] == [
        (Breakdown.TOTAL, 0, Status.PROVISIONAL)
    ]


def test_the_csv_has_a_header_and_a_row_a_statistic() -> None:
    rows = _rows()
    read = list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8"))))
    assert tuple(read[0]) == COLUMNS
    assert read[1:] == [[str(c) for c in row.cells()] for row in rows]


def _ods_table(data: bytes) -> list[list[str]]:
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    }
    with zipfile.ZipFile(io.BytesIO(data)) as ods:
        root = ElementTree.fromstring(ods.read("content.xml"))  # noqa: S314 (our own file)
    return [
        ["".join(p.itertext()) for p in row.findall("table:table-cell/text:p", ns)]
        for row in root.iter(f"{{{ns['table']}}}table-row")
    ]


def test_the_ods_is_an_opendocument_spreadsheet_of_the_same_rows() -> None:
    rows = _rows()
    data = ods_bytes(rows, sheet="2026-Q3")
    with zipfile.ZipFile(io.BytesIO(data)) as ods:
        first = ods.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert ods.read("mimetype").decode() == MIMETYPE
        assert "content.xml" in ods.read("META-INF/manifest.xml").decode()
        assert {i.date_time for i in ods.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    table = _ods_table(data)
    assert table == list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8"))))


def test_the_same_rows_give_the_same_bytes() -> None:
    rows = _rows()
    again = roll_up(list(FACTS), Q3, Status.FINAL, TimeBasis.REPORTED)
    assert ods_bytes(rows, "2026-Q3") == ods_bytes(again, "2026-Q3")
    assert csv_bytes(rows) == csv_bytes(again)


def test_text_with_markup_is_escaped() -> None:
    fact = _fact(9, "c", None, ("race",), force="<b>&'\"")
    rows = roll_up([fact], Q3, Status.FINAL, TimeBasis.REPORTED)
    table = _ods_table(ods_bytes(rows, "Q3 <1>"))
    assert [r[6] for r in table if r[5] == "FORCE"] == ["<b>&'\""]
    assert datetime(2026, 7, 1, tzinfo=UTC) == Q3.start
