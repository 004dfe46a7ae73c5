"""Counters every API worker shares, kept in the graph: failed access-code checks (a sliding
window of failure times per typed reference and per client) and submission rates (a token
bucket per client or partner).

``rules`` is the arithmetic, pure; ``store`` runs it in Neo4j, one statement a check, holding
the counter's write lock so two workers never both take the last slot. A counter is named by a
keyed hash of what it counts (``rules.counter_key``), never the address or the reference.
"""
