"""A refused file's problem carries its parts (why, the file's name, what it seems to be, the
figures) beside the English message the API gives, and the public page words every reason and
every "seems to be" in Welsh from them (``pages/file_refusals.py``), the file's name kept."""

from __future__ import annotations

import pytest

from graph.attachments.kinds import (
    FileProblem,
    FileRefused,
    Kind,
    Limits,
    Reason,
    Seems,
    check,
)
from graph.attachments.models import Upload
from graph.attachments.receive import prepare
from graph.attachments.scanning import FileInfected, Scan, Scanned, Unscanned, judge
from graph.errors import InvalidInput, Problem
from pages.file_refusals import in_words
from pages.i18n import WELSH, in_language, translations

LIMITS = Limits(image=1_000, pdf=1_000, video=3 * 1024 * 1024)
HEADS = {
    Seems.MATROSKA: b"\x1a\x45\xdf\xa3" + b"\x00" * 60,
    Seems.ISO_MEDIA: b"\x00\x00\x00\x20ftypheic" + b"\x00" * 52,
    Seems.ZIP: b"PK\x03\x04" + b"\x00" * 60,
    Seems.OLD_OFFICE: b"\xd0\xcf\x11\xe0" + b"\x00" * 60,
    Seems.WINDOWS_PROGRAM: b"MZ" + b"\x00" * 62,
    Seems.PROGRAM: b"\x7fELF" + b"\x00" * 60,
    Seems.BMP: b"BM" + b"\x00" * 62,
    Seems.TIFF: b"II*\x00" + b"\x00" * 60,
    Seems.RAR: b"Rar!" + b"\x00" * 60,
    Seems.GZIP: b"\x1f\x8b" + b"\x00" * 62,
    Seems.MP3: b"ID3" + b"\x00" * 61,
    Seems.OGG: b"OggS" + b"\x00" * 60,
    Seems.EMPTY: b"",
    Seems.MARKUP: b"  <svg xmlns='http://www.w3.org/2000/svg'>",
    Seems.UNKNOWN: b"just some text",
}


def _refused(head: bytes, size: int = 10, name: str = "ffeil.bin") -> FileProblem:
    with pytest.raises(FileRefused) as refused:
        check("files[0]", name, head, size, LIMITS)
    (problem,) = refused.value.problems
    assert isinstance(problem, FileProblem)
    return problem


def _welsh(problem: Problem) -> str:
    return in_language(in_words(problem), translations(WELSH))


def test_every_kind_of_file_refused_is_told_apart_and_worded_in_welsh() -> None:
    assert set(HEADS) == set(Seems)
    for seems, head in HEADS.items():
        problem = _refused(head)
        assert (problem.reason, problem.seems, problem.name) == (
            Reason.TYPE_NOT_ALLOWED, seems, "ffeil.bin"
        )  # fmt: skip
        assert problem.message.startswith("'ffeil.bin' is ")  # the API's English, as before
        welsh = _welsh(problem)
        assert welsh.startswith("Ni allwn dderbyn ffeil.bin (")
        assert in_words(problem) not in welsh  # not the English
    assert _refused(HEADS[Seems.ISO_MEDIA]).detail == "heic"
    assert "o'r brand heic" in _welsh(_refused(HEADS[Seems.ISO_MEDIA]))


@pytest.mark.parametrize(
    ("head", "size", "kind", "welsh"),
    [(b"\x89PNG\r\n\x1a\n" + b"\x00" * 56, 1_001, Kind.IMAGE, "gall llun fod hyd at"),
     (b"%PDF-1.7" + b"\x00" * 56, 1_001, Kind.PDF, "gall PDF fod hyd at"),
     (b"\x00\x00\x00\x20ftypisom" + b"\x00" * 52, 5 * 1024 * 1024, Kind.VIDEO,
      "Mae clip.mp4 yn 5 MB: gall fideo fod hyd at 3 MB")],
)  # fmt: skip
def test_a_file_too_large_carries_its_size_and_limit(
    head: bytes, size: int, kind: Kind, welsh: str
) -> None:
    problem = _refused(head, size, "clip.mp4")
    assert (problem.reason, problem.kind, problem.size) == (Reason.TOO_LARGE, kind, size)
    assert problem.most == LIMITS.of(kind)
    assert welsh in _welsh(problem)


def test_a_sending_refused_as_a_whole_is_worded_too() -> None:
    with pytest.raises(InvalidInput) as none:
        prepare([], LIMITS)
    assert _welsh(none.value.problems[0]) == "Dewiswch ffeil i'w hanfon"
    many = [Upload(f"files[{i}]", "a.png", None, b"x") for i in range(21)]
    with pytest.raises(InvalidInput) as too_many:
        prepare(many, LIMITS)
    assert _welsh(too_many.value.problems[0]) == "Dewiswch hyd at 20 o ffeiliau ar y tro"
    long_name = [Upload("files[0]", "a" * 300 + ".png", None, b"x")]
    with pytest.raises(InvalidInput) as named:
        prepare(long_name, LIMITS)
    assert _welsh(named.value.problems[0]) == "Mae enw ffeil yn hirach na 255 nod"


def test_a_problem_without_parts_keeps_its_english() -> None:
    assert _welsh(Problem("files[0]", "'a.png' was refused")) == "'a.png' was refused"


def test_a_file_with_malware_is_worded_in_welsh_without_its_signature() -> None:
    found = Scan.infected("Ohch.Test.Pattern-1").by("ClamAV 1.4.6")
    with pytest.raises(FileInfected) as refused:
        judge([Scanned("files[0]", "llun.png", "ab" * 32, found)], Unscanned.HOLD)
    (problem,) = refused.value.problems
    assert isinstance(problem, FileProblem)
    assert problem.reason is Reason.MALWARE
    assert _welsh(problem) == (
        "Mae llun.png yn cynnwys feirws neu feddalwedd niweidiol arall, felly ni allwn ei chadw"
    )
    assert "Ohch.Test" not in problem.message + _welsh(problem)
