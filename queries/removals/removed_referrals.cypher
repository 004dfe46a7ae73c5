// Referrals whose content a platform removed or restricted: what re-uploads are matched on.
// params:
MATCH (ref:RemovalReferral)
WHERE ref.status IN ['removed', 'restricted']
RETURN ref.id AS id, ref.content_id AS content_id, ref.platform AS platform, ref.text AS text,
       ref.reason AS reason, ref.answered_at AS answered_at
