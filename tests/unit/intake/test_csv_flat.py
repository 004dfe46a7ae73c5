from __future__ import annotations

import pytest

from ingest.csv_flat import FlatError, unflatten


def test_flattened_columns_rebuild_the_referral() -> None:
    row = {
        "source": "partner-export",
        "source_ref": "P-1",
        "reporter.role": "witness",
        "reporter.consent_to_contact": "yes",
        "incident.strands": "race; religion",
        "content.0.url": "https://x.com/a/status/1",
        "content.0.platform": "x",
        "content.1.text": "second item",
        "content.1.platform": "x",
        "content.2.url": "",
        "suspects.0.handle": "@abc",
        "victim.postcode": "",
    }
    assert unflatten(row) == {
        "source": "partner-export",
        "source_ref": "P-1",
        "reporter": {"role": "witness", "consent_to_contact": True},
        "incident": {"strands": ["race", "religion"]},
        "content": [
            {"url": "https://x.com/a/status/1", "platform": "x"},
            {"text": "second item", "platform": "x"},
        ],
        "suspects": [{"handle": "@abc"}],
    }


def test_bad_boolean_names_the_column() -> None:
    with pytest.raises(FlatError, match=r"reporter.consent_to_contact: 'maybe'"):
        unflatten({"reporter.consent_to_contact": "maybe"})


def test_extra_cells_beyond_the_header() -> None:
    with pytest.raises(FlatError, match="more cells"):
        unflatten({None: "x"})  # type: ignore[dict-item]
