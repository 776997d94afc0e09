"""The access check read with the inspection in one query (`with_access_of`, bench/README.md
fix 11) answers exactly what the four queries of `inspection_access` answer, for every person,
and follows the team, the leads and the programme group from the very next request: nothing is
remembered between requests."""

import dataclasses

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from inspections import services
from inspections.demo import PROGRAMME_GROUP
from inspections.models import Inspection, TeamRole
from inspections.permissions import inspection_access, with_access_of

pytestmark = pytest.mark.django_db


def _answers(user, inspection: Inspection) -> tuple[dict, dict]:
    """(read with the inspection, read by the separate queries), without the inspection."""
    joined = with_access_of(Inspection.objects.all(), user).get(pk=inspection.pk)
    separate = Inspection.objects.get(pk=inspection.pk)

    def fields(access) -> dict:
        answer = dataclasses.asdict(access)
        del answer["inspection"]
        return answer

    return fields(inspection_access(user, joined)), fields(inspection_access(user, separate))


def test_every_person_gets_the_same_answer_both_ways(inspection, people):
    everyone = list(people.values()) + [
        get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    ]
    answers = {}
    for user in everyone:
        joined, separate = _answers(user, inspection)
        assert joined == separate, user.username
        answers[user.username] = joined
    # The answers are not all alike: the check tells people apart.
    assert answers["outsider"]["is_team_member"] is False
    assert answers["programme.admin"]["is_programme_admin"] is True
    assert answers["ofsted.inspector"]["contributes_for"] == frozenset({"ofsted"})
    assert answers["cqc.lead"]["leads_for"] == frozenset({"cqc"})
    assert answers["root"]["leads_for"] == answers["root"]["contributes_for"]


def test_the_programme_group_counts_from_the_next_request(client_for, inspection, people):
    outsider = people["outsider"]
    client = client_for("outsider")
    assert client.get(inspection.get_absolute_url()).status_code == 404
    group = Group.objects.get(name=PROGRAMME_GROUP)
    outsider.groups.add(group)
    assert _answers(outsider, inspection)[0]["is_programme_admin"] is True
    assert client.get(inspection.get_absolute_url()).status_code == 200
    outsider.groups.remove(group)
    assert client.get(inspection.get_absolute_url()).status_code == 404


def test_a_removed_member_is_refused_on_their_very_next_request(client_for, inspection, people):
    client = client_for("cqc.inspector")
    workspace = f"/inspections/{inspection.reference}/workspace/"
    assert client.get(workspace).status_code == 200
    member = inspection.team.get(user=people["cqc.inspector"])
    services.team_member_remove(
        acting_user=people["programme.admin"], inspection=inspection, member=member
    )
    assert client.get(workspace).status_code == 404
    assert client.get(inspection.get_absolute_url()).status_code == 404
    assert _answers(people["cqc.inspector"], inspection)[0]["is_team_member"] is False


def test_a_member_made_inactive_is_refused_on_their_very_next_request(
    client_for, inspection, people
):
    client = client_for("cqc.inspector")
    workspace = f"/inspections/{inspection.reference}/workspace/"
    assert client.get(workspace).status_code == 200
    people["cqc.inspector"].is_active = False
    people["cqc.inspector"].save(update_fields=["is_active"])
    assert client.get(workspace).status_code != 200


def test_a_new_lead_leads_from_the_next_request(inspection, people):
    new_lead = people["cqc.inspector"]
    assert "cqc" not in _answers(new_lead, inspection)[0]["leads_for"]
    services.team_member_add(
        acting_user=people["programme.admin"],
        inspection=inspection,
        user=new_lead,
        role=TeamRole.INSPECTORATE_LEAD,
    )
    joined, separate = _answers(new_lead, inspection)
    assert joined == separate
    assert joined["leads_for"] == frozenset({"cqc"})
    assert "cqc" not in _answers(people["cqc.lead"], inspection)[0]["leads_for"]


def test_an_answer_read_for_one_user_is_never_used_for_another(inspection, people):
    # The annotations carry whose answer they are: another user's check reads its own.
    read_for_admin = with_access_of(Inspection.objects.all(), people["programme.admin"]).get(
        pk=inspection.pk
    )
    access = inspection_access(people["outsider"], read_for_admin)
    assert not access.can_view
