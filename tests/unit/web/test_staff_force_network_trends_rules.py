"""The case page's outcome form, the network view's and trends' own rules, without a database:
the outcome form's questions, the questions a network page takes, and a trend table and its
CSV. (The force list's status filter is the use case's, inside its query.)"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from graph.errors import InvalidValue
from graph.intel.network import EntityKind
from pages.staff.network import Asked
from pages.staff.outcome_form import OutcomeForm
from pages.staff.trends import Dates, TrendTable, key_names, table_of, weeks_of
from services.analytics import TrendDimension, TrendRow

TODAY = date(2026, 6, 11)


def test_the_outcome_form_names_each_unanswered_question() -> None:
    empty = OutcomeForm().checked()
    assert {(p.field, p.message) for p in empty.problems} == {
        ("code", "Select the outcome type"),
        ("named_suspect", "Select yes if a suspect is named"),
        ("outcome-day", "Enter the date the outcome was reached"),
    }
    dated = OutcomeForm.blank(TODAY)
    assert (dated.day, dated.month, dated.year) == ("11", "6", "2026")
    answered = OutcomeForm(code="21", named_suspect="yes", day="11", month="6", year="2026")
    assert answered.checked().problems == ()
    assert answered.outcome_on == TODAY
    wrong = OutcomeForm(code="99", named_suspect="no", day="31", month="2", year="2026",
                        note="x" * 2001).checked()  # fmt: skip
    assert [(p.field, p.message) for p in wrong.problems] == [
        ("code", "Select the outcome type"),
        ("outcome-day", "Outcome date must be a real date"),
        ("note", "Note must be 2,000 characters or less"),
    ]


def test_the_outcome_rules_problems_come_back_under_the_forms_questions() -> None:
    refused = InvalidValue("outcome.supervisor_justification", "outcome 21 needs a reason")
    form = OutcomeForm(code="21", named_suspect="yes").with_rules(refused)
    assert [(p.field, p.message) for p in form.problems] == [
        ("justification", "Outcome 21 needs a reason")
    ]
    early = OutcomeForm().with_rules(InvalidValue("outcome.date", "must be on or after 2026-06-02"))
    assert early.errors == {"outcome-day": "Must be on or after 2026-06-02"}


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
