"""The audit trail (DPA 2018 s62): who consulted, collected, altered, disclosed, combined or
erased which personal data, when, through which endpoint, and to whom.

One append-only JSON Lines file; each record carries the SHA-256 of the one before it, so a
changed, removed or reordered record breaks the chain at that line. Pure except ``log.py``.

::

    records.py   Operation, Accessed, AuditEvent (what a caller logs), AuditRecord (as stored)
    chain.py     canonical bytes, seal(event, seq, logged_at, prev_hash), verify(lines)
    log.py       AuditLog(path): append / append_many under a file lock, records, verify, search
"""
