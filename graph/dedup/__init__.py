"""Duplicate-report combination: which reports are about the same piece of online content.

Pure code, no database. The flow for one report::

    ReportEvidence --blocking_keys--> lookup(keys) --> ContentSummary candidates
        --score_candidate--> Scored (score + explanation) --decide--> MatchDecision
        join (with a SAME_CONTENT Judgement) | review | new content

Judgements are edges between reports; content clusters are derived from them
(:func:`graph.dedup.clusters.derive_clusters`) and every merge can be undone.
"""
