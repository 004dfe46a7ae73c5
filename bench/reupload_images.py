"""How well a removed picture is recognised when it comes back changed (graph/attachments/pdq.py,
the re-upload scan's image match in graph/removals/reuploads.py).

Pictures made here (text on a background of colour and shapes, in screenshot, landscape and
square shapes), each "removed", then posted again changed:
- the plain set, changes people make without trying to evade: re-encoded as JPEG at quality
  15-60 or as WebP, resized to 30-70% (or up to 150%), cropped up to 5% on some sides, a
  border of 5-40 pixels, and two of these at once;
- the harder set: cropped 8-15%, rotated 3-10 degrees, a caption or a sticker laid over it,
  mirrored, each then re-encoded.
False alarms: every removed picture against other pictures, and (shown apart, since PDQ sees
the same picture) against the same background with other words on it, as a meme template.
Turned and flipped (the dihedral hashes): a quarter, half or three-quarter turn, flipped top to
bottom or along the diagonal, re-encoded; and harder, each also cropped up to 5%, resized or
bordered. False alarms again against the other pictures turned or flipped.
Prints recall and false alarms at the configured distance (PDQ's 31) for the hub's match
(whole image, its 2.5%/5% crops and its turned and flipped hashes, border trimmed) and for
plain PDQ (whole against whole), the time to hash, and the time to compare two pictures
against the match with the mirror image's hash alone (as before the turns were kept).
Run: ``.venv/bin/python bench/reupload_images.py [--pictures N]``.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageDraw, ImageFont, ImageOps

from graph.attachments.pdq import (
    DIHEDRAL,
    MATCH_DISTANCE,
    PdqHash,
    closest,
    distance,
    image_hash,
)

SHAPES = [(720, 1280), (1200, 675), (800, 800), (1024, 768)]
WORDS = [
    "go", "back", "where", "you", "came", "from", "not", "welcome", "here", "people", "like",
    "should", "leave", "our", "country", "now", "every", "last", "one", "of", "them", "filthy",
    "scroungers", "know", "live",
]  # fmt: skip
Change = Callable[[Image.Image, random.Random], bytes]


def picture(seed: int, text_seed: int | None = None) -> Image.Image:
    rnd = random.Random(seed)
    size = SHAPES[seed % len(SHAPES)]
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = ([rnd.randrange(256) for _ in range(3)] for _ in range(2))
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(rnd.randint(3, 8)):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(30, width // 3)
        shape = draw.ellipse if rnd.random() < 0.5 else draw.rectangle
        shape((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    words = random.Random(seed if text_seed is None else text_seed)
    font = ImageFont.load_default(size=max(28, width // 22))
    for line in range(words.randint(2, 5)):
        text = " ".join(words.choice(WORDS) for _ in range(words.randint(2, 4)))
        draw.text((width // 20, height // 12 + line * font.size * 1.6), text, fill="black",
                  font=font)  # fmt: skip
    return image


def encoded(image: Image.Image, kind: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _crop(image: Image.Image, rng: random.Random, most: float, least: float = 0.0) -> Image.Image:
    w, h = image.size
    cut = [rng.uniform(least, most) if rng.random() < 0.6 else 0.0 for _ in range(4)]
    if not any(cut):
        cut[rng.randrange(4)] = rng.uniform(max(least, most / 2), most)
    left, top, right, bottom = cut
    return image.crop((round(w * left), round(h * top), round(w * (1 - right)),
                       round(h * (1 - bottom))))  # fmt: skip


def _resize(image: Image.Image, rng: random.Random) -> Image.Image:
    scale = rng.uniform(0.3, 0.7) if rng.random() < 0.8 else rng.uniform(1.1, 1.5)
    return image.resize((round(image.width * scale), round(image.height * scale)))


def _border(image: Image.Image, rng: random.Random) -> Image.Image:
    colour = rng.choice(["white", "black", (rng.randrange(256),) * 3])
    return ImageOps.expand(image, rng.randint(5, 40), colour)


def _reencode(image: Image.Image, rng: random.Random) -> bytes:
    if rng.random() < 0.7:
        return encoded(image, "JPEG", quality=rng.randint(15, 60))
    return encoded(image, "WEBP", quality=rng.randint(30, 70))


def plain(image: Image.Image, rng: random.Random) -> bytes:
    steps = [lambda im: _crop(im, rng, 0.05), lambda im: _resize(im, rng),
             lambda im: _border(im, rng)]  # fmt: skip
    chosen = rng.sample(steps, rng.randint(0, 2))
    for step in chosen:
        image = step(image)
    return _reencode(image, rng) if rng.random() < 0.8 or not chosen else encoded(image)


def _caption(image: Image.Image, rng: random.Random) -> Image.Image:
    out = image.copy()
    draw = ImageDraw.Draw(out)
    bar = out.height // 6
    y = 0 if rng.random() < 0.5 else out.height - bar
    draw.rectangle((0, y, out.width, y + bar), fill="white")
    font = ImageFont.load_default(size=bar // 2)
    draw.text((out.width // 20, y + bar // 4), "LOL so true", fill="black", font=font)
    return out


def _sticker(image: Image.Image, rng: random.Random) -> Image.Image:
    out = image.copy()
    draw = ImageDraw.Draw(out)
    r = min(out.size) // 5
    x, y = rng.randrange(r, out.width - r), rng.randrange(r, out.height - r)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 220, 0))
    return out


def harder(image: Image.Image, rng: random.Random) -> bytes:
    change = rng.randrange(5)
    if change == 0:
        image = _crop(image, rng, 0.15, 0.08)
    elif change == 1:
        image = image.rotate(rng.uniform(3, 10) * rng.choice([-1, 1]), expand=True,
                             fillcolor="white")  # fmt: skip
    elif change == 2:
        image = _caption(image, rng)
    elif change == 3:
        image = _sticker(image, rng)
    else:
        image = ImageOps.mirror(image)
    return _reencode(image, rng)


TURNS = (Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180, Image.Transpose.ROTATE_270,
         Image.Transpose.FLIP_TOP_BOTTOM, Image.Transpose.TRANSPOSE)  # fmt: skip


def turned(image: Image.Image, rng: random.Random) -> bytes:
    """Turned a quarter, a half or three quarters, or flipped top to bottom (or along the
    diagonal), then re-encoded."""
    return _reencode(image.transpose(rng.choice(TURNS)), rng)


def turned_harder(image: Image.Image, rng: random.Random) -> bytes:
    """Turned or flipped, and also cropped up to 5%, resized or bordered, then re-encoded."""
    image = image.transpose(rng.choice(TURNS))
    step = rng.choice([lambda im: _crop(im, rng, 0.05), lambda im: _resize(im, rng),
                       lambda im: _border(im, rng)])  # fmt: skip
    return _reencode(step(image), rng)


def measure(name: str, originals: list[PdqHash], changed: list[list[PdqHash]]) -> None:
    pairs = [(o, c) for o, variants in zip(originals, changed, strict=True) for c in variants]
    hub = sum(closest(o, c) <= MATCH_DISTANCE for o, c in pairs)
    whole = sum(distance(o.hex, c.hex) <= MATCH_DISTANCE for o, c in pairs)
    print(f"{name:26} recall {hub / len(pairs):6.1%} ({hub}/{len(pairs)})   "
          f"plain PDQ {whole / len(pairs):6.1%} ({whole}/{len(pairs)})")  # fmt: skip


def alarms(name: str, originals: list[PdqHash], others: list[PdqHash]) -> None:
    pairs = [(o, b) for o in originals for b in others]
    hub = sum(closest(o, b) <= MATCH_DISTANCE for o, b in pairs)
    whole = sum(distance(o.hex, b.hex) <= MATCH_DISTANCE for o, b in pairs)
    nearest = min(closest(o, b) for o, b in pairs)
    print(f"{name:26} false alarms {hub}/{len(pairs)} ({hub / len(pairs):.2%}), nearest "
          f"{nearest} bits   plain PDQ {whole}/{len(pairs)}")  # fmt: skip


def compare_cost(originals: list[PdqHash], others: list[PdqHash]) -> None:
    """Time to compare every pair with all the turns, against the mirror image's hash alone."""
    mirror = DIHEDRAL.index("flipped left-right")

    def mirror_only(h: PdqHash) -> PdqHash:
        return replace(h, dihedral=h.dihedral[mirror : mirror + 1])

    timed = {}
    for name, a, b in (
        ("mirror alone", [mirror_only(o) for o in originals], [mirror_only(o) for o in others]),
        ("all turns", originals, others),
    ):
        started = time.perf_counter()
        for x in a:
            for y in b:
                closest(x, y)
        timed[name] = (time.perf_counter() - started) / (len(a) * len(b))
    print(f"{'compare two pictures':26} {timed['all turns'] * 1e6:.0f} us with all turns, "
          f"{timed['mirror alone'] * 1e6:.0f} us with the mirror alone "
          f"(x{timed['all turns'] / timed['mirror alone']:.2f})")  # fmt: skip


def hashed(data: bytes) -> PdqHash:
    found = image_hash(data)
    assert found is not None
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pictures", type=int, default=30)
    parser.add_argument("--variants", type=int, default=4, help="of each set, per picture")
    args = parser.parse_args()
    rng = random.Random(22)
    pictures = [picture(seed) for seed in range(args.pictures)]
    started = time.perf_counter()
    originals = [hashed(encoded(p)) for p in pictures]
    per_hash = (time.perf_counter() - started) / len(pictures)
    low = sum(not o.matchable for o in originals)
    crops = len(originals[0].crops)
    print(f"{len(pictures)} pictures, distance {MATCH_DISTANCE}, {per_hash * 1000:.0f} ms to "
          f"hash one (whole and {crops} crops); {low} too flat to match")  # fmt: skip
    for name, change in (("plain (re-encode/resize/crop<=5%/border)", plain), ("harder", harder)):
        changed = [[hashed(change(p, rng)) for _ in range(args.variants)] for p in pictures]
        measure(name.split(" ")[0], originals, changed)
    each: list[tuple[str, Change]] = [
        ("  crop 8-15%", lambda im, r: _reencode(_crop(im, r, 0.15, 0.08), r)),
        ("  rotate 3-10 degrees",
         lambda im, r: _reencode(im.rotate(r.uniform(3, 10), expand=True, fillcolor="white"), r)),
        ("  caption bar", lambda im, r: _reencode(_caption(im, r), r)),
        ("  sticker", lambda im, r: _reencode(_sticker(im, r), r)),
        ("  mirrored", lambda im, r: _reencode(ImageOps.mirror(im), r)),
    ]  # fmt: skip
    for kind, change in each:
        measure(kind, originals, [[hashed(change(p, rng))] for p in pictures])
    for name, change in (("turned/flipped (re-encoded)", turned),
                         ("turned/flipped + crop<=5%/resize/border", turned_harder)):  # fmt: skip
        changed = [[hashed(change(p, rng)) for _ in range(args.variants)] for p in pictures]
        measure(name.split(" ")[0] + (" +" if "+" in name else ""), originals, changed)
    for turn in TURNS:
        row = f"  {turn.name.lower().replace('_', ' ')}"
        measure(row, originals, [[hashed(_reencode(p.transpose(turn), rng))] for p in pictures])
    others = [hashed(encoded(picture(1000 + seed))) for seed in range(2 * args.pictures)]
    alarms("other pictures", originals, others)
    alarms("other pictures, turned", originals, [
        hashed(encoded(picture(1000 + seed).transpose(TURNS[seed % len(TURNS)])))
        for seed in range(2 * args.pictures)
    ])  # fmt: skip
    compare_cost(originals, others)
    templates = [hashed(encoded(picture(seed, 5000 + seed))) for seed in range(args.pictures)]
    same = sum(closest(o, t) <= MATCH_DISTANCE for o, t in zip(originals, templates, strict=True))
    print(
        f"{'same background, new words':26} matched {same}/{len(templates)} (PDQ sees one "
        "picture: a meme template with other words is matched, for an analyst to judge)"
    )


if __name__ == "__main__":
    main()
