"""Complainant updates (issue 23.2): an outbox of messages triggered by case events.

``events.py`` works out, purely, which messages a case's timeline makes due (one per recipient
and event, each with its Victims' Code deadline); ``store.py`` reads the timelines and keeps the
outbox in the graph; ``delivery.py`` sends pending messages through a :class:`Channel`
(``channels.py``: SMTP now, GOV.UK Notify where a deployment plugs it in) with retries and
backoff (``retry.py``); ``templates.py`` renders them in English or Welsh. ``docs/UPDATES.md``
describes the whole.
"""
