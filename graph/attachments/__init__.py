"""Evidence files people send with their reports (screenshots, PDFs, videos).

::

    kinds.py   what a file is, read from its first bytes (never its name), and its size limit
    blobs.py   the store the bytes live in: a ``BlobStore`` keyed by SHA-256, on disk here
    pdq.py     the PDQ perceptual hash of an image, and the distance between two hashes
    models.py  the values: a file as received, as checked, as recorded, as staff see it
    receive.py a sending checked from its bytes and hashed, every problem named at once
    store.py   the graph's record of each file: ``(:EvidenceFile)-[:ATTACHED_TO]->(:Report)``
    scanning.py  virus scanning as rules: a scan's verdict, the policy for unscanned files, states
    clamd.py     the ClamAV daemon client (INSTREAM, VERSION), streaming files in chunks
    scan_store.py  each file's scan state in the graph, and quarantine; rescan.py  the rescan job

The bytes and the graph meet only in ``services/attachments.py``: a file is kept in the blob
store first, then recorded, so a record never names bytes the store does not hold.
"""
