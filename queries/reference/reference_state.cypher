// What reference data the graph holds: the fingerprint of the rows last loaded (the marker
// graph/reference/loader.py leaves) and the counts of forces and districts (count store).
// params:
OPTIONAL MATCH (m:ReferenceData {id: 'reference'})
RETURN m.fingerprint AS fingerprint,
       COUNT { (:Force) } AS forces,
       COUNT { (:PostcodeDistrict) } AS districts
