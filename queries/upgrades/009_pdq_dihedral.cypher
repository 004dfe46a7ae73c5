// An evidence image keeps the PDQ hashes of the picture turned and flipped as one list,
// `pdq_dihedral` (graph/attachments/pdq.py), where an older hub kept its mirror image's hash
// alone as `pdq_mirror`. This moves that hash into the list and removes the old property. Its
// other turns need the file's bytes and are not made here: a file sent since carries all seven
// and `closest` compares either picture's turns with the other, so a turned re-upload of an
// older picture is still caught. Batched and safe to repeat: with no `pdq_mirror` left it
// finds nothing to do.
// params:
MATCH (f:EvidenceFile)
WHERE f.pdq_mirror IS NOT NULL
CALL (f) {
  SET f.pdq_dihedral = CASE WHEN size(coalesce(f.pdq_dihedral, [])) = 0
                            THEN [f.pdq_mirror] ELSE f.pdq_dihedral END
  REMOVE f.pdq_mirror
} IN TRANSACTIONS OF 5000 ROWS
