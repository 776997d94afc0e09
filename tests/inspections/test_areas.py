"""Programme staff keep each area's partner bodies and contacts; the team of a live inspection of
the area may read them; the rest of the service reads partner bodies instead of lines of text
(DESIGN rule 18)."""

from __future__ import annotations

import datetime
from html import escape

import pytest
from django.core.exceptions import ValidationError

from inspections import demo, selectors
from inspections import services as inspection_services
from inspections.areas import services
from inspections.models import (
    AreaContact,
    InspectionStatus,
    LocalAuthority,
    PartnerBody,
    PartnerBodyKind,
)
from inspectorates.frameworks import CHILDRENS_SOCIAL_CARE
from inspectorates.registry import INSPECTORATE_CODES, services_inspected

pytestmark = pytest.mark.django_db

ASHDOWN = "E06000901"
BRACKENFIELD = "E08000902"


def _area(ons_code: str) -> LocalAuthority:
    return LocalAuthority.objects.get(ons_code=ons_code)


def _body(ons_code: str, name: str) -> PartnerBody:
    return PartnerBody.objects.get(local_authority__ons_code=ons_code, name=name)


def _page(response) -> str:
    return response.content.decode()


# --- Programme staff change them ----------------------------------------------------------------


def test_the_administrator_adds_a_partner_body_and_its_history_names_them(client_for, people):
    admin = client_for("programme.admin")
    response = admin.post(
        f"/areas/{BRACKENFIELD}/bodies/new/",
        {"kind": PartnerBodyKind.HEALTH, "name": "  Brackenfield   Community Health Trust "},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/areas/{BRACKENFIELD}/"
    body = _body(BRACKENFIELD, "Brackenfield Community Health Trust")
    assert body.kind == PartnerBodyKind.HEALTH
    record = body.history.get()
    assert record.history_user == people["programme.admin"]
    assert record.history_change_reason == "Partner body added"

    page = _page(admin.get(f"/areas/{BRACKENFIELD}/"))
    assert "Brackenfield Community Health Trust" in page
    assert "added to Brackenfield&#x27;s partner bodies" in page


def test_a_second_body_of_the_same_name_in_the_area_is_refused_with_a_message(client_for):
    before = PartnerBody.objects.count()
    response = client_for("programme.admin").post(
        f"/areas/{ASHDOWN}/bodies/new/",
        {"kind": PartnerBodyKind.POLICE, "name": "ashdown and weald police"},
    )
    assert response.status_code == 200
    assert "Ashdown already has a partner body called ashdown and weald police" in _page(response)
    assert "govuk-error-summary" in _page(response)
    assert PartnerBody.objects.count() == before


def test_the_same_name_in_another_area_is_a_different_body(people):
    body = services.partner_body_create(
        acting_user=people["programme.admin"],
        local_authority=_area(BRACKENFIELD),
        kind=PartnerBodyKind.POLICE,
        name="Ashdown and Weald Police",
    )
    assert body.local_authority.name == "Brackenfield"


def test_missing_kind_and_name_are_each_named(client_for):
    before = PartnerBody.objects.count()
    response = client_for("programme.admin").post(f"/areas/{ASHDOWN}/bodies/new/", {"name": " "})
    page = _page(response)
    assert services.KIND_REQUIRED in page
    assert services.NAME_REQUIRED in page
    assert PartnerBody.objects.count() == before


def test_the_administrator_adds_a_contact_and_a_duplicate_email_is_refused(client_for, people):
    body = _body(BRACKENFIELD, "Brackenfield Constabulary")
    url = f"/areas/{BRACKENFIELD}/bodies/{body.pk}/contacts/new/"
    data = {"name": "Sara Ellis", "role": "Detective Inspector", "email": "sara.ellis@example.org"}
    admin = client_for("programme.admin")
    assert admin.post(url, data).status_code == 302
    contact = body.contacts.get()
    assert (contact.name, contact.role, contact.active) == (
        "Sara Ellis",
        "Detective Inspector",
        True,
    )
    assert contact.history.get().history_user == people["programme.admin"]

    again = admin.post(url, {**data, "name": "Sara Ellis-Jones", "email": "SARA.ELLIS@example.org"})
    assert again.status_code == 200
    assert "Brackenfield Constabulary already has a contact with the email address" in _page(again)
    assert body.contacts.count() == 1

    # The same person may be a contact at another body of the area (a joint post, for example).
    other = _body(BRACKENFIELD, "Brackenfield Youth Justice Team")
    response = admin.post(f"/areas/{BRACKENFIELD}/bodies/{other.pk}/contacts/new/", data)
    assert response.status_code == 302
    assert other.contacts.filter(email="sara.ellis@example.org").exists()


def test_a_contact_needs_a_name_a_role_and_a_real_email_address(client_for):
    body = _body(BRACKENFIELD, "Brackenfield Constabulary")
    response = client_for("programme.admin").post(
        f"/areas/{BRACKENFIELD}/bodies/{body.pk}/contacts/new/",
        {"name": "", "role": "", "email": "not an address"},
    )
    page = _page(response)
    for message in (services.CONTACT_NAME_REQUIRED, services.EMAIL_INVALID):
        assert escape(message) in page
    assert "Enter the contact&#x27;s role" in page
    assert not body.contacts.exists()


def test_the_service_refuses_what_the_form_would_and_saves_nothing(people):
    body = _body(BRACKENFIELD, "Brackenfield Constabulary")
    with pytest.raises(ValidationError) as refused:
        services.area_contact_create(
            acting_user=people["programme.admin"],
            partner_body=body,
            name="A" * 121,
            role="Inspector",
            email="a@b",
        )
    assert set(refused.value.message_dict) == {"name", "email"}
    assert not AreaContact.objects.filter(partner_body=body).exists()


def test_editing_a_contact_keeps_the_old_values_in_its_history(client_for):
    contact = AreaContact.objects.get(email="daniel.okoro@police.ashdown.example.org")
    response = client_for("programme.admin").post(
        f"/areas/{ASHDOWN}/contacts/{contact.pk}/",
        {"name": "Daniel Okoro", "role": "Detective Chief Superintendent", "email": contact.email},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.role == "Detective Chief Superintendent"

    history = _page(client_for("programme.admin").get(f"/areas/{ASHDOWN}/history/"))
    assert "Contact Daniel Okoro at Ashdown and Weald Police: changed by Priya Shah" in history
    assert "Detective Superintendent, public protection" in history
    assert "Detective Chief Superintendent" in history


def test_a_contact_who_stops_receiving_drafts_stays_on_record(client_for):
    contact = AreaContact.objects.get(email="helen.marsh@ashdown.example.org")
    admin = client_for("programme.admin")
    url = f"/areas/{ASHDOWN}/contacts/{contact.pk}/drafts/"
    assert admin.post(url, {"receives_drafts": "no"}).status_code == 302
    contact.refresh_from_db()
    assert contact.active is False
    area = _area(ASHDOWN)
    assert contact not in selectors.area_contacts(area)
    page = _page(admin.get(f"/areas/{ASHDOWN}/"))
    assert "Helen Marsh" in page and "No longer receives drafts" in page
    history = _page(admin.get(f"/areas/{ASHDOWN}/history/"))
    assert "No longer receives drafts" in history

    assert admin.post(url, {"receives_drafts": "yes"}).status_code == 302
    assert contact in selectors.area_contacts(area)


def test_a_body_without_contacts_can_be_removed_and_its_history_stays(client_for):
    body = _body(BRACKENFIELD, "Brackenfield Youth Justice Team")
    admin = client_for("programme.admin")
    confirm = admin.get(f"/areas/{BRACKENFIELD}/bodies/{body.pk}/remove/")
    assert "Remove Brackenfield Youth Justice Team?" in _page(confirm)
    assert admin.post(f"/areas/{BRACKENFIELD}/bodies/{body.pk}/remove/").status_code == 302
    assert not PartnerBody.objects.filter(pk=body.pk).exists()
    history = _page(admin.get(f"/areas/{BRACKENFIELD}/history/"))
    assert "Partner body Brackenfield Youth Justice Team: deleted by Priya Shah" in history


def test_a_body_whose_contacts_were_sent_drafts_cannot_be_removed(client_for):
    body = _body(ASHDOWN, "Ashdown and Weald Police")
    response = client_for("programme.admin").post(f"/areas/{ASHDOWN}/bodies/{body.pk}/remove/")
    assert response.status_code == 400
    assert "Ashdown and Weald Police has contacts on record" in _page(response)
    assert PartnerBody.objects.filter(pk=body.pk).exists()


def test_the_custodial_establishment_prisons_is_inspecting_cannot_go(people, inspection):
    # Ashdown's live inspection has HM Inspectorate of Prisons taking part.
    custody = _body(ASHDOWN, "HM Young Offender Institution Ashdown Park")
    admin = people["programme.admin"]
    with pytest.raises(ValidationError) as removing:
        services.partner_body_remove(acting_user=admin, partner_body=custody)
    assert inspection.reference in removing.value.messages[0]
    with pytest.raises(ValidationError):
        services.partner_body_update(
            acting_user=admin, partner_body=custody, kind=PartnerBodyKind.HEALTH, name=custody.name
        )
    custody.refresh_from_db()
    assert custody.kind == PartnerBodyKind.CUSTODIAL

    # With a second custodial establishment, the first may go.
    services.partner_body_create(
        acting_user=admin,
        local_authority=custody.local_authority,
        kind=PartnerBodyKind.CUSTODIAL,
        name="Ashdown Secure Children's Home",
    )
    services.partner_body_remove(acting_user=admin, partner_body=custody)
    assert custody.local_authority.has_custodial_establishment


def test_hmi_prisons_joins_an_area_once_its_custodial_establishment_is_added(client_for, people):
    area = _area(BRACKENFIELD)

    def set_up():
        return inspection_services.inspection_create(
            acting_user=people["programme.admin"],
            local_authority=area,
            kind="integrated",
            window_start=datetime.date(2015, 5, 11),
            window_end=datetime.date(2015, 5, 20),
            inspectorate_codes=["ofsted", "cqc", "hmi_prisons"],
        )

    with pytest.raises(ValidationError) as refused:
        set_up()
    assert inspection_services.PRISONS_NEED_CUSTODY in refused.value.messages

    client_for("programme.admin").post(
        f"/areas/{BRACKENFIELD}/bodies/new/",
        {"kind": PartnerBodyKind.CUSTODIAL, "name": "HM Young Offender Institution Brackenfield"},
    )
    inspection = set_up()
    codes = {p.inspectorate.code for p in inspection.participations.select_related("inspectorate")}
    assert "hmi_prisons" in codes


# --- Who may read, who may change ---------------------------------------------------------------


@pytest.mark.parametrize("username", ["cqc.inspector", "hmic.lead", "ofsted.lead"])
def test_the_team_of_a_live_inspection_reads_the_areas_contacts_but_cannot_change_them(
    client_for, username, inspection
):
    client = client_for(username)
    page = client.get(f"/areas/{ASHDOWN}/")
    assert page.status_code == 200
    assert "Helen Marsh" in _page(page) and "daniel.okoro@police.ashdown.example.org" in _page(page)
    assert f"/areas/{ASHDOWN}/bodies/new/" not in _page(page)
    assert client.get(f"/areas/{ASHDOWN}/history/").status_code == 200
    # Its inspection's page links to them.
    detail = _page(client.get(inspection.get_absolute_url()))
    assert "Partner bodies and contacts in Ashdown" in detail

    before = PartnerBody.objects.count()
    refused = client.post(
        f"/areas/{ASHDOWN}/bodies/new/", {"kind": PartnerBodyKind.POLICE, "name": "Another Police"}
    )
    assert refused.status_code == 403
    assert PartnerBody.objects.count() == before
    assert client.get("/areas/").status_code == 403
    # Another area, where they inspect nothing, does not exist for them.
    assert client.get(f"/areas/{BRACKENFIELD}/").status_code == 404


def test_outsiders_and_visitors_learn_nothing(client_for, client):
    outsider = client_for("outsider")
    for url in (f"/areas/{ASHDOWN}/", f"/areas/{ASHDOWN}/history/"):
        response = outsider.get(url)
        assert response.status_code == 404
        assert "Helen Marsh" not in _page(response)
        assert client.get(url)["Location"].startswith("/accounts/login/")
    body = _body(ASHDOWN, "Ashdown and Weald Police")
    before = AreaContact.objects.count()
    response = outsider.post(
        f"/areas/{ASHDOWN}/bodies/{body.pk}/contacts/new/",
        {"name": "X", "role": "Y", "email": "x@example.org"},
    )
    assert response.status_code == 404
    assert AreaContact.objects.count() == before


def test_the_team_stops_reading_them_when_the_inspection_is_withdrawn(client_for, people):
    inspection = demo.seed().inspection
    inspection_services.inspection_move_stage(
        acting_user=people["programme.admin"],
        inspection=inspection,
        to_status=InspectionStatus.WITHDRAWN,
        reason="Area reorganised",
    )
    assert client_for("cqc.inspector").get(f"/areas/{ASHDOWN}/").status_code == 404
    assert client_for("programme.admin").get(f"/areas/{ASHDOWN}/").status_code == 200


def test_every_page_answers_head(client_for):
    body = _body(ASHDOWN, "Ashdown and Weald Police")
    contact = body.contacts.first()
    admin = client_for("programme.admin")
    for url in (
        "/areas/",
        f"/areas/{ASHDOWN}/",
        f"/areas/{ASHDOWN}/history/",
        f"/areas/{ASHDOWN}/bodies/new/",
        f"/areas/{ASHDOWN}/bodies/{body.pk}/",
        f"/areas/{ASHDOWN}/bodies/{body.pk}/remove/",
        f"/areas/{ASHDOWN}/bodies/{body.pk}/contacts/new/",
        f"/areas/{ASHDOWN}/contacts/{contact.pk}/",
    ):
        assert admin.head(url).status_code == 200, url


def test_a_body_of_another_area_is_not_found_under_this_one(client_for):
    body = _body(BRACKENFIELD, "Brackenfield Constabulary")
    response = client_for("programme.admin").get(f"/areas/{ASHDOWN}/bodies/{body.pk}/")
    assert response.status_code == 404


# --- What other apps read ----------------------------------------------------------------------


def test_the_selectors_read_the_area_in_one_query_each(seeded, django_assert_num_queries):
    area = _area(ASHDOWN)
    with django_assert_num_queries(1):
        contacts = [(c.name, c.partner_body.name) for c in selectors.area_contacts(area)]
    assert ("Helen Marsh", "Ashdown Council children's services") in contacts
    assert ("Daniel Okoro", "Ashdown and Weald Police") in contacts
    with django_assert_num_queries(1):
        kinds = {body.kind for body in selectors.partner_bodies(area)}
    assert kinds == set(PartnerBodyKind.values)


def test_each_inspectorate_names_kinds_of_partner_body_it_inspects():
    for code in INSPECTORATE_CODES:
        for kind in services_inspected(code):
            assert kind in PartnerBodyKind.values or kind == CHILDRENS_SOCIAL_CARE, (code, kind)


def test_the_report_lists_the_services_inspected_from_the_partner_bodies(inspection, people):
    from reports.content import report_content

    services.partner_body_create(
        acting_user=people["programme.admin"],
        local_authority=inspection.local_authority,
        kind=PartnerBodyKind.POLICE,
        name="British Transport Police",
    )
    sections = {
        s.code: s.services_inspected for s in report_content(inspection=inspection).inspectorates
    }
    assert sections["ofsted"] == ("Ashdown children's social care",)
    assert sections["hmic"] == ("Ashdown and Weald Police", "British Transport Police")
    assert sections["cqc"] == (
        "Ashdown Clinical Commissioning Group",
        "Ashdown Hospitals NHS Trust",
    )
    assert sections["hmi_probation"] == (
        "Ashdown Youth Offending Service",
        "Weald Community Rehabilitation Company",
    )
    assert sections["hmi_prisons"] == ("HM Young Offender Institution Ashdown Park",)


# --- The demo ----------------------------------------------------------------------------------


def test_the_demo_areas_have_their_bodies_and_contacts_and_seeding_again_changes_nothing(seeded):
    counts = (PartnerBody.objects.count(), AreaContact.objects.count())
    histories = (PartnerBody.history.count(), AreaContact.history.count())
    demo.seed()
    assert (PartnerBody.objects.count(), AreaContact.objects.count()) == counts
    assert (PartnerBody.history.count(), AreaContact.history.count()) == histories
    for area in LocalAuthority.objects.filter(name__in=[a["name"] for a in demo.DEMO_AREAS]):
        assert area.partner_bodies.filter(kind=PartnerBodyKind.CHILDRENS_SERVICES).exists()
    for name in ("Ashdown", "Calderbridge"):
        contacts = selectors.area_contacts(LocalAuthority.objects.get(name=name))
        assert len({c.partner_body_id for c in contacts}) >= 2
        assert {c.partner_body.kind for c in contacts} >= {
            PartnerBodyKind.CHILDRENS_SERVICES,
            PartnerBodyKind.POLICE,
        }


def test_the_area_page_reads_a_fixed_number_of_queries_however_many_bodies(client_for, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    admin = client_for("programme.admin")
    admin.get(f"/areas/{BRACKENFIELD}/")  # the session and permissions, read once
    with CaptureQueriesContext(connection) as few:
        admin.get(f"/areas/{BRACKENFIELD}/")
    for n in range(4):
        body = services.partner_body_create(
            acting_user=people["programme.admin"],
            local_authority=_area(BRACKENFIELD),
            kind=PartnerBodyKind.HEALTH,
            name=f"Health body {n}",
        )
        services.area_contact_create(
            acting_user=people["programme.admin"],
            partner_body=body,
            name=f"Person {n}",
            role="Designated doctor",
            email=f"person{n}@example.org",
        )
    with CaptureQueriesContext(connection) as many:
        page = _page(admin.get(f"/areas/{BRACKENFIELD}/"))
    assert "Person 3" in page
    assert len(many) == len(few)
