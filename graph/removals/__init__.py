"""Referring content to the platform that hosts it for removal, and tracking the answer.

One referral per content item (a viral post reported by hundreds is referred once), with the
reason (the recordable offences of its case's assessment, or the platform policy an analyst
names), its address, captured text, evidence file hashes and accounts.

::

    lifecycle.py  statuses, the steps allowed between them and who may take them (pure)
    policy.py     per-platform answer times and pack formats (data/removal_policy.toml)
    models.py     a referral, its steps, re-upload alerts as the hub reads them (pure)
    stats.py      time to removal (median, 90th percentile) and refusal rate (pure)
    packs.py      a platform's referral pack: JSON Lines, CSV and a manifest of hashes
    store.py      referrals in the graph: draft, step, queues, pack rows
    reuploads.py  removed content that comes back: the scan, its alerts, repeat re-uploaders
"""
