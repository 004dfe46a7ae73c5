"""GraphiQL for developers, served from the hub's own assets (``web/dist/graphiql``): police
networks cannot reach a CDN, and strawberry's page loads its scripts from one.

Only where the API is explorable (``OHCH_GRAPHQL_EXPLORE``; off in production by default).
The page's policy allows scripts and styles from the hub alone (GraphiQL's editor sets inline
styles, hence ``'unsafe-inline'`` for styles only) and queries to the hub alone.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse
from strawberry.fastapi import GraphQLRouter

from api.graphql.context import Context

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>ohch: GraphiQL (development)</title>
  <link rel="stylesheet" href="/assets/graphiql/graphiql.min.css">
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL from /assets/graphiql (run `make assets` if it stays).</div>
  <script src="/assets/graphiql/react.production.min.js"></script>
  <script src="/assets/graphiql/react-dom.production.min.js"></script>
  <script src="/assets/graphiql/graphiql.min.js"></script>
  <script src="/assets/graphiql/graphiql-init.js"></script>
</body>
</html>
"""
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


class HubGraphQLRouter(GraphQLRouter[Context, None]):
    """Strawberry's router with the hub's own GraphiQL page."""

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(PAGE, headers={"Content-Security-Policy": POLICY})
