// The referrals sent in one pack, in a fixed order (a pack rewritten is byte-identical).
// params: pack_id
MATCH (ref:RemovalReferral {pack_id: $pack_id})
RETURN ref.id AS id ORDER BY ref.id
