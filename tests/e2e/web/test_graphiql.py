"""GraphiQL, for developers, works from the hub's own assets: no CDN is asked for anything."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from graph.db import Graph


def test_graphiql_runs_a_query_with_nothing_fetched_from_elsewhere(
    visit_for: Any, hub_url: str, hub_graph: Graph
) -> None:
    visit = visit_for()
    visit.go("/graphql")
    page = visit.page
    page.wait_for_selector(".graphiql-container", timeout=30_000)
    page.locator(".graphiql-execute-button").click()
    page.wait_for_function(
        "() => document.querySelector('.graphiql-response')?.textContent.includes('E23000001')",
        timeout=30_000,
    )
    visit.screenshot("graphiql")
    hub = urlsplit(hub_url).netloc
    elsewhere = [url for url in visit.requests if urlsplit(url).netloc not in (hub, "")]
    assert elsewhere == []
    assert any(url.endswith("/assets/graphiql/graphiql.min.js") for url in visit.requests)
    assert not [line for line in visit.console if "Content Security Policy" in line]
