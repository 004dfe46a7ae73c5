// The removal referrals made of one case's content, oldest first (ids; the referrals are read
// by graph/removals/store.py). Hub staff only: a viewer who does not see all forces gets none.
// params: case_id, viewer_sees_all
MATCH (ref:RemovalReferral {case_id: $case_id}) WHERE $viewer_sees_all
RETURN ref.id AS id
ORDER BY ref.drafted_at, ref.id
