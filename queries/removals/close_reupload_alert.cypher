// An analyst refers the re-upload or dismisses the alert (from open only).
// params: id, status, note, referral_made, by, at
MATCH (al:ReuploadAlert {id: $id}) WHERE al.status = 'open'
SET al.status = $status, al.note = $note, al.referral_made = $referral_made,
    al.closed_by = $by, al.closed_at = $at
RETURN al.id AS id
