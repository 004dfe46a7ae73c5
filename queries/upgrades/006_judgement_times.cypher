// Every judgement edge keeps its time as a Neo4j datetime (graph/judgements), on every kind:
// content (SAME_CONTENT, NOT_SAME, UNSURE) and identity (SAME_PERSON, NOT_SAME_PERSON,
// IDENTITY_UNSURE, between accounts or named people). An older hub wrote identity judgements'
// `at` as ISO 8601 text; this converts it, the same instant. Batched and safe to repeat: a
// judgement whose time is a datetime is not touched again, so with none left it finds nothing
// to do.
// params:
MATCH ()-[j:SAME_PERSON|NOT_SAME_PERSON|IDENTITY_UNSURE|SAME_CONTENT|NOT_SAME|UNSURE]->()
WHERE j.at IS :: STRING
CALL (j) {
  SET j.at = datetime(j.at)
} IN TRANSACTIONS OF 5000 ROWS
