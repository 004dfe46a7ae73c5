// Record when each intelligence item falls due for MoPI review, and why.
// params: items
UNWIND $items AS row
MATCH (i:IntelItem {id: row.id})
SET i.review_due_on = row.due_on, i.review_basis = row.explanation
RETURN count(i) AS marked
