// Take the write lock on each year's reference counter (serialises concurrent intake) and read it.
// params: years
UNWIND $years AS year
MERGE (c:ReferenceCounter {year: year})
  ON CREATE SET c.last = 0
SET c.locked_at = datetime()
RETURN year, c.last AS last
