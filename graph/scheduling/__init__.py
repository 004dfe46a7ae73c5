"""Scheduled work: the jobs that keep the hub's derived data fresh, run on a schedule the
deployment declares, each slot run exactly once however many schedulers are running.

``plan.py`` (pure) says which slot of each job is due; ``claims.py`` claims a slot in Neo4j
(a unique key: the second claimant is refused) and records how the run ended; ``jobs.py`` holds
what each job does; ``runner.py`` ties them together for ``ohch scheduler run``
(docs/OPERATIONS.md).
"""
