// Raise each re-upload alert once (content, earlier referral): a later scan finds it raised.
// evidence: for a picture, the two files' SHA-256 and their PDQ distance (JSON).
// params: rows, at
UNWIND $rows AS row
MATCH (cc:ContentCluster {id: row.content_id})
MATCH (ref:RemovalReferral {id: row.referral_id})
MERGE (al:ReuploadAlert {key: row.content_id + '|' + row.referral_id})
  ON CREATE SET al.id = row.id, al.content_id = row.content_id,
                al.referral_id = row.referral_id, al.how = row.how, al.score = row.score,
                al.accounts = row.accounts, al.evidence = row.evidence, al.raised_at = $at,
                al.status = 'open'
MERGE (al)-[:ABOUT_CONTENT]->(cc)
MERGE (al)-[:REPEATS]->(ref)
RETURN count(al) AS alerts
