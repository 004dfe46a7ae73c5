"""What a file is, from its first bytes: the table of what the hub takes and what it refuses,
each refusal naming the file and saying why."""

from __future__ import annotations

import pytest

from graph.attachments.kinds import (
    FileTooLarge,
    FileTypeNotAllowed,
    Kind,
    Limits,
    MediaType,
    check,
    refused_together,
    sniff,
)
from graph.errors import Problem
from tests.unit.attachments.pictures import encoded, picture

LIMITS = Limits(image=10_000_000, pdf=10_000_000, video=200_000_000)
_IMAGE = picture(0, "x", (64, 48))

TAKEN = {
    "a PNG": (encoded(_IMAGE), MediaType.PNG),
    "a JPEG": (encoded(_IMAGE, "JPEG"), MediaType.JPEG),
    "a GIF": (encoded(_IMAGE, "GIF"), MediaType.GIF),
    "a WebP": (encoded(_IMAGE, "WEBP"), MediaType.WEBP),
    "a PDF (Pillow's)": (encoded(_IMAGE, "PDF"), MediaType.PDF),
    "an MP4 (isom)": (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", MediaType.MP4),
    "an MP4 (mp42)": (b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom", MediaType.MP4),
    "a MOV (ftyp qt)": (b"\x00\x00\x00\x14ftypqt  \x00\x00\x02\x00qt  ", MediaType.MOV),
    "an old MOV (moov first)": (b"\x00\x00\x10\x00moov\x00\x00\x00\x6cmvhd", MediaType.MOV),
    "a WebM": (
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm",
        MediaType.WEBM,
    ),
}

REFUSED = {
    "a Matroska video": (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska", "Matroska"),
    "a HEIC photo": (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "'heic'"),
    "a Word document": (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    "a Windows program": (b"MZ\x90\x00\x03\x00", "Windows program"),
    "an SVG": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "markup"),
    "an HTML page": (b"  <!doctype html><script>alert(1)</script>", "markup"),
    "a BMP": (encoded(_IMAGE, "BMP"), "BMP"),
    "a TIFF": (encoded(_IMAGE, "TIFF"), "TIFF"),
    "plain text": (b"just some words", "does not recognise"),
    "nothing": (b"", "empty"),
}


@pytest.mark.parametrize("what", list(TAKEN))
def test_each_kind_the_hub_takes_is_known_by_its_bytes(what: str) -> None:
    data, expected = TAKEN[what]
    assert sniff(data[:64]) is expected
    assert check("files[0]", "whatever.txt", data[:64], len(data), LIMITS) is expected


@pytest.mark.parametrize("what", list(REFUSED))
def test_everything_else_is_refused_naming_the_file_and_what_it_seems(what: str) -> None:
    data, words = REFUSED[what]
    with pytest.raises(FileTypeNotAllowed) as refused:
        check("files[2]", "shot.png", data[:64], len(data), LIMITS)
    (problem,) = refused.value.problems
    assert problem.field == "files[2]"
    assert "'shot.png'" in problem.message
    assert words in problem.message
    assert "PNG, JPEG, GIF or WebP" in problem.message


def test_a_name_or_declared_type_never_makes_a_file_acceptable() -> None:
    with pytest.raises(FileTypeNotAllowed):
        check("files[0]", "photo.jpg", b"<html>", 6, LIMITS)


@pytest.mark.parametrize(
    ("media", "size", "most"),
    [(MediaType.PNG, 10_000_001, "10,000,000"), (MediaType.PDF, 10_000_001, "10,000,000"),
     (MediaType.MP4, 200_000_001, "200,000,000")],
)  # fmt: skip
def test_each_kind_has_its_own_largest_size(media: MediaType, size: int, most: str) -> None:
    head = next(data for data, found in TAKEN.values() if found is media)[:64]
    assert check("files[0]", "a", head, size - 1, LIMITS) is media
    with pytest.raises(FileTooLarge) as refused:
        check("files[0]", "a", head, size, LIMITS)
    assert f"{media.kind.words} may be at most {most} bytes" in str(refused.value)


def test_a_big_image_is_refused_where_a_video_that_size_is_taken() -> None:
    mp4 = TAKEN["an MP4 (isom)"][0]
    assert check("files[0]", "v.mp4", mp4, 50_000_000, LIMITS) is MediaType.MP4
    with pytest.raises(FileTooLarge):
        check("files[1]", "i.png", TAKEN["a PNG"][0][:64], 50_000_000, LIMITS)


def test_refusals_together_name_every_file_and_a_wrong_type_decides_the_status() -> None:
    big = [FileTooLarge([Problem("files[0]", "a")]), FileTooLarge([Problem("files[2]", "c")])]
    assert type(refused_together(big)) is FileTooLarge
    mixed = refused_together([big[0], FileTypeNotAllowed([Problem("files[1]", "b")])])
    assert type(mixed) is FileTypeNotAllowed
    assert [p.field for p in mixed.problems] == ["files[0]", "files[1]"]


def test_kinds_of_media_types() -> None:
    assert {m.kind for m in MediaType} == set(Kind)
    assert MediaType.MOV.extension == "mov"
    assert MediaType.PDF.kind is Kind.PDF
