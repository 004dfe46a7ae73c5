"""Backup and restore of everything a hub holds that cannot be made again.

A backup is a folder (0700, its files 0600)::

    DIR/manifest.json            written last: what is in the backup, each file's SHA-256
    DIR/graph/neo4j.dump         the graph: ``neo4j-admin database dump`` of the stopped store
    DIR/journal/*.jsonl          referrals accepted while Neo4j was down, not yet written
    DIR/audit/audit.jsonl        the audit trail (DPA 2018 s62), whole, chain checked
    DIR/nim/<n>/state.json       each NIM export folder's watermarks

The graph is an offline dump: Neo4j Community has no online backup, and a read transaction is
no snapshot (Neo4j reads are read-committed), so the local server is stopped for the dump and
started again after it. The journal, audit trail and watermarks are copied while Neo4j is still
stopped: no referral is drained from the journal into the graph and no export moves a watermark
in between, so every referral accepted before the backup is either in the dump or in the
journal copy. A restore loads the dump into a stopped server with ``neo4j-admin database
load``, then puts the files back. ``neo4j_admin`` runs Neo4j's own admin tool from the jars the
local server's launcher already fetched from Maven Central; ``docs/OPERATIONS.md`` says how a
compose deployment makes the dump in its Neo4j container instead.
"""

from graph.backup.create import create_backup
from graph.backup.manifest import BackupError, Manifest
from graph.backup.restore import restore_backup

__all__ = ["BackupError", "Manifest", "create_backup", "restore_backup"]
