"""PDQ on pictures made here: the same picture changed as people change it before posting it
again (turned and flipped too) stays within PDQ's match distance; another picture is far, in
whichever way it is turned or flipped."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from PIL import Image, ImageOps
from PIL.Image import Transpose as Turn

from graph.attachments.pdq import (
    CROPS,
    DIHEDRAL,
    MATCH_DISTANCE,
    MIN_QUALITY,
    PdqHash,
    closest,
    distance,
    image_hash,
)
from tests.unit.attachments.pictures import bordered, cropped, encoded, picture

TEXT = "Go back where|you came from|#hate"
SEEDS = range(4)

CHANGES = {
    "jpeg at quality 20": lambda im: encoded(im, "JPEG", quality=20),
    "resized to 40%": lambda im: encoded(im.resize((320, 240))),
    "resized up 150% as webp": lambda im: encoded(im.resize((1200, 900)), "WEBP", quality=60),
    "cropped 5% at top left": lambda im: encoded(cropped(im, 0.05, 0.05)),
    "cropped 5% at bottom right": lambda im: encoded(cropped(im, 0, 0, 0.05, 0.05)),
    "cropped 2.5% all round": lambda im: encoded(cropped(im, 0.025, 0.025, 0.025, 0.025)),
    "cropped unevenly, then jpeg": lambda im: encoded(
        cropped(im, 0.03, 0.01, 0.0, 0.04), "JPEG", quality=50
    ),
    "a white border": lambda im: encoded(bordered(im, 24)),
    "mirrored, then jpeg": lambda im: encoded(ImageOps.mirror(im), "JPEG", quality=50),
    "a black border, then jpeg": lambda im: encoded(bordered(im, 40, "black"), "JPEG", quality=40),
    "turned 90 degrees": lambda im: encoded(im.transpose(Turn.ROTATE_90)),
    "turned 180 degrees, then jpeg": lambda im: encoded(
        im.transpose(Turn.ROTATE_180), "JPEG", quality=50
    ),
    "turned 270 degrees, then webp": lambda im: encoded(
        im.transpose(Turn.ROTATE_270), "WEBP", quality=60
    ),
    "flipped top to bottom, then jpeg": lambda im: encoded(
        im.transpose(Turn.FLIP_TOP_BOTTOM), "JPEG", quality=40
    ),
    "flipped along the diagonal": lambda im: encoded(im.transpose(Turn.TRANSPOSE)),
    "turned 90 degrees, resized and jpeg": lambda im: encoded(
        im.transpose(Turn.ROTATE_90).resize((300, 400)), "JPEG", quality=50
    ),
    "turned 180 degrees and cropped 5% at top left": lambda im: encoded(
        cropped(im.transpose(Turn.ROTATE_180), 0.05, 0.05)
    ),
    "flipped top to bottom with a white border": lambda im: encoded(
        bordered(im.transpose(Turn.FLIP_TOP_BOTTOM), 30)
    ),
}


@functools.cache
def _original(seed: int) -> PdqHash:
    found = image_hash(encoded(picture(seed, TEXT)))
    assert found is not None
    return found


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize("seed", SEEDS)
def test_a_changed_picture_stays_within_the_match_distance(seed: int, change: str) -> None:
    again = image_hash(CHANGES[change](picture(seed, TEXT)))
    assert again is not None
    assert closest(_original(seed), again) <= MATCH_DISTANCE


@pytest.mark.parametrize("seed", SEEDS)
def test_another_picture_is_far(seed: int) -> None:
    first = _original(seed)
    other = image_hash(encoded(picture(seed + 100, "Something else|entirely")))
    assert first is not None
    assert other is not None
    assert closest(first, other) > 3 * MATCH_DISTANCE


@pytest.mark.parametrize("turn", list(Turn), ids=lambda t: t.name.lower())
@pytest.mark.parametrize("seed", SEEDS[:2])
def test_another_picture_turned_or_flipped_stays_far(seed: int, turn: Turn) -> None:
    """Near-misses: the turned and flipped hashes add comparisons, not matches."""
    other = picture(seed + 100, "Something else|entirely").transpose(turn)
    again = image_hash(encoded(other, "JPEG", quality=50))
    assert again is not None
    assert closest(_original(seed), again) > 2 * MATCH_DISTANCE


def test_an_older_file_with_its_mirror_hash_alone_still_meets_a_turned_copy() -> None:
    """A file hashed before the turns were kept (upgrade 009 leaves it its mirror image's
    hash alone): a picture sent since carries its own turns, and those are compared too."""
    whole = _original(0)
    older = replace(whole, dihedral=(whole.dihedral[DIHEDRAL.index("flipped left-right")],))
    turned = image_hash(CHANGES["turned 180 degrees, then jpeg"](picture(0, TEXT)))
    assert turned is not None
    assert closest(older, turned) <= MATCH_DISTANCE
    assert closest(turned, older) == closest(older, turned)
    flat = replace(turned, dihedral=())
    assert closest(replace(older, dihedral=()), flat) > MATCH_DISTANCE  # no turns: a miss


def test_the_hash_is_64_hex_digits_with_its_quality_and_one_hash_a_crop() -> None:
    found = image_hash(encoded(picture(1, TEXT)))
    assert found is not None
    assert len(found.hex) == 64
    assert int(found.hex, 16) >= 0
    assert found.quality >= MIN_QUALITY
    assert found.matchable
    assert len(found.crops) == len(CROPS)
    assert len(found.dihedral) == len(DIHEDRAL) == 7
    assert image_hash(encoded(picture(1, TEXT))) == found  # the same bytes, the same hash


def test_plain_pdq_alone_takes_a_5_percent_crop_for_another_picture() -> None:
    """Why the crops are hashed too: whole against whole, the crop is past the threshold."""
    original = picture(0, TEXT)
    first = image_hash(encoded(original))
    crop = image_hash(encoded(cropped(original, 0.05, 0.05)))
    assert first is not None
    assert crop is not None
    assert distance(first.hex, crop.hex) > MATCH_DISTANCE
    assert closest(first, crop) <= MATCH_DISTANCE


def test_a_flat_picture_hashes_with_low_quality() -> None:
    found = image_hash(encoded(Image.new("RGB", (400, 300), (200, 200, 200))))
    assert found is not None
    assert not found.matchable


def test_bytes_that_are_not_an_image_give_no_hash() -> None:
    assert image_hash(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100) is None
    assert image_hash(b"%PDF-1.7 not an image") is None


def test_distance_counts_differing_bits() -> None:
    assert distance("0" * 64, "0" * 64) == 0
    assert distance("0" * 64, "f" * 64) == 256
    assert distance("0" * 63 + "3", "0" * 64) == 2
