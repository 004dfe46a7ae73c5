"""The statistics as files: CSV and an OpenDocument spreadsheet (ODS), byte for byte the same
for the same rows.

The ODS is the smallest file LibreOffice and Excel open: an uncompressed ``mimetype`` first,
then the manifest, ``content.xml`` (one table, a header row, a row a statistic, numbers as
floats) and ``meta.xml``, each zip entry with a fixed time stamp (1980-01-01, zip's earliest)
and fixed permissions, so producing a closed period twice gives identical files. Pure: bytes
in memory.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from graph.statistics.rollup import COLUMNS, StatisticsRow

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)

_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.2">
 <office:meta><meta:generator>ohch statistics</meta:generator></office:meta>
</office:document-meta>
"""
_CONTENT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>"""
_CONTENT_TAIL = "</office:spreadsheet></office:body></office:document-content>\n"


def csv_bytes(rows: Sequence[StatisticsRow]) -> bytes:
    """A header row and a row a statistic; UTF-8, ``\\r\\n`` line ends (RFC 4180)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    return out.getvalue().encode("utf-8")


def _cell(value: str | int) -> str:
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p>'
        "</table:table-cell>"
    )


def _row(cells: Sequence[str | int]) -> str:
    return "<table:table-row>" + "".join(_cell(c) for c in cells) + "</table:table-row>"


def content_xml(rows: Sequence[StatisticsRow], sheet: str) -> str:
    body = "".join(_row(row.cells()) for row in rows)
    return (
        f"{_CONTENT_HEAD}<table:table table:name={quoteattr(sheet)}>"
        f'<table:table-column table:number-columns-repeated="{len(COLUMNS)}"/>'
        f"{_row(COLUMNS)}{body}</table:table>{_CONTENT_TAIL}"
    )


def _entry(name: str, compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = compress
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix, whatever system writes it
    return info


def ods_bytes(rows: Sequence[StatisticsRow], sheet: str) -> bytes:
    """An OpenDocument spreadsheet of one table named ``sheet``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as ods:
        ods.writestr(_entry("mimetype", zipfile.ZIP_STORED), MIMETYPE)
        ods.writestr(_entry("META-INF/manifest.xml", zipfile.ZIP_DEFLATED), _MANIFEST)
        ods.writestr(_entry("meta.xml", zipfile.ZIP_DEFLATED), _META)
        ods.writestr(_entry("content.xml", zipfile.ZIP_DEFLATED), content_xml(rows, sheet))
    return out.getvalue()
