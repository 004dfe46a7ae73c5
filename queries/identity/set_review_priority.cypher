// Store each review item's priority (graph/identity/review_priority.py: the expected correct
// links an analyst's confirmation would gain) on its IDENTITY_UNSURE judgement, for the queue's
// order.
// params: rows
UNWIND $rows AS row
MATCH (:Account {key: row.left})-[j:IDENTITY_UNSURE]->(:Account {key: row.right})
WHERE j.id = row.id
SET j.priority = row.priority
