"""PDQ, the perceptual hash platforms share for images (Meta's ThreatExchange): the same
picture re-encoded or resized keeps nearly the same 256 bits.

:func:`image_hash` decodes an image (Pillow; its first frame for a GIF or an animated WebP),
turns it upright by its EXIF orientation, trims a uniform border (:func:`trimmed`), and hashes
it with ``pdqhash``. The hash is written as 64 hexadecimal digits in ThreatExchange's order
(the hash's last 16-bit word first), so it can be compared with hashes platforms publish.
``quality`` (0-100) says how much detail the hash rests on: PDQ's authors treat hashes under 50
as too flat to match on (a blank or nearly uniform picture), and so does the hub
(:data:`MIN_QUALITY`). Two hashes :func:`distance` 31 bits or fewer apart are PDQ's match.

PDQ alone is not robust to cropping: measured on the pictures of the tests and
``bench/reupload_images.py``, a 5% crop moves the whole picture's hash 60-90 bits, as far as
another picture. So each picture is also hashed as if cropped (:data:`CROPS`), and
:func:`closest` compares every hash of one with every hash of the other. PDQ's dihedral hashes
(the picture turned a quarter, a half and three quarters, flipped top to bottom and left to
right, and along either diagonal: one call gives all eight) catch a picture posted turned or
flipped; they are compared with the other picture's whole and crop hashes only. The whole
picture's hash stays the one to share with platforms. Pure: bytes in, hashes out.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
import pdqhash
from PIL import Image, ImageChops, ImageOps, UnidentifiedImageError

MATCH_DISTANCE = 31  # PDQ's own threshold (of 256 bits)
MIN_QUALITY = 50  # under it a hash is too flat to match on
MAX_PIXELS = 50_000_000  # a larger image is not decoded (a decompression bomb)
_HASH_SIDE = 512  # PDQ works on 64x64 blocks; its reference downsamples to 512 first


# The crops hashed besides the whole image, as fractions cut from (left, top, right, bottom):
# PDQ alone takes a picture cropped by 5% for another, so each image is also hashed as if
# cropped from one side, from two sides at a corner and all round, by 2.5% and by 5%.
_SIDES = ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
          (1, 1, 0, 0), (0, 1, 1, 0), (0, 0, 1, 1), (1, 0, 0, 1), (1, 1, 1, 1))  # fmt: skip
CROPS = tuple(
    (f * left, f * top, f * right, f * bottom)
    for f in (0.025, 0.05)
    for left, top, right, bottom in _SIDES
)
_BORDER_TOLERANCE = 24  # a border's pixels may differ from its colour this much (JPEG noise)


@dataclass(frozen=True, slots=True)
class PdqHash:
    hex: str  # 64 hexadecimal digits: the whole image's hash
    quality: int  # 0-100
    crops: tuple[str, ...] = ()  # the hashes of its crops, in the order of CROPS
    # the hashes of it turned and flipped (DIHEDRAL); a file hashed before they all were
    # (queries/upgrades/009_pdq_dihedral.cypher) has its mirror image's alone
    dihedral: tuple[str, ...] = ()

    @property
    def matchable(self) -> bool:
        return self.quality >= MIN_QUALITY


def distance(a: str, b: str) -> int:
    """The number of bits two PDQ hashes (hex) differ in, 0-256."""
    return (int(a, 16) ^ int(b, 16)).bit_count()


def closest(a: PdqHash, b: PdqHash) -> int:
    """How near two pictures come: the least distance between any hash of one (whole or a
    crop) and any hash of the other, so one may be a crop of the other, or both crops of a
    third; and between either's turned and flipped hashes and the other's whole and crops (a
    picture turned or flipped, perhaps then cropped). At most 19 x 19 + 2 x 7 x 19
    comparisons of two integers."""
    mine = [int(a.hex, 16), *(int(c, 16) for c in a.crops)]
    theirs = [int(b.hex, 16), *(int(c, 16) for c in b.crops)]
    my_turns = [int(t, 16) for t in a.dihedral]
    their_turns = [int(t, 16) for t in b.dihedral]
    return min(
        (x ^ y).bit_count()
        for xs, ys in ((mine, theirs), (my_turns, theirs), (mine, their_turns))
        for x in xs
        for y in ys
    )


def _hex(bits: object) -> str:
    return np.packbits(np.asarray(bits, dtype=np.uint8)).tobytes().hex()


def _pdq(rgb: Image.Image) -> tuple[str, int]:
    bits, quality = pdqhash.compute(np.asarray(rgb, dtype=np.uint8))
    return _hex(bits), int(quality)


# compute_dihedral's order after the original: turned 90, 180 and 270 degrees anticlockwise,
# flipped top to bottom, left to right, along the main diagonal and along the other one
DIHEDRAL = ("turned 90", "turned 180", "turned 270", "flipped top-bottom", "flipped left-right",
            "transposed", "transversed")  # fmt: skip


def trimmed(rgb: Image.Image) -> Image.Image:
    """The image without a uniform border (the colour of its top-left pixel) around it: a
    border someone adds does not move the hash. A border is trimmed only where it lies on two
    opposite sides (a frame, or bars above and below), so a picture whose own edge happens to
    match its corner keeps it; an image that is nearly all border stays whole."""
    background = Image.new("RGB", rgb.size, rgb.getpixel((0, 0)))
    differs = ImageChops.difference(rgb, background).convert("L")
    box = differs.point(lambda v: 255 if v > _BORDER_TOLERANCE else 0).getbbox()
    width, height = rgb.size
    if box is None:
        return rgb
    left, top, right, bottom = box
    if not (left > 0 and right < width):
        left, right = 0, width
    if not (top > 0 and bottom < height):
        top, bottom = 0, height
    kept = (right - left) * (bottom - top)
    if kept < width * height // 4 or kept == width * height:
        return rgb
    return rgb.crop((left, top, right, bottom))


def hash_pixels(image: Image.Image) -> PdqHash:
    """The PDQ hash of a decoded image, its border trimmed, of its crops (:data:`CROPS`) and
    of it turned and flipped (:data:`DIHEDRAL`)."""
    rgb = trimmed(image.convert("RGB"))
    rgb.thumbnail((_HASH_SIDE, _HASH_SIDE), Image.Resampling.LANCZOS)
    dihedral, quality = pdqhash.compute_dihedral(np.asarray(rgb, dtype=np.uint8))
    whole, others = _hex(dihedral[0]), tuple(_hex(bits) for bits in dihedral[1:])
    width, height = rgb.size
    crops = tuple(
        _pdq(rgb.crop((round(width * left), round(height * top),
                       round(width * (1 - right)), round(height * (1 - bottom)))))[0]
        for left, top, right, bottom in CROPS
    )  # fmt: skip
    return PdqHash(whole, int(quality), crops, others)


def image_hash(data: bytes) -> PdqHash | None:
    """The PDQ hash of an image's bytes, or ``None`` when they do not decode as an image (a
    damaged file is still evidence: it is kept, unhashed) or would decode too large."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return None
                image.draft("RGB", (_HASH_SIDE * 2, _HASH_SIDE * 2))  # JPEG: decode smaller
                upright = ImageOps.exif_transpose(image)
                return hash_pixels(upright)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, SyntaxError):  # fmt: skip
        return None
