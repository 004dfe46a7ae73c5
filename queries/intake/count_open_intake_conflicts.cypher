// How many intake conflicts wait for an analyst (the operations gauge).
// params:
MATCH (c:IntakeConflict {status: 'open'})
RETURN count(c) AS open
