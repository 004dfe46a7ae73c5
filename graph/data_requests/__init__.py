"""Asking a platform for data about an account: preservation first, then disclosure, each on a
stated legal basis, authorised by a supervisor, tracked to its answer and, for preservation,
to its expiry.

::

    rules.py   kinds, legal bases, statuses, the steps allowed and what each basis needs (pure)
    policy.py  how long a preservation lasts and when to remind (data/data_request_policy.toml)
    models.py  a request and its steps as the hub reads them (typed values, pure)
    store.py   requests in the graph, their steps, queues, and the disclosure that answers one
"""
