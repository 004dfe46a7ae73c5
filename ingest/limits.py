"""Size limits of the referral contract, with the reason for each.

A referral is a person's account and a handful of links; anything far larger is a mistake or an
attack. Limits are checked before anything is written, and each breach is named.
"""

from __future__ import annotations

MAX_BODY_BYTES = 512 * 1024  # a referral with long descriptions and 50 items is ~100 KB
MAX_DESCRIPTION_CHARS = 20_000
MAX_CONTENT_TEXT_CHARS = 20_000  # a long post, pasted in full (platform limits: 63,206 on FB)
MAX_SHORT_TEXT_CHARS = 300  # names, display names, locations
# Contact details (email, phone, postcode; a suspect's platform and handle) never refuse a
# report (issue 21.1): people paste a sentence into the phone box. Kept as typed up to this,
# and unverified when they do not clean.
MAX_CONTACT_TEXT_CHARS = 2_000
MAX_URL_CHARS = 2_048
MAX_CONTENT_ITEMS = 50
MAX_SUSPECTS = 50
MAX_ATTACHMENTS = 20
MAX_STRANDS = 6
CLOCK_SKEW_SECONDS = 300  # a sender's clock may run a little ahead of ours
