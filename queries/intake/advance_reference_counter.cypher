// Record the last reference number issued for a year.
// params: year, last
MATCH (c:ReferenceCounter {year: $year})
SET c.last = $last
