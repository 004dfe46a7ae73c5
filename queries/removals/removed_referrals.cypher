// Referrals whose content a platform removed or restricted: what re-uploads are matched on,
// with the PDQ hashes of the images sent with the removed content's reports.
// params:
MATCH (ref:RemovalReferral)
WHERE ref.status IN ['removed', 'restricted']
RETURN ref.id AS id, ref.content_id AS content_id, ref.platform AS platform, ref.text AS text,
       ref.reason AS reason, ref.answered_at AS answered_at,
       COLLECT {
         MATCH (r:Report {cluster_id: ref.content_id})<-[:ATTACHED_TO]-(f:EvidenceFile)
         WHERE f.pdq IS NOT NULL
         WITH DISTINCT f ORDER BY f.sha256
         RETURN {sha256: f.sha256, pdq: f.pdq, quality: f.pdq_quality, crops: f.pdq_crops,
                 dihedral: f.pdq_dihedral}
       } AS images
