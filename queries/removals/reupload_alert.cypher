// One re-upload alert by id.
// params: id
MATCH (al:ReuploadAlert {id: $id})
RETURN al.id AS id, al.content_id AS content_id, al.referral_id AS referral_id, al.how AS how,
       al.score AS score, al.accounts AS accounts, al.raised_at AS raised_at,
       al.status AS status, al.note AS note, al.referral_made AS referral_made
