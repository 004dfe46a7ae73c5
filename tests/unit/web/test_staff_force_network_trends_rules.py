"""The force view's, network view's and trends' own rules, without a database: a status filter
over the case list's pages, the questions a network page takes, and a trend table and its CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from graph.cases.force_view import ForceCaseLine, LinkReason, Visibility
from graph.cases.models import CaseStatus
from graph.errors import InvalidValue
from graph.intel.network import EntityKind
from pages.staff.force import OutcomeForm, listing
from pages.staff.network import Asked
from pages.staff.trends import Dates, TrendTable, key_names, table_of, weeks_of
from services.analytics import TrendDimension, TrendRow
from services.paging import Item, Page, PageRequest, decode_cursor, encode_cursor

OPEN, MERGED = CaseStatus.OPEN, CaseStatus.MERGED


def _own(case_id: str, status: CaseStatus) -> ForceCaseLine:
    return ForceCaseLine(case_id, status, Visibility.ASSIGNED, "E23000005", (), ())


def _linked(case_id: str, to: str) -> ForceCaseLine:
    return ForceCaseLine(case_id, OPEN, Visibility.LINKED, "E23000010", (to,),
                         (LinkReason.SAME_ACCOUNT,))  # fmt: skip


class CaseList:
    """The use case's pages over a fixed list (by case id), and what was asked of it."""

    def __init__(self, lines: list[ForceCaseLine]) -> None:
        self.lines = lines
        self.asked: list[PageRequest] = []

    def __call__(self, request: PageRequest) -> Page[ForceCaseLine]:
        self.asked.append(request)
        after = request.after_key
        rest = [line for line in self.lines if after is None or line.own_case > after]
        owns = list(dict.fromkeys(line.own_case for line in rest))[: request.first]
        shown = [line for line in rest if line.own_case in owns]
        more = len(dict.fromkeys(line.own_case for line in rest)) > request.first
        return Page([Item(encode_cursor(line.own_case), line) for line in shown], more)


CASES = [
    _own("c1", OPEN),
    _linked("x1", "c1"),
    _own("c2", MERGED),
    _linked("x2", "c2"),
    _own("c3", MERGED),
    _own("c4", OPEN),
    _linked("x4", "c4"),
    _own("c5", OPEN),
]


def _ids(found: list[ForceCaseLine] | tuple[ForceCaseLine, ...]) -> list[str]:
    return [line.case_id for line in found]


def test_without_a_filter_a_page_is_the_use_cases_page() -> None:
    read = CaseList(CASES)
    found = listing(read, None, 2, None)
    assert _ids(found.lines) == ["c1", "x1", "c2", "x2"]
    assert found.next_cursor is not None
    assert decode_cursor(found.next_cursor) == "c2"
    assert len(read.asked) == 1


def test_a_status_filter_keeps_own_cases_of_that_status_with_their_links_and_reads_on() -> None:
    read = CaseList(CASES)
    first = listing(read, OPEN, 2, None)
    assert _ids(first.lines) == ["c1", "x1", "c4", "x4"]  # c2, c3 merged: skipped, links too
    assert first.next_cursor is not None
    second = listing(read, OPEN, 2, first.next_cursor)
    assert _ids(second.lines) == ["c5"]
    assert second.next_cursor is None


def test_a_filter_stops_after_its_reads_and_goes_on_from_the_last_case_it_looked_at() -> None:
    read = CaseList(CASES)
    cut = listing(read, OPEN, 1, encode_cursor("c1"), reads=1)  # one read: c2 only
    assert (_ids(cut.lines), len(read.asked)) == ([], 1)
    assert cut.next_cursor is not None
    assert decode_cursor(cut.next_cursor) == "c2"
    assert _ids(listing(read, OPEN, 1, cut.next_cursor, reads=3).lines) == ["c4", "x4"]


def test_the_outcome_form_names_each_unanswered_question() -> None:
    empty = OutcomeForm().checked()
    assert {(p.field, p.message) for p in empty.problems} == {
        ("code", "Select the outcome type"),
        ("named_suspect", "Select yes if a suspect is named"),
    }
    assert OutcomeForm(code="21", named_suspect="yes").checked().problems == ()
    assert [p.field for p in OutcomeForm(code="99", named_suspect="no").checked().problems] == [
        "code"
    ]


def test_the_outcome_rules_problems_come_back_under_the_forms_questions() -> None:
    refused = InvalidValue("outcome.supervisor_justification", "outcome 21 needs a reason")
    form = OutcomeForm(code="21", named_suspect="yes").with_rules(refused)
    assert [(p.field, p.message) for p in form.problems] == [
        ("justification", "Outcome 21 needs a reason")
    ]


def test_a_network_question_is_checked_field_by_field() -> None:
    asked = Asked.of(" case:1 ", "CASE", "2")
    assert (asked.id, asked.kind, asked.depth, asked.problems) == ("case:1", EntityKind.CASE, 2, ())
    assert Asked.of("x|a", "", "3").kind is None  # worked out from the id
    bad = Asked.of("x" * 301, "SHAPE", "7")
    assert [field for field, _ in bad.problems] == ["id", "kind", "depth"]
    assert bad.error_list[1] == {"text": "Select what the id is", "href": "#kind"}


def test_weeks_are_the_mondays_the_window_touches() -> None:
    since = datetime(2026, 6, 3, tzinfo=UTC)  # a Wednesday
    until = datetime(2026, 6, 15, tzinfo=UTC)  # a Monday: the week it starts is not touched
    assert weeks_of(since, until) == [date(2026, 6, 1), date(2026, 6, 8)]


def test_a_trend_table_lists_every_week_and_key_and_its_csv_is_the_table() -> None:
    rows = [
        TrendRow(date(2026, 6, 1), "race", 3),
        TrendRow(date(2026, 6, 1), "religion", 1),
        TrendRow(date(2026, 6, 15), "race", 2),
    ]
    weeks = [date(2026, 6, 1), date(2026, 6, 8), date(2026, 6, 15)]
    names = key_names(TrendDimension.STRAND, ["race", "religion"], {})
    table = table_of(TrendDimension.STRAND, rows, weeks, names)
    assert table.header == ("Week starting", "Race", "Religion", "All reports")
    assert table.rows == (
        ("2026-06-01", "3", "1", "4"),
        ("2026-06-08", "0", "0", "0"),
        ("2026-06-15", "2", "0", "2"),
    )
    assert list(csv.reader(io.StringIO(table.csv()))) == [list(table.header)] + [
        list(row) for row in table.rows
    ]
    assert table.chart()["datasets"] == [
        {"label": "Race", "data": [3, 0, 2]},
        {"label": "Religion", "data": [1, 0, 0]},
    ]


def test_forces_are_named_and_a_cell_a_spreadsheet_would_run_is_quoted() -> None:
    names = key_names(TrendDimension.FORCE, ["E23000005", "unassigned"],
                      {"E23000005": "Greater Manchester Police"})  # fmt: skip
    assert names == {"E23000005": "Greater Manchester Police", "unassigned": "Not assigned"}
    table = TrendTable(TrendDimension.PLATFORM, ("Week starting", "=cmd()", "All reports"), ())
    assert table.csv().splitlines()[0] == "Week starting,'=cmd(),All reports"


def test_the_dates_asked_default_to_recent_whole_weeks_and_bad_ones_are_named() -> None:
    today = date(2026, 12, 9)  # a Wednesday
    default = Dates.asked(None, None, today)
    assert (default.since_text, default.until_text) == ("2026-09-21", "2026-12-14")
    bad = Dates.asked("last week", "2026-12-14", today)
    assert bad.error_list == [
        {"text": "Enter the first day as a date, for example 2026-12-09", "href": "#since"}
    ]
