"""Reading bulk files as partners send them: each record a :class:`Line`, never a traceback.

A ``.jsonl`` file holds one JSON object a line; a ``.csv`` file a header and one referral a row
(``ingest/csv_flat.py``). What real exports do is read, not refused:

* **encodings**: UTF-8, with or without a byte-order mark; UTF-16 with its byte-order mark
  (Excel's "Unicode text"); and lines that are not UTF-8, decoded in the legacy encoding that
  ``charset-normalizer`` finds in them (among Windows-1252, Latin-1 and Latin-9: the encodings
  UK partners' systems write; on short samples an unrestricted guess picks Central European
  code pages for Western names). :class:`Encoding` says which was used, for the summary;
* **blank lines**, and CSV rows whose cells are all empty, are skipped;
* a CSV **row with more or fewer cells than the header**, a line that is not JSON, or a row the
  CSV reader cannot read is a :class:`Line` with its ``problem``, which intake rejects with the
  reason; the rest of the file goes on.

Lines are numbered as the file's physical lines, from 1, so a reject names the line to fix.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson
from charset_normalizer import from_bytes

from ingest.csv_flat import FlatError, unflatten

LEGACY_CANDIDATES = ["cp1252", "latin_1", "iso8859_15"]
LEGACY_DEFAULT = "cp1252"
_SAMPLE_BYTES = 256 * 1024  # of the lines that are not UTF-8, for the detection
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: str
    payload: object | None
    problem: str | None = None


@dataclass
class Encoding:
    """How a file's bytes were read."""

    name: str = "utf-8"
    bom: bool = False
    legacy: str | None = None  # the detected encoding of the lines that are not UTF-8
    legacy_lines: int = 0

    def describe(self) -> str:
        text = self.name + (" with a byte-order mark" if self.bom else "")
        if self.legacy_lines:
            text += (
                f"; {self.legacy_lines:,} line(s) not UTF-8, read as {self.legacy} "
                "(detected by charset-normalizer)"
            )
        return text


def detect_legacy(path: Path) -> str:
    """The legacy encoding of the lines of ``path`` that are not UTF-8."""
    sample = bytearray()
    with path.open("rb") as handle:
        for raw in handle:
            if not _is_utf8(raw):
                sample += raw
                if len(sample) >= _SAMPLE_BYTES:
                    break
    best = from_bytes(bytes(sample), cp_isolation=LEGACY_CANDIDATES).best()
    return best.encoding if best is not None else LEGACY_DEFAULT


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _Decoder:
    """Bytes lines to text: UTF-8 where they are, the detected legacy encoding elsewhere."""

    def __init__(self, path: Path, encoding: Encoding) -> None:
        self.path = path
        self.encoding = encoding

    def text(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self.encoding.legacy is None:
            self.encoding.legacy = detect_legacy(self.path)
        self.encoding.legacy_lines += 1
        return raw.decode(self.encoding.legacy, errors="replace")


def _text_lines(path: Path, handle: BinaryIO, encoding: Encoding) -> Iterator[str]:
    """The file's lines as text, line endings kept, a byte-order mark removed."""
    start = handle.read(4)
    handle.seek(0)
    if start.startswith(_UTF16_BOMS):
        encoding.name, encoding.bom = "utf-16", True
        yield from codecs.getreader("utf-16")(handle, "replace")
        return
    decoder = _Decoder(path, encoding)
    for index, raw in enumerate(handle):
        if index == 0 and raw.startswith(codecs.BOM_UTF8):
            encoding.bom = True
            raw = raw[len(codecs.BOM_UTF8) :]
        yield decoder.text(raw)


def read_lines(path: Path, encoding: Encoding | None = None) -> Iterator[Line]:
    """Each record of a ``.jsonl``/``.ndjson`` or ``.csv`` file; ``encoding`` is filled in
    as the file is read."""
    encoding = encoding if encoding is not None else Encoding()
    with path.open("rb") as handle:
        if path.suffix.lower() == ".csv":
            yield from _csv_lines(_text_lines(path, handle, encoding))
        else:
            yield from _jsonl_lines(path, handle, encoding)


def _jsonl_lines(path: Path, handle: BinaryIO, encoding: Encoding) -> Iterator[Line]:
    start = handle.read(4)
    handle.seek(0)
    if start.startswith(_UTF16_BOMS):
        lines: Iterable[tuple[int, bytes | str]] = enumerate(
            _text_lines(path, handle, encoding), start=1
        )
    else:
        lines = enumerate(handle, start=1)
    decoder = _Decoder(path, encoding)
    for number, raw in lines:
        if number == 1 and isinstance(raw, bytes) and raw.startswith(codecs.BOM_UTF8):
            encoding.bom = True
            raw = raw[len(codecs.BOM_UTF8) :]
        if not raw.strip():
            continue
        text = raw if isinstance(raw, str) else decoder.text(raw)
        text = text.rstrip("\r\n")
        try:
            yield Line(number, text, orjson.loads(text))
        except orjson.JSONDecodeError as error:
            yield Line(number, text, None, f"line is not valid JSON: {error}")


def _csv_lines(lines: Iterator[str]) -> Iterator[Line]:
    reader = csv.reader(lines)
    header: list[str] | None = None
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield Line(reader.line_num, "", None, f"the CSV reader could not read it: {error}")
            continue
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, or a row of empty cells
        if header is None:
            header = [name.strip() for name in cells]
            continue
        yield _csv_line(reader.line_num, header, cells)


def _csv_line(number: int, header: list[str], cells: list[str]) -> Line:
    raw = orjson.dumps(cells).decode()
    if len(cells) != len(header):
        more = "more" if len(cells) > len(header) else "fewer"
        problem = (
            f"row has {len(cells)} cells, {more} than the header's {len(header)} columns "
            "(a cell with a comma or a line break must be in double quotes)"
        )
        return Line(number, raw, None, problem)
    row = dict(zip(header, cells, strict=True))
    if len(row) != len(header):
        return Line(number, raw, None, "the header names a column twice")
    try:
        return Line(number, orjson.dumps(row).decode(), unflatten(row))
    except FlatError as error:
        return Line(number, raw, None, str(error))


def count_lines(path: Path) -> int:
    """Physical lines in the file (the progress bar's total); cheap, streaming."""
    count = 0
    last = b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")
