"""Intelligence: 3x5x2 grading, POLE entities, sanitisation, MoPI review dates, NIM export,
and the analysts' network queries.

Pure domain code, except the ``*_store.py`` modules and ``from_case.py``, which read Neo4j;
see each module's docstring for the rules it applies.

::

    grading.py        SourceEvaluation, IntelligenceAssessment, HandlingCode, Grade, LegacyGrade
    models.py         IntelItem, PoleEntity (person/object/location/event), PoleRelationship
    sanitise.py       sanitise(item) -> SanitisedItem (what was removed and why)
    redact.py         free-text redaction of removed people's data and stray identifiers
    retention.py      review_due(created_at, group) -> ReviewDecision
    destinations.py   Destination, destination(id)
    nim_export.py     ExportPeriod, export_nim(...), verify_export(dir); disclosures go to
                      the audit trail (graph/audit/)
    export_files.py   the export's file layout (schema ohch-nim-export/2)
    export_state.py   lock, staging, watermarks (read_watermark)
    campaigns.py      campaigns: connected components and Louvain modularity communities
    bounds.py         limits on depth, result size and time windows of network queries
    network.py        network entities, nodes, relationships and paths, identifiers hidden
                      from uncleared roles
    network_store.py  neighbourhoods (with their relationships) and shortest paths from Neo4j
"""
