"""Pictures made here for the tests: text drawn on a background of colour and shapes, and
the ways people change a picture before posting it again."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFont, ImageOps


def picture(seed: int, text: str, size: tuple[int, int] = (800, 600)) -> Image.Image:
    rnd = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    top, bottom = ([rnd.randrange(256) for _ in range(3)] for _ in range(2))
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    for _ in range(6):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(40, 200)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rnd.randrange(256) for _ in range(3)))
    font = ImageFont.load_default(size=44)
    for i, line in enumerate(text.split("|")):
        draw.text((30, 40 + i * 70), line, fill="black", font=font)
    return image


def encoded(image: Image.Image, kind: str = "PNG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def cropped(
    image: Image.Image, left: float, top: float, right: float = 0, bottom: float = 0
) -> Image.Image:
    w, h = image.size
    return image.crop(
        (round(w * left), round(h * top), round(w * (1 - right)), round(h * (1 - bottom)))
    )


def bordered(image: Image.Image, pixels: int = 24, colour: str = "white") -> Image.Image:
    return ImageOps.expand(image, pixels, colour)
