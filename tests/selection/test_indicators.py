"""Programme staff keep each area's indicators and the concerns partner inspectorates raise."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspections.models import LocalAuthority
from inspectorates.models import Inspectorate
from selection import indicators, services
from selection.models import AreaIndicators, PartnerConcern


def date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def test_indicators_are_changed_in_the_browser_and_kept_in_history(client_for, admin):
    area = LocalAuthority.objects.get(name="Brackenfield")
    response = client_for("programme.admin").post(
        f"/selection/areas/{area.ons_code}/indicators/",
        {
            "ofsted_grade": "inadequate",
            **date_fields("ofsted_judged_on", datetime.date(2014, 3, 12)),
            "re_referral_rate": "28.14",
            "child_protection_plan_rate": "",
            "looked_after_rate": "72.4",
        },
    )
    assert response.status_code == 302
    indicators = AreaIndicators.objects.get(local_authority=area)
    assert indicators.ofsted_grade == "inadequate"
    assert indicators.re_referral_rate == Decimal("28.1")
    assert indicators.child_protection_plan_rate is None
    record = indicators.history.get()
    assert (record.history_user, record.history_change_reason) == (admin, "Indicators changed")
    page = client_for("programme.admin").get(f"/selection/areas/{area.ons_code}/").content.decode()
    assert "28.1%" in page


def test_a_grade_needs_its_date(client_for):
    area = LocalAuthority.objects.get(name="Brackenfield")
    response = client_for("programme.admin").post(
        f"/selection/areas/{area.ons_code}/indicators/", {"ofsted_grade": "good"}
    )
    assert indicators.GRADE_NEEDS_DATE in response.content.decode()
    assert not AreaIndicators.objects.exists()


def test_figures_must_be_in_range(admin):
    with pytest.raises(ValidationError) as error:
        services.area_indicators_save(
            acting_user=admin,
            local_authority=LocalAuthority.objects.get(name="Dunmore"),
            ofsted_grade="",
            ofsted_judged_on=None,
            last_joint_inspection_on=timezone.localdate() + datetime.timedelta(days=1),
            re_referral_rate=Decimal("101"),
            child_protection_plan_rate=None,
            looked_after_rate=None,
        )
    assert error.value.message_dict == {
        "last_joint_inspection_on": [indicators.JOINT_IN_FUTURE],
        "re_referral_rate": ["Re-referrals must be between 0 and 100."],
    }


def test_the_database_refuses_a_grade_without_its_date(admin):
    area = LocalAuthority.objects.get(name="Dunmore")
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaIndicators.objects.create(local_authority=area, ofsted_grade="good")


def test_a_concern_is_recorded_with_who_raised_it_when_and_what(client_for, admin):
    area = LocalAuthority.objects.get(name="Calderbridge")
    response = client_for("programme.admin").post(
        f"/selection/areas/{area.ons_code}/",
        {
            "inspectorate": "hmic",
            **date_fields("raised_on", datetime.date(2014, 9, 15)),
            "raised_by": "HMIC child protection lead",
            "summary": "Delays in police attending strategy discussions.",
        },
    )
    assert response.status_code == 302
    concern = PartnerConcern.objects.get(local_authority=area)
    assert concern.inspectorate.code == "hmic"
    assert concern.raised_on == datetime.date(2014, 9, 15)
    assert concern.recorded_by == admin
    page = client_for("programme.admin").get(f"/selection/areas/{area.ons_code}/").content.decode()
    assert "Delays in police attending strategy discussions." in page
    assert "HM Inspectorate of Constabulary" in page


def test_a_concern_cannot_be_dated_in_the_future(client_for):
    area = LocalAuthority.objects.get(name="Calderbridge")
    response = client_for("programme.admin").post(
        f"/selection/areas/{area.ons_code}/",
        {
            "inspectorate": "cqc",
            **date_fields("raised_on", timezone.localdate() + datetime.timedelta(days=3)),
            "summary": "Not yet.",
        },
    )
    assert services.CONCERN_IN_FUTURE in response.content.decode()
    assert not PartnerConcern.objects.exists()


def test_a_concern_recorded_in_error_is_removed_and_its_history_kept(client_for, admin):
    area = LocalAuthority.objects.get(name="Calderbridge")
    concern = services.partner_concern_record(
        acting_user=admin,
        local_authority=area,
        inspectorate=Inspectorate.objects.get(code="cqc"),
        raised_on=datetime.date(2015, 1, 5),
        summary="Recorded against the wrong area.",
    )
    response = client_for("programme.admin").post(
        f"/selection/areas/{area.ons_code}/concerns/{concern.pk}/remove/"
    )
    assert response.status_code == 302
    assert not PartnerConcern.objects.exists()
    removed = PartnerConcern.history.filter(id=concern.pk).latest()
    assert (removed.history_type, removed.history_change_reason) == ("-", "Concern removed")
    assert removed.history_user == admin


def test_the_areas_page_lists_every_area_with_its_indicators(client_for, make_area):
    make_area("Avonford", grade="good", judged_on="2013-07-04", re_referrals="22.0")
    page = client_for("programme.admin").get("/selection/areas/").content.decode()
    for name in ("Ashdown", "Brackenfield", "Calderbridge", "Dunmore", "Avonford"):
        assert name in page
    assert "22.0" in page
