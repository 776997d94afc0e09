"""Recording a referral: from a case sample or a new minimal child record; refused whole when
the agency is missing or the time impossible; the team's pages only."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from inspections.models import PartnerBody
from referrals import services
from referrals.forms import TIME_INVALID
from referrals.models import ConcernReferral
from tests.referrals.conftest import CONCERN, dated, london

pytestmark = pytest.mark.django_db


def _url(inspection, tail: str = "") -> str:
    return f"/inspections/{inspection.reference}/referrals/{tail}"


def _form(front_door, *, when: datetime.datetime | None = None, **overrides) -> dict:
    when = timezone.localtime(when or timezone.now() - datetime.timedelta(hours=2))
    data = {
        "case_sample": "",
        "child_reference": "",
        "age_band": "",
        "concern": CONCERN,
        "partner_body": str(front_door.pk),
        "alerted_time": when.strftime("%H:%M"),
        "method": "phone",
        **dated("alerted_on", when.date()),
    }
    data.update(overrides)
    return data


def test_a_team_member_records_a_referral_from_a_case_sample(
    client_for, inspection, people, front_door, case
):
    client = client_for("cqc.inspector")
    # The case sample's page offers no shortcut, but the form takes ?case= to choose it.
    page = client.get(_url(inspection, f"new/?case={case.pk}"))
    assert page.status_code == 200
    assert f'<option value="{case.pk}" selected>ASH-T01 (5 to 9)</option>' in page.content.decode()
    data = _form(front_door, case_sample=str(case.pk), referred_by=str(people["cqc.inspector"].pk))
    response = client.post(_url(inspection, "new/"), data)
    assert response.status_code == 302, response.context["form"].errors
    referral = ConcernReferral.objects.get()
    assert response["Location"] == _url(inspection, "1/")
    assert (referral.number, referral.case_sample, referral.child) == (1, case, "ASH-T01")
    assert referral.referred_by == people["cqc.inspector"]
    assert referral.partner_body == front_door
    assert referral.history.get().history_change_reason == "Referral 1 recorded"
    detail = client.get(response["Location"]).content.decode()
    assert "Referral 1 recorded." in detail
    assert "Awaiting response" in detail


def test_a_child_who_is_not_a_case_sample_is_recorded_by_reference_and_age_band(
    client_for, inspection, people, front_door
):
    client = client_for("hmic.inspector")
    data = _form(
        front_door,
        child_reference="ASH-R07",
        age_band="10_15",
        # Recorded for a colleague who made the call.
        referred_by=str(people["hmic.lead"].pk),
        method="in_person",
    )
    assert client.post(_url(inspection, "new/"), data).status_code == 302
    referral = ConcernReferral.objects.get()
    assert (referral.case_sample, referral.child, referral.age_band) == (None, "ASH-R07", "10_15")
    assert referral.referred_by == people["hmic.lead"]
    assert referral.recorded_by == people["hmic.inspector"]
    page = client.get(_url(inspection, "1/")).content.decode()
    assert "ASH-R07 (not a case sample), 10 to 15" in page
    assert "Hannah Moss, in person, at" in page


def test_a_missing_agency_is_refused_whole_and_nothing_is_saved(
    client_for, inspection, people, front_door, case
):
    data = _form(front_door, case_sample=str(case.pk), referred_by=str(people["ofsted.lead"].pk))
    data["partner_body"] = ""
    response = client_for("ofsted.lead").post(_url(inspection, "new/"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Select the agency you alerted" in page
    # What was typed stays in the form; nothing is stored.
    assert "scared to go home" in page
    assert not ConcernReferral.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {**dated("alerted_on", timezone.localdate() + datetime.timedelta(days=1))},
            "The time you alerted the agency must be in the past",
        ),
        ({"alerted_time": "25:10"}, TIME_INVALID),
        ({"alerted_on_0": "31", "alerted_on_1": "2"}, "The date must be a real date"),
    ],
    ids=["tomorrow", "25:10", "31 February"],
)
def test_an_impossible_time_is_refused_whole(
    client_for, inspection, people, front_door, case, change, message
):
    data = _form(front_door, case_sample=str(case.pk), referred_by=str(people["ofsted.lead"].pk))
    data.update(change)
    response = client_for("ofsted.lead").post(_url(inspection, "new/"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConcernReferral.objects.exists()


def test_a_time_the_clocks_skipped_is_refused(client_for, inspection, people, front_door, settings):
    # 01:30 on Sunday 29 March 2015 never happened in London: the clocks went from 01:00 to 02:00.
    from inspections.models import Inspection

    settings.TIME_ZONE = "Europe/London"

    Inspection.objects.filter(pk=inspection.pk).update(window_start=datetime.date(2015, 3, 23))
    data = _form(front_door, child_reference="ASH-R02", age_band="1_4")
    data.update({**dated("alerted_on", datetime.date(2015, 3, 29)), "alerted_time": "01:30"})
    data["referred_by"] = str(people["ofsted.lead"].pk)
    response = client_for("ofsted.lead").post(_url(inspection, "new/"), data)
    assert response.status_code == 400
    assert (
        "01:30 did not happen on 29 March 2015: the clocks went forward"
        in response.content.decode()
    )
    assert not ConcernReferral.objects.exists()


def test_the_service_names_every_problem_at_once(inspection, people, case):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.referral_record(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            concern=" ",
            partner_body=None,
            alerted_at=london(2014, 1, 1, 9, 0),
            method="carrier pigeon",
            referred_by=people["outsider"],
            case_sample=case,
            child_reference="ASH-R01",
        )
    assert set(refused.value.message_dict) == {
        "concern",
        "partner_body",
        "alerted_on",
        "method",
        "referred_by",
        "child_reference",
    }
    assert refused.value.message_dict["alerted_on"][0].startswith(
        "The time you alerted the agency must be on or after "
    )
    assert not ConcernReferral.objects.exists()


def test_an_agency_of_another_area_is_refused(inspection, people, case):
    from django.core.exceptions import ValidationError

    other = PartnerBody.objects.create(
        local_authority=type(inspection.local_authority).objects.exclude(
            pk=inspection.local_authority_id
        )[0],
        kind="police",
        name="Somewhere Else Police",
    )
    with pytest.raises(ValidationError) as refused:
        services.referral_record(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            concern=CONCERN,
            partner_body=other,
            alerted_at=timezone.now(),
            method="phone",
            case_sample=case,
        )
    assert refused.value.message_dict == {
        "partner_body": ["Select one of Ashdown's partner agencies"]
    }


def test_referral_pages_are_for_the_team_and_answer_head(client_for, inspection, record):
    record()
    for tail in ("", "new/", "1/", "1/response/"):
        assert client_for("probation.inspector").head(_url(inspection, tail)).status_code == 200
        # Programme staff see the inspection, but not its children's details.
        assert client_for("programme.admin").get(_url(inspection, tail)).status_code == 404
        assert client_for("outsider").get(_url(inspection, tail)).status_code == 404
    assert client_for("ofsted.lead").get(_url(inspection, "2/")).status_code == 404


def test_a_refused_form_names_every_problem_at_once(client_for, inspection, people, front_door):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = _form(front_door, child_reference="ASH-R06", referred_by=str(people["cqc.lead"].pk))
    data.update({"partner_body": "", **dated("alerted_on", tomorrow)})
    response = client_for("cqc.lead").post(_url(inspection, "new/"), data)
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Select the agency you alerted",
        "Select the child&#x27;s age band",
        "The time you alerted the agency must be in the past",
    ):
        assert message in page
    assert not ConcernReferral.objects.exists()
