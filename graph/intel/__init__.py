"""Intelligence: 3x5x2 grading, POLE entities, sanitisation, MoPI review dates, NIM export.

Pure domain code (no database). The lead feeds :func:`nim_export.export_nim` with items read
from Neo4j; see each module's docstring for the rules it applies.

::

    grading.py        SourceEvaluation, IntelligenceAssessment, HandlingCode, Grade, LegacyGrade
    models.py         IntelItem, PoleEntity (person/object/location/event), PoleRelationship
    sanitise.py       sanitise(item) -> SanitisedItem (what was removed and why)
    retention.py      review_due(created_at, group) -> ReviewDecision
    destinations.py   Destination, destination(id)
    nim_export.py     ExportPeriod, export_nim(...), verify_export(dir)
    export_files.py   the export's file layout (schema ohch-nim-export/2)
    export_state.py   lock, staging, watermarks (read_watermark)
    disclosure_log.py DisclosureLog, DisclosureRecord (DPA 2018 s62)
"""
