// Re-upload alerts in the given statuses, newest first, after a cursor.
// params: statuses, after_key, limit
MATCH (al:ReuploadAlert) WHERE al.status IN $statuses
WITH al, toString(al.raised_at) + '|' + al.id AS key
WHERE $after_key IS NULL OR key < $after_key
RETURN al.id AS id, al.content_id AS content_id, al.referral_id AS referral_id, al.how AS how,
       al.score AS score, al.accounts AS accounts, al.raised_at AS raised_at,
       al.status AS status, al.note AS note, al.referral_made AS referral_made, key
ORDER BY key DESC
LIMIT $limit
