// Put messages in the outbox, once each: the key (one contact, one event) is the MERGE key
// under a unique constraint, so a second run, or two at once, make no second message.
// `created` counts the messages this run made.
// params: rows, run, at
UNWIND $rows AS row
MERGE (m:UpdateMessage {key: row.key})
  ON CREATE SET m.id = 'update:' + row.key, m.created_by_run = $run, m.created_at = $at,
                m.case_id = row.case_id, m.recipient_id = row.recipient_id,
                m.recipient_role = row.recipient_role, m.report_id = row.report_id,
                m.reference = row.reference, m.channel = row.channel,
                m.event_kind = row.event_kind, m.event_id = row.event_id,
                m.event_at = row.event_at, m.due_at = row.due_at,
                m.deadline_rule = row.deadline_rule, m.params = row.params,
                m.status = 'pending', m.attempts = 0, m.next_attempt_at = $at
RETURN count(CASE WHEN m.created_by_run = $run THEN 1 END) AS created
