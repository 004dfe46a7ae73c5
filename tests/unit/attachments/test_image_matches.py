"""The re-upload scan's picture match, pure: new content whose picture is within the distance
of a removed content's picture on the same platform raises a same_image alert carrying the
distance and both files, turned or flipped too; a flat picture, another picture (turned or
not), another platform, the removed content itself and a content referred already raise
none."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from PIL.Image import Transpose as Turn

from graph.attachments.pdq import PdqHash, image_hash
from graph.removals.reuploads import REPORTED_AGAIN, SAME_IMAGE, matches
from tests.unit.attachments.pictures import cropped, encoded, picture

T0, T1 = datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 5, tzinfo=UTC)
REMOVED_PICTURE = picture(31, "you lot|are not|wanted")


def _hashed(data: bytes) -> PdqHash:
    found = image_hash(data)
    assert found is not None
    return found


ORIGINAL = _hashed(encoded(REMOVED_PICTURE))
CHANGED = _hashed(encoded(cropped(REMOVED_PICTURE, 0.04, 0.0, 0.02, 0.03), "JPEG", quality=25))
OTHER = _hashed(encoded(picture(32, "a birthday|party")))
TURNED = _hashed(encoded(REMOVED_PICTURE.transpose(Turn.ROTATE_90), "JPEG", quality=40))
FLIPPED = _hashed(encoded(REMOVED_PICTURE.transpose(Turn.FLIP_TOP_BOTTOM), "WEBP", quality=50))
OTHER_TURNED = _hashed(encoded(picture(32, "a birthday|party").transpose(Turn.ROTATE_180)))


def _image(sha: str, h: PdqHash, quality: int | None = None) -> dict[str, Any]:
    return {"sha256": sha, "pdq": h.hex, "quality": h.quality if quality is None else quality,
            "crops": list(h.crops), "dihedral": list(h.dihedral)}  # fmt: skip


def _removed(images: list[dict[str, Any]]) -> dict[str, Any]:
    return {"id": "ref-a", "content_id": "c-a", "platform": "x", "text": "short",
            "reason": "r", "answered_at": T0, "images": images}  # fmt: skip


def _content(
    content: str, images: list[dict[str, Any]], platform: str = "x", own: str | None = None
) -> dict[str, Any]:
    return {"content_id": content, "platform": platform, "text": "hi", "last_reported_at": T1,
            "accounts": ["x|someone"], "own_referral_id": own, "images": images}  # fmt: skip


def test_a_changed_removed_picture_raises_an_alert_with_its_distance_and_files() -> None:
    removed = [_removed([_image("f-removed", ORIGINAL)])]
    contents = [
        _content("c-b", [_image("f-other", OTHER), _image("f-changed", CHANGED)]),
        _content("c-c", [_image("f-other", OTHER)]),  # another picture
        _content("c-d", [_image("f-changed", CHANGED)], platform="tiktok"),  # another platform
        _content("c-a", [_image("f-changed", CHANGED)], own="ref-a"),  # the removed post again
        _content("c-e", [_image("f-changed", CHANGED)], own="ref-e"),  # referred, not removed
    ]
    found = matches(removed, contents)  # type: ignore[arg-type]
    assert sorted((a["content_id"], a["how"]) for a in found) == [
        ("c-a", REPORTED_AGAIN.value),  # reported again: not a picture match of itself
        ("c-b", SAME_IMAGE.value),
    ]
    (alert,) = [a for a in found if a["how"] == SAME_IMAGE.value]
    evidence = orjson.loads(str(alert["evidence"]))
    assert evidence["file"] == "f-changed"
    assert evidence["removed_file"] == "f-removed"
    assert evidence["pdq_distance"] == alert["score"]
    assert 0 <= float(str(alert["score"])) <= 31


def test_a_removed_picture_turned_or_flipped_raises_an_alert_and_another_turned_none() -> None:
    removed = [_removed([_image("f-removed", ORIGINAL)])]
    contents = [
        _content("c-t", [_image("f-turned", TURNED)]),  # a quarter turn, then JPEG
        _content("c-f", [_image("f-flipped", FLIPPED)]),  # top to bottom, then WebP
        _content("c-o", [_image("f-other", OTHER_TURNED)]),  # another picture, turned
    ]
    found = matches(removed, contents)  # type: ignore[arg-type]
    assert sorted((a["content_id"], a["how"]) for a in found) == [
        ("c-f", SAME_IMAGE.value),
        ("c-t", SAME_IMAGE.value),
    ]
    assert all(0 <= float(str(a["score"])) <= 31 for a in found)
    unturned = [_removed([{**_image("f-removed", ORIGINAL), "dihedral": []}])]
    bare = [_content("c-t", [{**_image("f-turned", TURNED), "dihedral": []}])]
    assert matches(unturned, bare) == []  # type: ignore[arg-type]  # the turns catch it


def test_the_distance_decides() -> None:
    removed = [_removed([_image("f-removed", ORIGINAL)])]
    contents = [_content("c-b", [_image("f-changed", CHANGED)])]
    assert matches(removed, contents, image_distance=0) == []  # type: ignore[arg-type]
    assert len(matches(removed, contents, image_distance=31)) == 1  # type: ignore[arg-type]


def test_a_hash_too_flat_to_trust_is_not_matched_on() -> None:
    removed = [_removed([_image("f-removed", ORIGINAL, quality=20)])]
    contents = [_content("c-b", [_image("f-same", ORIGINAL)])]
    assert matches(removed, contents) == []  # type: ignore[arg-type]
