"""Case samples: personal details for the team only; everywhere else the internal reference."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import CaseSample
from tests.judgements.conftest import date_fields

pytestmark = pytest.mark.django_db


def _post(reference="ASH-T05", **overrides):
    data = {
        "internal_reference": reference,
        "tracking": "tracked",
        # Born 2004: 18 or over when any inspection of these tests starts.
        "age_band": "18_plus",
        "child_name": "Ellis Marchbank",
        **date_fields("date_of_birth", datetime.date(2004, 6, 3)),
        "agency_references": "CSC-1234\nPOL-88",
        "agencies_involved": ["ofsted", "hmic"],
    }
    data.update(overrides)
    return data


def test_a_team_member_adds_a_case_sample_in_the_browser(client_for, inspection, people):
    response = client_for("hmic.inspector").post(
        f"/inspections/{inspection.reference}/cases/new/", _post()
    )
    case = CaseSample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inspections/{inspection.reference}/cases/{case.pk}/"
    assert (case.child_name, case.date_of_birth) == ("Ellis Marchbank", datetime.date(2004, 6, 3))
    assert case.agency_reference_list == ["CSC-1234", "POL-88"]
    assert sorted(i.code for i in case.agencies_involved.all()) == ["hmic", "ofsted"]
    assert case.added_by == people["hmic.inspector"]
    assert case.history.earliest().history_user == people["hmic.inspector"]


def test_the_team_sees_personal_details_on_the_case_page_only(client_for, inspection):
    client = client_for("cqc.inspector")
    client_for("hmic.inspector").post(f"/inspections/{inspection.reference}/cases/new/", _post())
    case = CaseSample.objects.get()
    page = client.get(f"/inspections/{inspection.reference}/cases/{case.pk}/").content.decode()
    assert "Ellis Marchbank" in page and "ASH-T05" in page
    # The list names each case by its reference: its views need no entry in the read log.
    listing = client.get(f"/inspections/{inspection.reference}/cases/").content.decode()
    assert "ASH-T05" in listing and "Ellis Marchbank" not in listing


@pytest.mark.parametrize("username", ["outsider", "programme.admin"])
def test_nobody_off_the_team_sees_case_pages(client_for, inspection, people, username):
    case = inspection_services.case_sample_create(
        acting_user=people["ofsted.inspector"],
        inspection=inspection,
        internal_reference="ASH-S07",
        tracking="sampled",
        age_band="under_1",
        child_name="Ada Fenwick",
    )
    client = client_for(username)
    for path in ("cases/", f"cases/{case.pk}/", "cases/new/"):
        response = client.get(f"/inspections/{inspection.reference}/{path}")
        assert response.status_code == 404, path
        assert "Ada Fenwick" not in response.content.decode()


def test_programme_staff_are_not_offered_case_samples_on_the_inspection_page(
    client_for, inspection
):
    page = client_for("programme.admin").get(inspection.get_absolute_url()).content.decode()
    assert "Evidence and judgements workspace" in page
    assert "/cases/" not in page
    member_page = client_for("hmic.inspector").get(inspection.get_absolute_url()).content.decode()
    assert f"/inspections/{inspection.reference}/cases/" in member_page


def test_internal_references_are_unique_on_an_inspection(client_for, inspection):
    client = client_for("hmic.inspector")
    client.post(f"/inspections/{inspection.reference}/cases/new/", _post())
    response = client.post(f"/inspections/{inspection.reference}/cases/new/", _post())
    assert response.status_code == 200
    assert inspection_services.CASE_REFERENCE_TAKEN.format(reference="ASH-T05") in (
        response.content.decode()
    )
    assert CaseSample.objects.count() == 1


def test_a_date_of_birth_in_the_future_is_refused(inspection, people):
    with pytest.raises(ValidationError) as error:
        inspection_services.case_sample_create(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            internal_reference="ASH-X",
            tracking="sampled",
            age_band="under_1",
            child_name="Not Yet",
            # Tomorrow where the service is, whatever the date is in UTC or on this machine.
            date_of_birth=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert error.value.message_dict["date_of_birth"] == [inspection_services.CASE_BORN_IN_FUTURE]


def test_programme_staff_off_the_team_cannot_add_case_samples(inspection, people):
    with pytest.raises(PermissionDenied):
        inspection_services.case_sample_create(
            acting_user=people["programme.admin"],
            inspection=inspection,
            internal_reference="ASH-A1",
            tracking="sampled",
            age_band="5_9",
            child_name="Kit Lowry",
        )
    assert not CaseSample.objects.exists()
