// Index clusters under blocking keys as the most recent (an analyst's merge or split): each
// row's clusters go first, the key's other clusters follow, except those the same decision
// removed ($gone), capped at $cap.
// params: rows, gone, cap
UNWIND $rows AS row
MERGE (b:BlockKey {key: row.key})
SET b.clusters = (
  row.clusters + [id IN coalesce(b.clusters, []) WHERE NOT id IN row.clusters AND NOT id IN $gone]
)[..$cap]
