"""Content clusters derived from judgements (the judgement kernel's union-find that respects
NOT_SAME, :func:`graph.judgements.clustering.cluster`), and the cluster-level analyst
operations merge and split.

Derivation, in this order of precedence: analysts' NOT_SAME judgements are constraints nothing
can cross; analysts' SAME_CONTENT judgements join clusters, oldest first (one that would cross
an analyst NOT_SAME is reported as a conflict and skipped); the system's NOT_SAME judgements
become constraints for the system's matches; the system's SAME_CONTENT judgements join
clusters, highest score first, unless a constraint forbids it. So an analyst rejection always
wins over a system match.

A cluster's id is ``content:<founder>``, where the founder is the member that came first in the
report order given (arrival order). Ids are therefore deterministic, survive new members
joining, and come back unchanged when a split undoes a merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from graph.dedup.judgements import Judgement, JudgementLog, Verdict, judge
from graph.errors import InvalidValue
from graph.judgements.clustering import cluster, members_of
from graph.judgements.kinds import CONTENT_VERDICTS


def content_id_for(founder_report_key: str) -> str:
    return f"content:{founder_report_key}"


@dataclass(frozen=True, slots=True)
class Clusters:
    """Members of each content cluster (in report order) and each report's cluster."""

    members: Mapping[str, tuple[str, ...]]
    content_of: Mapping[str, str]
    conflicts: tuple[str, ...] = ()

    def founder(self, content_id: str) -> str:
        return self.cluster(content_id)[0]

    def cluster(self, content_id: str) -> tuple[str, ...]:
        return members_of(self.members, content_id, "content")


def derive_clusters(order: Sequence[str], log: Iterable[Judgement]) -> Clusters:
    """Clusters over the reports in ``order`` (plus any others judged, sorted after them)."""
    found = cluster(CONTENT_VERDICTS, order, log)
    members, content_of = found.named(lambda keys: content_id_for(keys[0]))
    return Clusters(members=members, content_of=content_of, conflicts=found.conflicts)


def merge(
    log: JudgementLog,
    clusters: Clusters,
    content_a: str,
    content_b: str,
    *,
    actor: str,
    at: datetime,
    reason: str,
) -> Judgement:
    """An analyst's SAME_CONTENT between two clusters' founders, superseding every active
    NOT_SAME between their members (the analyst has overruled them)."""
    a, b = clusters.cluster(content_a), clusters.cluster(content_b)
    if content_a == content_b:
        raise InvalidValue("content_b", "is the same content as content_a")
    sa, sb = set(a), set(b)
    crossing = [
        j.id
        for j in log.active()
        if j.verdict is Verdict.NOT_SAME
        and ((j.left in sa and j.right in sb) or (j.left in sb and j.right in sa))
    ]
    return judge(
        a[0], b[0], Verdict.SAME_CONTENT, score=1.0,
        features={"merge": [content_a, content_b], "sizes": [len(a), len(b)]},
        actor=actor, at=at, reason=reason, supersedes=crossing,
    )  # fmt: skip


def split(
    log: JudgementLog,
    clusters: Clusters,
    content_id: str,
    part: Iterable[str],
    *,
    actor: str,
    at: datetime,
    reason: str,
) -> Judgement:
    """An analyst's NOT_SAME between ``part`` and the rest of a cluster, superseding every
    active SAME_CONTENT that crosses the cut. Splitting off exactly what a merge added restores
    the clusters as they were before it (same members, same ids); a part that is not itself
    connected by the remaining judgements falls into its connected pieces."""
    members = clusters.cluster(content_id)
    cut = set(part)
    if not cut or not cut < set(members):
        raise InvalidValue("part", f"must be a non-empty proper subset of {content_id}")
    inside = set(members)
    crossing = [
        j.id
        for j in log.active()
        if j.verdict is Verdict.SAME_CONTENT
        and j.left in inside
        and j.right in inside
        and (j.left in cut) != (j.right in cut)
    ]
    part_founder = next(k for k in members if k in cut)
    rest_founder = next(k for k in members if k not in cut)
    return judge(
        part_founder, rest_founder, Verdict.NOT_SAME, score=1.0,
        features={"split": content_id, "part": sorted(cut)},
        actor=actor, at=at, reason=reason, supersedes=crossing,
    )  # fmt: skip
