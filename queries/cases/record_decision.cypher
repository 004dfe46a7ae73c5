// An analyst accepts or overrides the recommendation; every decision is kept.
// params: case_id, id, recommended, decided, accepted, reason, by, at
MATCH (k:Case {id: $case_id})
CREATE (k)-[:HAS_DECISION]->(:AssessmentDecision {
  id: $id, recommended: $recommended, decided: $decided, accepted: $accepted,
  reason: $reason, decided_by: $by, decided_at: $at
})
SET k.recording_decided_at = coalesce(k.recording_decided_at, $at), k.decision = $decided
