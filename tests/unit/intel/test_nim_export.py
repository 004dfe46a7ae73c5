from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from graph.audit.log import AuditLog
from graph.audit.records import AuditRecord, Operation
from graph.errors import Conflict, InvalidInput
from graph.intel.destinations import destination
from graph.intel.export_state import read_watermark
from graph.intel.models import IntelItem
from graph.intel.nim_export import (
    ExportPeriod,
    ExportResult,
    export_nim,
    next_period,
    verify_export,
)
from graph.intel.sanitise import SanitisedItem, sanitise
from tests.unit.intel.builders import T0, item_data

PERIOD = ExportPeriod(since=T0, until=T0 + timedelta(days=1))
DATA_FILES = [
    "events.csv",
    "items.csv",
    "items.jsonl",
    "locations.csv",
    "manifest.json",
    "objects.csv",
    "persons.csv",
    "relationships.csv",
]


def items(count: int = 6, c_every: int = 3) -> list[SanitisedItem]:
    """Items 1..count; every ``c_every``-th has handling code C."""
    return [
        sanitise(IntelItem.parse(item_data(n, handling="C" if n % c_every == 0 else "P")))
        for n in range(1, count + 1)
    ]


def run(
    source: Iterable[SanitisedItem],
    out: Path,
    dest: str = "pnd",
    period: ExportPeriod = PERIOD,
    clock: datetime = datetime(2026, 3, 5, 8, 0, tzinfo=UTC),
) -> ExportResult:
    return export_nim(
        source,
        period=period,
        destination=destination(dest),
        out_dir=out,
        actor="analyst.jones",
        audit_log=AuditLog(out / "disclosures.jsonl"),
        now=lambda: clock,
    )


def disclosures(path: Path) -> list[AuditRecord]:
    return list(AuditLog(path).records())


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "run.json"}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def jsonl(folder: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in (folder / "items.jsonl").read_bytes().splitlines()]


def test_export_writes_every_file_with_a_manifest_that_verifies(tmp_path: Path) -> None:
    result = run(items(), tmp_path)
    assert sorted(files(result.export_dir)) == DATA_FILES
    assert verify_export(result.export_dir) == []
    manifest = orjson.loads((result.export_dir / "manifest.json").read_bytes())
    assert manifest["schema_version"] == "ohch-nim-export/2"
    assert manifest["period"] == {
        "since": "2026-03-01T12:00:00Z",
        "until": "2026-03-02T12:00:00Z",
    }
    assert set(manifest["files"]) == set(DATA_FILES) - {"manifest.json"}
    assert manifest["files"]["items.jsonl"]["rows"] == 6
    # sanitised: the victim, their account and address are not in the export
    persons = csv_rows(result.export_dir / "persons.csv")
    assert [p["entity_id"] for p in persons] == [f"s{n}" for n in range(1, 7)]


def test_tampering_is_detected_by_the_hashes(tmp_path: Path) -> None:
    result = run(items(), tmp_path)
    with (result.export_dir / "objects.csv").open("ab") as f:
        f.write(b"x")
    assert verify_export(result.export_dir) == ["objects.csv"]


def test_c_items_carry_their_conditions_to_a_cleared_destination(tmp_path: Path) -> None:
    result = run(items(), tmp_path, dest="pnd")
    graded = {row["id"]: row["grade"] for row in jsonl(result.export_dir)}
    assert graded["intel-0000003"] == {
        "handling_code": "C",
        "handling_conditions": ["Not to be shared outside policing", "Contact OIC first"],
        "intelligence_assessment": "B",
        "legacy": None,
        "source_evaluation": "2",
    }
    rows = csv_rows(result.export_dir / "items.csv")
    conditions = {r["item_id"]: r["handling_conditions"] for r in rows}
    assert (
        orjson.loads(conditions["intel-0000006"]) == graded["intel-0000006"]["handling_conditions"]
    )
    assert result.counts.items_withheld_handling_c == 0


def test_c_items_never_reach_an_uncleared_destination(tmp_path: Path) -> None:
    result = run(items(), tmp_path, dest="partner-p-only")
    everything = b"".join(files(result.export_dir).values())
    assert b"intel-0000003" not in everything
    assert b"intel-0000006" not in everything
    assert [row["id"] for row in jsonl(result.export_dir)] == [
        "intel-0000001", "intel-0000002", "intel-0000004", "intel-0000005",
    ]  # fmt: skip
    manifest = orjson.loads((result.export_dir / "manifest.json").read_bytes())
    assert manifest["counts"]["items_exported"] == 4
    assert manifest["counts"]["items_withheld"] == {"handling_code_C": 2}
    log = disclosures(tmp_path / "disclosures.jsonl")
    assert [(r.details["items_exported"], r.details["items_withheld"]) for r in log] == [(4, 2)]


def test_a_rerun_is_byte_identical_in_a_fresh_folder_and_in_place(tmp_path: Path) -> None:
    first = run(items(), tmp_path / "a")
    later = datetime(2026, 4, 1, tzinfo=UTC)
    second = run(items(), tmp_path / "b", clock=later)
    assert files(first.export_dir) == files(second.export_dir)
    again = run(items(), tmp_path / "a", clock=later)
    assert again.already_existed
    assert again.manifest_sha256 == first.manifest_sha256
    assert files(again.export_dir) == files(first.export_dir)
    # the in-place rerun disclosed nothing new, but every run is logged, marked as a rerun
    log = disclosures(tmp_path / "a" / "disclosures.jsonl")
    assert [(r.details["manifest_sha256"], r.details["already_exported"]) for r in log] == [
        (first.manifest_sha256, 0),
        (first.manifest_sha256, 1),
    ]


def exploding(source: list[SanitisedItem], after: int) -> Iterator[SanitisedItem]:
    for index, item in enumerate(source):
        if index == after:
            raise RuntimeError("database connection lost")
        yield item


def test_a_crash_leaves_nothing_and_a_rerun_gives_the_same_export(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="connection lost"):
        run(exploding(items(), after=4), out)
    assert not (out / "exports").exists()
    assert list((out / ".staging").iterdir()) == []
    assert read_watermark(out, "pnd") is None
    assert not (out / "disclosures.jsonl").exists()

    rerun = run(items(), out)
    clean = run(items(), tmp_path / "clean")
    assert files(rerun.export_dir) == files(clean.export_dir)
    assert len(disclosures(out / "disclosures.jsonl")) == 1


def test_leftovers_of_a_killed_run_are_cleared(tmp_path: Path) -> None:
    (tmp_path / ".staging" / "old-run").mkdir(parents=True)
    (tmp_path / ".staging" / "old-run" / "items.jsonl").write_bytes(b"half")
    run(items(), tmp_path)
    assert list((tmp_path / ".staging").iterdir()) == []


def test_a_crash_after_the_rename_is_repaired_by_a_rerun(tmp_path: Path) -> None:
    first = run(items(), tmp_path)
    (tmp_path / "disclosures.jsonl").unlink()  # as if the process died before logging
    (tmp_path / "state.json").unlink()
    again = run(items(), tmp_path)
    assert again.already_existed
    assert [r.details["manifest_sha256"] for r in disclosures(tmp_path / "disclosures.jsonl")] == [
        first.manifest_sha256
    ]
    assert read_watermark(tmp_path, "pnd") == PERIOD.until


def test_a_disclosed_export_is_never_replaced_by_different_content(tmp_path: Path) -> None:
    run(items(), tmp_path)
    with pytest.raises(Conflict, match="different content"):
        run(items(count=5), tmp_path)
    assert verify_export(tmp_path / "exports" / "pnd" / PERIOD.name) == []


def test_disclosure_record_says_when_who_to_whom_and_what(tmp_path: Path) -> None:
    result = run(items(), tmp_path)
    (record,) = disclosures(tmp_path / "disclosures.jsonl")
    assert record.operation == Operation.DISCLOSURE
    assert record.endpoint == "cli:export nim"
    assert record.logged_at == datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    assert record.actor == "analyst.jones"
    assert record.details["destination_id"] == "pnd"
    assert record.recipients == ("Police National Database",)
    assert record.accessed[0].ids == (f"pnd/{PERIOD.name}",)
    assert (record.details["period_since"], record.details["period_until"]) == (
        "2026-03-01T12:00:00Z",
        "2026-03-02T12:00:00Z",
    )
    assert record.details["manifest_sha256"] == result.manifest_sha256
    assert record.details["items_exported"] == 6
    assert record.details["already_exported"] == 0
    run_json = orjson.loads((result.export_dir / "run.json").read_bytes())
    assert run_json["actor"] == "analyst.jones"


def test_watermarks_advance_per_destination_and_never_go_back(tmp_path: Path) -> None:
    run(items(), tmp_path, dest="pnd")
    assert read_watermark(tmp_path, "pnd") == PERIOD.until
    assert read_watermark(tmp_path, "partner-p-only") is None
    later = ExportPeriod(since=PERIOD.until, until=PERIOD.until + timedelta(days=1))
    run([], tmp_path, period=later)
    assert read_watermark(tmp_path, "pnd") == later.until
    result = run(items(), tmp_path, dest="pnd")  # re-running the older period
    assert result.watermark == later.until


def test_items_out_of_order_or_outside_the_period_abort_cleanly(tmp_path: Path) -> None:
    shuffled = items()
    shuffled[2], shuffled[3] = shuffled[3], shuffled[2]
    with pytest.raises(InvalidInput) as caught:
        run(shuffled, tmp_path)
    assert caught.value.problems[0].field == "items[3]"
    outside = [sanitise(IntelItem.parse(item_data(1, minutes=60 * 48)))]
    with pytest.raises(InvalidInput) as caught:
        run(outside, tmp_path)
    assert caught.value.problems[0].field == "items[0].updated_at"
    assert not (tmp_path / "exports").exists()


def test_period_boundaries_are_since_exclusive_until_inclusive() -> None:
    assert not PERIOD.contains(T0)
    assert PERIOD.contains(T0 + timedelta(days=1))
    assert ExportPeriod(since=None, until=T0).contains(datetime(2000, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidInput):
        ExportPeriod(since=T0, until=T0)
    with pytest.raises(InvalidInput):
        ExportPeriod(since=None, until=datetime(2026, 1, 1))


def test_an_actor_is_required(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="actor"):
        export_nim(
            [],
            period=PERIOD,
            destination=destination("pnd"),
            out_dir=tmp_path,
            actor=" ",
            audit_log=AuditLog(tmp_path / "d.jsonl"),
        )


def test_next_period_starts_at_the_watermark_unless_told_otherwise(tmp_path: Path) -> None:
    until = PERIOD.until + timedelta(days=7)
    assert next_period(tmp_path, "pnd", until) == ExportPeriod(since=None, until=until)
    run(items(), tmp_path)
    assert next_period(tmp_path, "pnd", until).since == PERIOD.until
    assert next_period(tmp_path, "pnd", until, since=T0).since == T0


def test_csv_text_cells_cannot_run_as_spreadsheet_formulas(tmp_path: Path) -> None:
    data = item_data(1)
    data["summary"] = '=HYPERLINK("http://evil.example","click")'
    result = run([sanitise(IntelItem.parse(data))], tmp_path)
    row = csv_rows(result.export_dir / "items.csv")[0]
    assert row["summary"] == "'" + data["summary"]
    objects = {r["entity_id"]: r["identifier"] for r in csv_rows(result.export_dir / "objects.csv")}
    assert objects["sa1"] == "'@abuser"
    # the JSON Lines file keeps the value exactly as recorded
    assert jsonl(result.export_dir)[0]["summary"] == data["summary"]
    locations = csv_rows(result.export_dir / "locations.csv")
    assert [r["latitude"] for r in locations] == []  # the victim's address was sanitised out
