"""The statement's actions and monitoring notes, the overdue list and the dashboard."""

from __future__ import annotations

import datetime

from core.dashboard import awaiting_for_user, inspection_links
from inspections.models import PartnerBody, PartnerBodyKind
from inspections.permissions import inspection_access
from statements import selectors
from statements.models import ActionStatus, MonitoringNote, StatementAction
from tests.statements.published import dated

TODAY = datetime.date.today()


def _body(inadequate, name="Calderbridge Council") -> PartnerBody:
    return PartnerBody.objects.create(
        local_authority=inadequate.inspection.local_authority,
        kind=PartnerBodyKind.CHILDRENS_SERVICES,
        name=name,
    )


def _add_action(client, reference, owner, due_on, status="not_started", text="Audit plans"):
    return client.post(
        f"/statements/{reference}/actions/new/",
        {"description": text, "owner": owner.pk, **dated("due_on", due_on), "status": status},
    )


def test_actions_are_owned_by_one_of_the_areas_bodies_and_show_overdue(
    receive, admin_client, inadequate
):
    receive()
    reference = inadequate.inspection.reference
    council = _body(inadequate)
    elsewhere = PartnerBody.objects.create(
        local_authority=inadequate.inspection.local_authority.__class__.objects.exclude(
            pk=inadequate.inspection.local_authority_id
        ).first(),
        kind=PartnerBodyKind.POLICE,
        name="Another Area Police",
    )

    refused = _add_action(admin_client, reference, elsewhere, TODAY)
    assert "Select one of the area&#x27;s partner bodies" in refused.content.decode()
    assert not StatementAction.objects.exists()

    assert (
        _add_action(
            admin_client, reference, council, TODAY - datetime.timedelta(days=3)
        ).status_code
        == 302
    )
    action = StatementAction.objects.get()
    page = admin_client.get(f"/statements/{reference}/").content.decode()
    assert "Overdue" in page and "Calderbridge Council" in page

    changed = admin_client.post(
        f"/statements/{reference}/actions/{action.pk}/",
        {
            "version": action.version,
            "description": "Audit plans",
            "owner": council.pk,
            **dated("due_on", action.due_on),
            "status": ActionStatus.DONE,
        },
    )
    assert changed.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert not action.is_overdue(today=TODAY)
    assert action.history.count() == 2


def test_monitoring_notes_are_dated_and_kept(receive, admin_client, inadequate, people):
    receive()
    reference = inadequate.inspection.reference

    response = admin_client.post(
        f"/statements/{reference}/notes/new/",
        {
            **dated("noted_on", datetime.date(2015, 9, 14)),
            "text": "Plans audited in two teams of five.",
        },
    )

    assert response.status_code == 302
    note = MonitoringNote.objects.get()
    assert note.recorded_by == people["programme.admin"]
    page = admin_client.get(f"/statements/{reference}/").content.decode()
    assert "14 September 2015" in page and "Plans audited in two teams of five." in page


def test_the_overdue_list_says_so_when_nothing_is_overdue(admin_client, people):
    response = admin_client.get("/statements/overdue/")

    assert response.status_code == 200
    assert "Nothing is overdue" in response.content.decode()


def test_the_overdue_list_shows_a_statement_not_received_with_its_days_overdue(
    admin_client, inadequate
):
    response = admin_client.get("/statements/overdue/")

    body = response.content.decode()
    days = (TODAY - datetime.date(2015, 7, 15)).days
    assert "Statements not received" in body
    assert inadequate.inspection.reference in body
    assert "15 July 2015" in body
    assert f">{days}<" in body
    overdue = selectors.overdue()
    assert [entry.owed.inspection for entry in overdue.statements] == [inadequate.inspection]


def test_once_received_the_statement_leaves_the_list_and_late_actions_join_it(
    receive, admin_client, inadequate
):
    receive()
    council = _body(inadequate)
    reference = inadequate.inspection.reference
    _add_action(
        admin_client,
        reference,
        council,
        TODAY - datetime.timedelta(days=10),
        "in_progress",
        "Late action",
    )
    _add_action(
        admin_client, reference, council, TODAY + datetime.timedelta(days=10), text="Future action"
    )
    _add_action(
        admin_client, reference, council, TODAY - datetime.timedelta(days=20), "done", "Done action"
    )

    overdue = selectors.overdue()
    body = admin_client.get("/statements/overdue/").content.decode()

    assert overdue.statements == []
    assert [entry.action.description for entry in overdue.actions] == ["Late action"]
    assert overdue.actions[0].days_overdue == 10
    assert "Late action" in body and "Future action" not in body and "Done action" not in body


def test_programme_staff_are_awaited_to_chase_an_overdue_statement(inadequate, people):
    items = awaiting_for_user(user=people["programme.admin"])
    ours = [item for item in items if "written statement of action" in item.what]

    assert len(ours) == 1
    assert ours[0].what == "Chase Calderbridge's written statement of action, due 15 July 2015"
    assert ours[0].url == f"/statements/{inadequate.inspection.reference}/"
    assert not [i for i in awaiting_for_user(user=people["ofsted.lead"]) if "statement" in i.what]


def test_the_published_inspections_page_links_its_statement_for_programme_staff(inadequate, people):
    inspection = inadequate.inspection
    admin = inspection_access(people["programme.admin"], inspection)
    lead = inspection_access(people["ofsted.lead"], inspection)

    assert "Written statement of action" in [
        link.text for link in inspection_links(inspection=inspection, access=admin)
    ]
    assert "Written statement of action" not in [
        link.text for link in inspection_links(inspection=inspection, access=lead)
    ]


def test_two_people_changing_one_action_cannot_both_win_silently(
    receive, admin_client, client_for, inadequate
):
    receive()
    reference = inadequate.inspection.reference
    council = _body(inadequate)
    _add_action(admin_client, reference, council, TODAY)
    action = StatementAction.objects.get()
    url = f"/statements/{reference}/actions/{action.pk}/"
    other = client_for("programme.admin")
    # Both open the page at version 1; the first saves "done", the second "in progress".
    fields = {"description": "Audit plans", "owner": council.pk, **dated("due_on", TODAY)}

    first = admin_client.post(url, {**fields, "version": 1, "status": ActionStatus.DONE})
    second = other.post(url, {**fields, "version": 1, "status": ActionStatus.IN_PROGRESS})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Someone changed this action while you were editing it" in second.content.decode()
    action.refresh_from_db()
    assert (action.status, action.version) == (ActionStatus.DONE, 2)
