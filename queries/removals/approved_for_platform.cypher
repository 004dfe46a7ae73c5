// The approved referrals of one platform, waiting to go out in its next pack.
// params: platform
MATCH (ref:RemovalReferral {status: 'approved', platform: $platform})
RETURN ref.id AS id ORDER BY ref.approved_at, ref.id
