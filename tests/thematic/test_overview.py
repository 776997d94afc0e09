"""The thematic overview of a series of published letters (DESIGN rule 16): its counts are the
letters' tagged findings counted directly; its chart has the table beside it; its JSON parses."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from narrative.models import Finding
from thematic import demo, services
from thematic.models import Series


@pytest.fixture
def series(seeded) -> Series:
    return demo.seed(seeded)


def _direct_counts(series: Series) -> Counter:
    """Straight from the findings of the series' letters: one per (sub-theme, agency, kind)."""
    counts: Counter = Counter()
    ids = series.members.values_list("inspection_id", flat=True)
    for finding in Finding.objects.filter(inspection_id__in=ids).select_related("inspectorate"):
        for tag in finding.sub_themes:
            counts[(tag, finding.inspectorate.code, finding.kind)] += 1
    return counts


def test_the_overviews_counts_equal_a_direct_count_and_its_json_parses(series):
    response = Client().get(f"/thematic/{series.slug}.json")
    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert len(data["letters"]) == 2
    published = Counter()
    for row in data["counts"]:
        published[(row["sub_theme"], row["agency"], "strength")] += row["strengths"]
        published[(row["sub_theme"], row["agency"], "area_for_improvement")] += row[
            "areas_for_improvement"
        ]
    assert +published == _direct_counts(series)
    assert sum(published.values()) == 15


def test_the_public_page_has_the_chart_with_the_table_beside_it_and_the_letters(series):
    page = Client().get(f"/thematic/{series.slug}/").content.decode()
    row = re.search(
        r'<div class="govuk-grid-row">\s*<div class="govuk-grid-column-two-thirds">'
        r'(.*?)</div>\s*<div class="govuk-grid-column-one-third">(.*?)</table>',
        page,
        re.S,
    )
    assert row is not None
    chart, table = row.groups()
    assert "<svg" in chart and 'role="img"' in chart and "<title" in chart
    assert "<table" in table and "Areas for improvement" in table
    # Every number the table gives is drawn in the chart too.
    for strengths, areas in re.findall(
        r'numeric">(\d+)</td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)',
        table,
    ):
        assert f">{strengths}</text>" in chart and f">{areas}</text>" in chart
    assert "Calderbridge" in page and "Ashdown" in page


def test_a_published_overview_is_fixed(series, seeded):
    with pytest.raises(ValidationError) as fixed:
        services.series_add_inspection(
            acting_user=seeded.people["programme.admin"],
            series=series,
            inspection=series.members.first().inspection,
        )
    assert fixed.value.messages == [services.SERIES_PUBLISHED]
