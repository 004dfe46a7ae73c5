"""Identity resolution: accounts -> persons, and people named in reports (hub issue 5).

Pure logic except the ``*_store.py``, ``analyst.py`` and ``withdrawals.py`` modules, which
read and write Neo4j. Modules, in the order data flows through them:

- ``models``: :class:`AccountRecord`, :class:`IpSighting`, :class:`PersonRecord` (inputs);
- ``policy``: :class:`LinkagePolicy` from ``data/linkage_policy.toml`` (weights, thresholds);
- ``evidence``: :class:`Evidence` (one feature's explanation) and comparison normalisation;
- ``frequency``: frequency tables; common values weigh less;
- ``features``: account features, each returning evidence;
- ``blocking``: candidate pairs from shared keys, with the block-size cap;
- ``scoring``: evidence -> bits -> probability -> LINK / REVIEW / NONE (:class:`PairScore`);
- ``judgements``: SAME_PERSON / NOT_SAME_PERSON / UNSURE edges, supersede-only, undo (the
  judgement kernel's, :mod:`graph.judgements`, named for people);
- ``persons``: persons derived from active judgements (rejections win, analysts outrank);
- ``linker``: :func:`link_accounts` (block, score, judge, derive), idempotent re-runs;
- ``named_people``: the same for people named in reports (:func:`link_people`);
- ``named_records``: per-report (:Person) nodes -> :class:`PersonRecord` (names split);
- ``named_linking``: named people linked, a name alone never enough to auto-link;
- ``retraction``: which system judgements a withdrawn disclosure takes with it;
- ``store`` / ``named_store``: accounts and named people linked in the graph;
- ``analyst``: an analyst's link or unlink of two accounts or two named people;
- ``withdrawals``: :func:`retract_disclosure` (detach, retract, re-derive, flag for review).
"""
