// Intelligence items a page at a time by id, with what their retention review needs.
// params: after, page
MATCH (i:IntelItem) WHERE i.id > $after
RETURN i.id AS id, i.item AS item, i.last_reviewed_at AS last_reviewed_at
ORDER BY i.id
LIMIT $page
