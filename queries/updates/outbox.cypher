// A page of the outbox, soonest deadline first (keyset on due_at, key): messages in `statuses`,
// due before `due_before` and/or from `due_from` when given, of one case when given. No
// address is returned: staff see who (report reference, role) and what, not contact details.
// params: statuses, due_before, due_from, case_id, after_due, after_key, limit
MATCH (m:UpdateMessage)
WHERE m.status IN $statuses
  AND ($due_before IS NULL OR m.due_at < $due_before)
  AND ($due_from IS NULL OR m.due_at >= $due_from)
  AND ($case_id IS NULL OR m.case_id = $case_id)
  AND ($after_due IS NULL OR m.due_at > $after_due
       OR (m.due_at = $after_due AND m.key > $after_key))
RETURN m.id AS id, m.key AS key, m.case_id AS case_id, m.reference AS reference,
       m.report_id AS report_id, m.recipient_role AS recipient_role, m.channel AS channel,
       m.event_kind AS event_kind, m.event_id AS event_id, m.event_at AS event_at,
       m.due_at AS due_at, m.deadline_rule AS deadline_rule, m.status AS status,
       m.attempts AS attempts, m.last_error AS last_error,
       m.next_attempt_at AS next_attempt_at, m.sent_at AS sent_at, m.language AS language,
       m.created_at AS created_at
ORDER BY m.due_at, m.key
LIMIT $limit
