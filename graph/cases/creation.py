"""Where a case is born: each content cluster starts in a case of its own, ``case:<cluster>``.

The linking code opens them: intake's duplicate linking (``graph/dedup/store.py``) for the
clusters a batch founds or touches, and an analyst's merge or split of content
(``graph/dedup/analyst.py``) for the clusters it derives, each in the transaction that writes
the clusters. A cluster that is in a case already (its own, or one an analyst merged it into)
stays where it is, so opening is safe to repeat. Cases change afterwards only through merges
and splits (``graph/cases/grouping.py``, which makes ``case:split:...`` cases of its own); a
case whose clusters go is kept with its history (``dedup/delete_clusters``).
"""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import ManagedTransaction, Result

from graph.cypher import load_query
from graph.db import send


def default_case_id(content_id: str) -> str:
    """The case each content item starts in: one case per content item."""
    return f"case:{content_id}"


def default_case_rows(content_ids: Iterable[str]) -> list[dict[str, str]]:
    """The rows ``cases/open_default_cases`` takes: each cluster with its default case."""
    return [{"cluster_id": cid, "case_id": default_case_id(cid)} for cid in content_ids]


def open_default_cases(tx: ManagedTransaction, content_ids: Iterable[str]) -> Result:
    """Open the default case of each cluster in ``content_ids`` that is in no case, once the
    clusters are written in ``tx``. Sent, not waited for (``graph.db.send``): the caller
    consumes the result, after the writes it sends alongside."""
    return send(tx, load_query("cases/open_default_cases"), rows=default_case_rows(content_ids))
