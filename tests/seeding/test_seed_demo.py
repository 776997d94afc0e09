"""`seed_demo`: every app's demo, through each app's public `demo.seed`, and safe to run again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from inspections.models import Inspection, InspectionStatus
from judgements.models import Evidence
from lscb.models import SharedText
from reports.models import Correction, Publication
from selection.models import ProgrammeYear
from tests.security.conftest import restore_first_selection_policy
from thematic.models import Series

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    """Rows of every model of the project, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


def test_seed_demo_seeds_every_app_and_changes_nothing_when_run_again(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    restore_first_selection_policy()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "Demo ready: 12 users" in output.getvalue()
    fieldwork = Inspection.objects.get(status=InspectionStatus.FIELDWORK)
    assert Evidence.objects.filter(inspection=fieldwork).exists()
    assert SharedText.objects.filter(inspection=fieldwork).count() == 2
    # The published 2015 report and its correction, which changed a grade and a finding, and
    # the 2018 report under the second integrated framework (ADR 17).
    integrated = Publication.objects.filter(inspection__kind="integrated")
    assert integrated.count() == 3
    first = integrated.filter(inspection__framework_key="integrated/2015.1")
    assert Correction.objects.get().publication == first.latest("publish_at", "pk")
    assert integrated.filter(inspection__framework_key="integrated/2017.1").count() == 1
    # Issue 16: two published joint letters and the published overview of their series.
    assert Publication.objects.filter(inspection__kind="joint_targeted_area").count() == 2
    assert Series.objects.get().is_published
    assert ProgrammeYear.objects.exists()
    counts = _row_counts()

    call_command("seed_demo", stdout=StringIO())

    assert _row_counts() == counts
