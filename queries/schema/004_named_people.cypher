// Identity judgements and named people: judgement ids (superseding finds judgements by id), the
// review flag set when a withdrawn disclosure touched a judgement, and each Person's person id.
// params:
CREATE INDEX same_person_id IF NOT EXISTS FOR ()-[j:SAME_PERSON]-() ON (j.id);
CREATE INDEX not_same_person_id IF NOT EXISTS FOR ()-[j:NOT_SAME_PERSON]-() ON (j.id);
CREATE INDEX identity_unsure_id IF NOT EXISTS FOR ()-[j:IDENTITY_UNSURE]-() ON (j.id);
CREATE INDEX same_person_needs_review IF NOT EXISTS FOR ()-[j:SAME_PERSON]-() ON (j.needs_review);
CREATE INDEX not_same_person_needs_review IF NOT EXISTS FOR ()-[j:NOT_SAME_PERSON]-() ON (j.needs_review);
CREATE INDEX person_person_id IF NOT EXISTS FOR (p:Person) ON (p.person_id);
