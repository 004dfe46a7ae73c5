// Which of the named Persons $keys are victims, and the victim identities (coalesce(person_id,
// id)) they hold now: read by the named-people linker just before it records their new person
// (graph/intel/kept_people.py), so the counts kept for the identities they leave are made
// again with those they join.
// params: keys
UNWIND $keys AS key
MATCH (v:Person {id: key})
WHERE EXISTS { MATCH (v)-[:VICTIM_IN]->(:Report) }
RETURN collect(v.id) AS keys, collect(DISTINCT coalesce(v.person_id, v.id)) AS identities
