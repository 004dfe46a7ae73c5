"""``ohch export duplicates``: every report's source_ref -> its content cluster id, as one JSON
object streamed page by page (constant memory whatever the size of the graph)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

import orjson

from graph.cypher import load_query
from graph.db import Graph, pages

PAGE = 10_000


def report_clusters(graph: Graph, page: int = PAGE) -> Iterator[tuple[str, str]]:
    for row in pages(graph, load_query("dedup/export_page"), "id", page):
        yield row["source_ref"], row["cluster_id"]


def write_duplicates(graph: Graph, out: TextIO) -> int:
    out.write("{")
    count = 0
    for source_ref, cluster_id in report_clusters(graph):
        out.write(("," if count else "") + orjson.dumps(source_ref).decode() + ":")
        out.write(orjson.dumps(cluster_id).decode())
        count += 1
    out.write("}\n")
    return count
