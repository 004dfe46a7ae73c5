// Forget that a data upgrade ran, so the bench can run it over the graph it just generated: the
// schema was applied to an empty graph, where each upgrade found nothing to do and left its
// marker, and the generator writes reports as an older graph holds them.
// params: id
MATCH (done:DataUpgrade {id: $id})
DELETE done
