// Every referral that was sent, for the removal statistics (optionally one platform, and
// sent within a window).
// params: platform, since, until
MATCH (ref:RemovalReferral)
WHERE ref.sent_at IS NOT NULL
  AND ($platform IS NULL OR ref.platform = $platform)
  AND ($since IS NULL OR ref.sent_at >= $since)
  AND ($until IS NULL OR ref.sent_at < $until)
RETURN ref.platform AS platform, ref.offences AS offences, ref.status AS status,
       ref.sent_at AS sent_at, ref.answered_at AS answered_at
