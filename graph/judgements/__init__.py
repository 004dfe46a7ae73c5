"""One judgement kernel for every kind of link: content (duplicate reports), accounts and
people named in reports.

A judgement is an edge between two records with a verdict (same / not same / unsure), a score,
its evidence, who made it (``"system"`` or an analyst) and when. Nothing is deleted: a new
judgement supersedes older ones, and what a kind derives (content clusters, persons) is a pure
function of the active judgements, so every merge can be undone and explained.

Pure modules, no database:

- ``records``: :class:`Judgement`, :func:`judge`, :class:`JudgementLog` (supersede-only);
- ``kinds``: the per-kind table: each kind's verdicts and the query files for its edges;
- ``rules``: verdict rules: an analyst's verdict on a pair, overruling one judgement, undo;
- ``clustering``: union-find with cannot-link constraints, analysts first.

``store`` reads and writes a kind's judgement edges in a caller's transaction.
"""
