// Intelligence items updated in (since, until], in export order, one page after a cursor.
// params: since, until, after_at, after_id, page
MATCH (i:IntelItem)
WHERE ($since IS NULL OR i.updated_at > $since) AND i.updated_at <= $until
  AND (i.updated_at > $after_at OR (i.updated_at = $after_at AND i.id > $after_id))
RETURN i.id AS id, i.updated_at AS updated_at, i.item AS item
ORDER BY i.updated_at, i.id
LIMIT $page
