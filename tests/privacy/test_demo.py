"""The demo's children have people around them, other names and a school, each fitting the
checks; none of those names is in the published demo report."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from core import child_views
from inspections.case_samples import age_band_error
from inspections.models import CaseSample
from privacy.demo import DEMO_PEOPLE
from reports.models import ReportVersion


def test_the_fieldwork_demo_records_carers_aliases_family_and_school(demo_data):
    cases = {
        case.internal_reference: case
        for case in CaseSample.objects.filter(inspection=demo_data.inspection)
    }
    for reference, (family, carers, aliases, school) in DEMO_PEOPLE.items():
        case = cases[reference]
        assert (case.family_member_list, case.carer_list, case.alias_list, case.school) == (
            family,
            carers,
            aliases,
            school,
        )
        if case.date_of_birth:
            assert not age_band_error(
                date_of_birth=case.date_of_birth,
                age_band=case.age_band,
                start=demo_data.inspection.window_start,
            )
    assert any(carers for _, carers, _, _ in DEMO_PEOPLE.values())
    assert any(aliases for _, _, aliases, _ in DEMO_PEOPLE.values())


def test_no_demo_name_is_in_the_published_report(demo_data):
    names = [
        name
        for family, carers, aliases, school in DEMO_PEOPLE.values()
        for name in (*family, *carers, *aliases, school)
        if name
    ]
    for version in ReportVersion.objects.filter(inspection=demo_data.published):
        assert version.body_html
        for name in names:
            assert name not in version.body_html


def test_a_page_of_personal_details_is_not_served_without_the_read_log(monkeypatch):
    monkeypatch.setattr(child_views, "_recorder", [])
    with pytest.raises(ImproperlyConfigured):
        child_views.record_child_view(
            viewer=None, inspection=None, child_reference="ASH-X", page="case sample"
        )
