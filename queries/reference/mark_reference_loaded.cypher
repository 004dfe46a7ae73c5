// Record which reference rows were loaded (their SHA-256), so a restart loads nothing again.
// params: fingerprint, loaded_at, forces, districts
MERGE (m:ReferenceData {id: 'reference'})
SET m.fingerprint = $fingerprint, m.loaded_at = datetime($loaded_at),
    m.forces = $forces, m.districts = $districts
