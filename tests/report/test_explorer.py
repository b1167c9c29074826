"""Tests of the data explorer's rows and HTML on the tiny valid project."""

from __future__ import annotations

import re

import pytest

from crisis.data.load import load_project
from crisis.report import explorer


@pytest.fixture
def project(tiny):
    return load_project(tiny)


def test_every_event_report_and_claim_is_a_row_with_human_labels(project):
    rows = explorer.explorer_rows(project)
    assert list(rows.columns) == explorer.COLUMNS
    assert len(rows) == len(project.events) + len(project.claims)
    events = rows[rows["record"] == "Event report"]
    assert set(events["basis"]) <= set(explorer.BASIS_LABELS.values())
    assert not events["source"].isin(project.sources["source_id"]).any()  # labels, not ids
    assert (events["start"] <= events["end"]).all()
    assert rows["quote"].str.startswith('<a class="quote-link" href="texts.html#').all()


def test_the_html_carries_each_filter_value_and_one_row_per_record(project):
    rows = explorer.explorer_rows(project)
    page = explorer.explorer_html(rows).data
    assert page.count("<tr data-") == len(rows)
    for column in explorer.FILTERS:
        assert f'data-filter="{column}"' in page
    sources = set(re.findall(r'data-source="([^"]*)"', page))
    assert sources == set(project.sources["label"])
    assert page.count('data-sort="') == len(explorer.HEADERS)
