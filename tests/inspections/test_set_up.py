"""Programme staff set inspections up; the rules of DESIGN section 4 (1 and 2) hold."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from inspections import services
from inspections.models import Inspection, InspectionStatus, LocalAuthority

pytestmark = pytest.mark.django_db


def _date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def _create_post(area: LocalAuthority, start: datetime.date, end: datetime.date, codes) -> dict:
    return {
        "local_authority": area.pk,
        "kind": "integrated",
        **_date_fields("window_start", start),
        **_date_fields("window_end", end),
        "inspectorates": list(codes),
    }


def test_admin_sets_up_an_inspection_in_the_browser(client_for):
    area = LocalAuthority.objects.get(name="Brackenfield")
    start = datetime.date(2015, 5, 11)
    response = client_for("programme.admin").post(
        "/inspections/new/",
        _create_post(area, start, start + datetime.timedelta(days=27), ["ofsted", "cqc", "hmic"]),
    )
    inspection = Inspection.objects.get(local_authority=area)
    assert response.status_code == 302
    assert response["Location"] == inspection.get_absolute_url()
    assert sorted(p.inspectorate.code for p in inspection.participations.all()) == [
        "cqc",
        "hmic",
        "ofsted",
    ]
    assert inspection.status == InspectionStatus.PLANNED


def test_window_longer_than_framework_allows_is_refused(client_for):
    area = LocalAuthority.objects.get(name="Brackenfield")
    start = datetime.date(2015, 5, 11)
    response = client_for("programme.admin").post(
        "/inspections/new/",
        _create_post(area, start, start + datetime.timedelta(days=28), ["ofsted", "cqc"]),
    )
    assert response.status_code == 200
    assert "The inspection window can be at most 28 days" in response.content.decode()
    assert not Inspection.objects.filter(local_authority=area).exists()


def test_ofsted_is_ticked_and_fixed_and_a_post_cannot_leave_it_out(client_for, people):
    area = LocalAuthority.objects.get(name="Brackenfield")
    page = client_for("programme.admin").get("/inspections/new/").content.decode()
    ofsted = re.search(r'<input[^>]*value="ofsted"[^>]*>', page).group(0)
    assert "checked" in ofsted and "disabled" in ofsted
    assert "Always takes part: this cannot be changed." in page
    start = datetime.date(2015, 5, 11)
    response = client_for("programme.admin").post(
        "/inspections/new/",
        _create_post(area, start, start + datetime.timedelta(days=10), ["cqc", "hmic"]),
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(local_authority=area)
    codes = sorted(p.inspectorate.code for p in inspection.participations.all())
    assert codes == ["cqc", "hmic", "ofsted"]
    # The service refuses without Ofsted, whatever calls it.
    with pytest.raises(ValidationError) as error:
        services.inspection_update_set_up(
            acting_user=people["programme.admin"],
            inspection=inspection,
            window_start=start,
            window_end=start + datetime.timedelta(days=10),
            inspectorate_codes=["cqc", "hmic"],
        )
    assert services.OFSTED_REQUIRED in error.value.messages


def test_ofsted_alone_is_refused(people):
    area = LocalAuthority.objects.get(name="Brackenfield")
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            acting_user=people["programme.admin"],
            local_authority=area,
            kind="integrated",
            window_start=datetime.date(2015, 5, 11),
            window_end=datetime.date(2015, 5, 20),
            inspectorate_codes=["ofsted"],
        )
    assert services.PARTNER_REQUIRED in error.value.messages


def test_prisons_need_a_custodial_establishment_in_the_area(people):
    area = LocalAuthority.objects.get(name="Brackenfield")
    assert not area.has_custodial_establishment
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            acting_user=people["programme.admin"],
            local_authority=area,
            kind="integrated",
            window_start=datetime.date(2015, 5, 11),
            window_end=datetime.date(2015, 5, 20),
            inspectorate_codes=["ofsted", "hmi_prisons"],
        )
    assert services.PRISONS_NEED_CUSTODY in error.value.messages


def test_a_second_live_inspection_of_the_same_kind_is_refused(people, inspection):
    with pytest.raises(ValidationError) as error:
        services.inspection_create(
            acting_user=people["programme.admin"],
            local_authority=inspection.local_authority,
            kind="integrated",
            window_start=datetime.date(2016, 5, 11),
            window_end=datetime.date(2016, 5, 20),
            inspectorate_codes=["ofsted", "cqc"],
        )
    assert "already has a live inspection" in error.value.messages[0]


def test_the_database_itself_refuses_a_window_ending_before_it_starts(inspection):
    inspection.window_end = inspection.window_start - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        inspection.save()


def test_inspectors_cannot_set_inspections_up(client_for):
    assert client_for("ofsted.lead").get("/inspections/new/").status_code == 403


def test_set_up_changes_are_kept_in_history_with_who_and_why(inspection, people):
    record = inspection.history.earliest()
    assert record.history_user == people["programme.admin"]
    assert record.history_change_reason == "Inspection set up"
    latest = inspection.history.latest()
    assert latest.status == InspectionStatus.FIELDWORK
    assert latest.history_user == people["ofsted.lead"]
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("status", "notified", "fieldwork")]
