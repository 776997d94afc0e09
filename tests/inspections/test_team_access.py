"""Only the team sees an inspection before publication; access follows the team as it changes."""

import pytest
from django.contrib.auth import get_user_model

from inspections import services
from inspections.models import TeamRole

pytestmark = pytest.mark.django_db


def test_outsider_gets_404_on_the_inspection_page(client_for, inspection):
    response = client_for("outsider").get(inspection.get_absolute_url())
    assert response.status_code == 404
    assert inspection.local_authority.name not in response.content.decode()


def test_outsider_does_not_see_the_inspection_in_their_list(client_for, inspection):
    response = client_for("outsider").get("/inspections/")
    assert inspection.reference not in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(inspection, client):
    response = client.get(inspection.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_team_member_sees_window_stage_participants_and_team(client_for, inspection):
    page = client_for("cqc.inspector").get(inspection.get_absolute_url()).content.decode()
    assert "Fieldwork" in page
    assert inspection.window_start.strftime("%Y") in page
    for name in ("Care Quality Commission", "HM Inspectorate of Prisons", "Olivia Bennett"):
        assert name in page


def test_programme_admin_sees_every_inspection(client_for, inspection):
    assert client_for("programme.admin").get(inspection.get_absolute_url()).status_code == 200


def test_adding_and_removing_a_team_member_grants_and_removes_access(
    client_for, inspection, people
):
    outsider = people["outsider"]
    admin = client_for("programme.admin")
    response = admin.post(
        f"/inspections/{inspection.reference}/team/",
        {"user": outsider.pk, "role": TeamRole.INSPECTOR},
    )
    assert response.status_code == 302
    assert client_for("outsider").get(inspection.get_absolute_url()).status_code == 200

    member = inspection.team.get(user=outsider)
    response = admin.post(f"/inspections/{inspection.reference}/team/{member.pk}/remove/")
    assert response.status_code == 302
    assert client_for("outsider").get(inspection.get_absolute_url()).status_code == 404


def test_a_new_inspectorate_lead_replaces_the_old_one_who_stays_on_the_team(inspection, people):
    new_lead = get_user_model().objects.get(username="cqc.inspector")
    services.team_member_add(
        acting_user=people["programme.admin"],
        inspection=inspection,
        user=new_lead,
        role=TeamRole.INSPECTORATE_LEAD,
    )
    participation = inspection.participations.get(inspectorate__code="cqc")
    assert participation.lead == new_lead
    assert inspection.team.get(user=people["cqc.lead"]).role == TeamRole.INSPECTOR


def test_an_inspector_of_a_non_participating_inspectorate_cannot_join(inspection, people):
    inspection.participations.filter(inspectorate__code="hmi_prisons").delete()
    with pytest.raises(services.ValidationError):
        services.team_member_add(
            acting_user=people["programme.admin"],
            inspection=inspection,
            user=people["prisons.inspector"],
        )
