"""Identity resolution: accounts -> persons, and people named in reports (hub issue 5).

Pure logic, no database. Modules, in the order data flows through them:

- ``models``: :class:`AccountRecord`, :class:`IpSighting`, :class:`PersonRecord` (inputs);
- ``policy``: :class:`LinkagePolicy` from ``data/linkage_policy.toml`` (weights, thresholds);
- ``evidence``: :class:`Evidence` (one feature's explanation) and comparison normalisation;
- ``frequency``: frequency tables; common values weigh less;
- ``features``: account features, each returning evidence;
- ``blocking``: candidate pairs from shared keys, with the block-size cap;
- ``scoring``: evidence -> bits -> probability -> LINK / REVIEW / NONE (:class:`PairScore`);
- ``judgements``: SAME_PERSON / NOT_SAME_PERSON / UNSURE edges, supersede-only, undo;
- ``persons``: persons derived from active judgements (rejections win, analysts outrank);
- ``linker``: :func:`link_accounts` (block, score, judge, derive), idempotent re-runs;
- ``named_people``: the same for people named in reports (:func:`link_people`).
"""
