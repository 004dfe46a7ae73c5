"""The service layer: one function per use case, the only way into the graph for every interface.

GraphQL resolvers, REST routes and the web pages call these functions and nothing below them.
Each use case takes a :class:`~services.use_case.Caller` (who asks, and the graph asked),
checks the role rule written for it in :mod:`services.rules`, applies the force scope,
calls the stores and repositories, and returns typed values: no Cypher, record or column name
crosses this line. A module per area of the hub's work (cases, content, intake, identity,
intelligence, platforms, updates, audit, reference).
"""
