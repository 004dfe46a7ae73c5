"""The Welsh catalog covers every word of the public pages: each message Babel finds in
``pages/*.py`` and ``pages/templates/*.html`` (what ``make messages`` extracts) has a non-empty
Welsh translation with the same placeholders, and the catalog holds nothing else. A new
English string without its Welsh fails here, not in front of a Welsh-speaking victim."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from pages import i18n

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / "pages" / "translations" / "babel.cfg"
WELSH_PO = ROOT / "pages" / "translations" / "cy" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "Text": None}  # as `make messages` passes `-k Text`
PLACEHOLDER = re.compile(r"%\((\w+)\)s")
TAG = re.compile(r"<[^>]+>")


def _extracted() -> dict[str, list[str]]:
    """Every msgid of the public pages, with where it is."""
    with CONFIG.open() as config:
        method_map, options_map = parse_mapping_cfg(config, str(CONFIG))  # type: ignore[no-untyped-call]
    found: dict[str, list[str]] = {}
    for filename, line, message, _, _ in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            found.setdefault(msgid, []).append(f"{filename}:{line}")
    return found


def _welsh() -> Catalog:
    with WELSH_PO.open("rb") as po:
        return read_po(po, locale="cy")


def test_the_extraction_finds_the_public_pages_words_and_not_the_staff_pages() -> None:
    found = _extracted()
    assert "Tell us about the online hate" in found  # a template
    assert "Select who you are reporting as" in found  # a check in pages/form.py
    assert "We received your report on %(date)s." in found  # the status page's timeline
    assert not [where for places in found.values() for where in places if "staff" in where]


def test_every_message_of_the_public_pages_has_its_welsh() -> None:
    catalog = _welsh()
    missing = [
        (msgid, where[0])
        for msgid, where in _extracted().items()
        if not (catalog.get(msgid) and catalog.get(msgid).string)  # type: ignore[union-attr]
    ]
    assert not missing, f"no Welsh for {len(missing)}: {missing[:5]}"


def test_the_catalog_has_no_entry_the_pages_no_longer_use_and_none_fuzzy() -> None:
    catalog = _welsh()
    used = set(_extracted())
    unused = [m.id for m in catalog if m.id and m.id not in used]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert (unused, fuzzy) == ([], [])


def test_every_welsh_message_keeps_its_placeholders_and_markup() -> None:
    wrong = []
    for message in _welsh():
        if not message.id:
            continue
        english, welsh = str(message.id), str(message.string)
        if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(welsh)):
            wrong.append((english, "placeholders"))
        if sorted(TAG.findall(english)) != sorted(TAG.findall(welsh)):
            wrong.append((english, "markup"))
        stray = PLACEHOLDER.sub("", welsh).replace("%%", "")
        if "%" in stray:
            wrong.append((english, "a bare %"))
    assert not wrong


def test_the_catalog_the_pages_load_is_the_po_file() -> None:
    """Read from the .po at start-up: no compile step between a clone and a Welsh page."""
    welsh = i18n.translations(i18n.WELSH)
    assert welsh.gettext("Start now") == "Dechrau nawr"
    assert welsh.gettext("Not a message of the pages") == "Not a message of the pages"
    assert i18n.translations(i18n.ENGLISH).gettext("Start now") == "Start now"
