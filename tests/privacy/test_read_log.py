"""Every view of a page showing a child's personal details is recorded (who, when, which child,
which page) and shown to programme administrators, and to nobody else (DESIGN rule 14)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from core.dates import date_and_time
from inspections import case_samples
from inspections.models import Inspection, LocalAuthority
from privacy.models import ChildDetailView
from privacy.services import record_child_view

pytestmark = pytest.mark.django_db

CHILD_DETAILS = ("Morwenna", "Quillfeather", "Gethin Marchmont", "Wenna Quill", "CSC-77120")


def _views() -> list[tuple]:
    return list(
        ChildDetailView.objects.order_by("id").values_list(
            "viewer__username", "inspection__reference", "child_reference", "page"
        )
    )


def test_each_page_showing_a_childs_details_is_recorded_head_requests_too(
    client_for, inspection, make_case
):
    case = make_case()
    client = client_for("cqc.inspector")
    base = f"/inspections/{inspection.reference}/cases/{case.pk}/"
    before = timezone.now()
    assert client.get(base).status_code == 200
    assert client.head(base).status_code == 200
    assert client.get(base + "change/").status_code == 200
    assert client.head(base + "change/").status_code == 200
    # A change refused re-shows the details in the form: recorded as well.
    refused = client.post(base + "change/", {"version": "1", "internal_reference": ""})
    assert refused.status_code == 200
    detail, edit = "case sample", "case sample (edit form)"
    ref = inspection.reference
    assert _views() == [
        ("cqc.inspector", ref, "ASH-P01", detail),
        ("cqc.inspector", ref, "ASH-P01", detail),
        ("cqc.inspector", ref, "ASH-P01", edit),
        ("cqc.inspector", ref, "ASH-P01", edit),
        ("cqc.inspector", ref, "ASH-P01", edit),
    ]
    assert all(before <= v.viewed_at <= timezone.now() for v in ChildDetailView.objects.all())


def test_pages_without_personal_details_and_refusals_are_not_recorded(
    client_for, inspection, make_case
):
    case = make_case()
    client_for("cqc.inspector").get(f"/inspections/{inspection.reference}/cases/")
    for username in ("outsider", "programme.admin"):
        response = client_for(username).get(f"/inspections/{inspection.reference}/cases/{case.pk}/")
        assert response.status_code == 404
    assert _views() == []


def _admin_page(client, query: str = "") -> str:
    response = client.get(f"/audit/childrens-details/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_programme_administrators_see_who_saw_which_child_and_when(
    client_for, inspection, make_case, people
):
    case = make_case()
    client_for("hmic.inspector").get(f"/inspections/{inspection.reference}/cases/{case.pk}/")
    view = ChildDetailView.objects.get()
    page = _admin_page(client_for("programme.admin"))
    assert date_and_time(view.viewed_at) in page
    assert "(hmic.inspector)" in page
    assert inspection.reference in page and "ASH-P01" in page and "Case sample" in page
    for detail in CHILD_DETAILS:
        assert detail not in page


def _other_inspection(people) -> Inspection:
    start = timezone.localdate() + datetime.timedelta(days=60)
    return Inspection.objects.create(
        reference="INT-TEST-OTHER",
        local_authority=LocalAuthority.objects.get(name="Dunmore"),
        kind="integrated",
        framework_key=Inspection.objects.first().framework_key,
        window_start=start,
        window_end=start + datetime.timedelta(days=20),
    )


def test_the_read_log_is_filtered_by_inspection_and_viewer(client_for, inspection, people):
    other = _other_inspection(people)
    record_child_view(
        viewer=people["cqc.lead"], inspection=inspection, child_reference="ASH-F1", page="x"
    )
    record_child_view(
        viewer=people["hmic.lead"], inspection=other, child_reference="OTH-F2", page="x"
    )
    admin = client_for("programme.admin")
    everything = _admin_page(admin)
    assert "ASH-F1" in everything and "OTH-F2" in everything
    one = _admin_page(admin, f"?inspection={other.reference}")
    assert "OTH-F2" in one and "ASH-F1" not in one
    by = _admin_page(admin, "?user=cqc.lead")
    assert "ASH-F1" in by and "OTH-F2" not in by


def test_the_read_log_is_paginated(client_for, inspection, people):
    ChildDetailView.objects.bulk_create(
        ChildDetailView(
            inspection=inspection,
            viewer=people["ofsted.inspector"],
            viewed_at=timezone.now() - datetime.timedelta(minutes=n),
            child_reference=f"ASH-N{n:02d}",
            page="case sample",
        )
        for n in range(51)
    )
    admin = client_for("programme.admin")
    first = _admin_page(admin)
    assert "51 views, page 1 of 2." in first
    assert "ASH-N00" in first and "ASH-N50" not in first
    second = _admin_page(admin, "?page=2")
    assert "ASH-N50" in second and "ASH-N00" not in second


def test_the_read_log_answers_a_head_request_in_a_fixed_number_of_queries(
    client_for, inspection, people, django_assert_max_num_queries
):
    for n in range(30):
        record_child_view(
            viewer=people["ofsted.inspector"],
            inspection=inspection,
            child_reference=f"ASH-Q{n}",
            page="case sample",
        )
    admin = client_for("programme.admin")
    assert admin.head("/audit/childrens-details/").status_code == 200
    with django_assert_max_num_queries(12):
        admin.get("/audit/childrens-details/")


@pytest.mark.parametrize("username", ["ofsted.lead", "hmic.inspector", "outsider"])
def test_nobody_but_programme_administrators_reads_the_log(client_for, username):
    for path in ("/audit/childrens-details/", "/audit/erasures/"):
        assert client_for(username).get(path).status_code == 403


def test_the_audit_log_of_changes_never_shows_the_new_personal_details(
    client_for, inspection, people, make_case
):
    case = make_case()
    case_samples.case_sample_update(
        acting_user=people["ofsted.inspector"],
        case=case,
        seen_version=case_samples.case_sample_version(case),
        details=case_samples.CaseDetails(
            internal_reference="ASH-P01",
            tracking="tracked",
            age_band="10_15",
            child_name="Morwenna Quillfeather",
            date_of_birth=case.date_of_birth,
            carers="Gethin Marchmont\nAnnis Featherby",
            family_members="Idris Quillfeather",
            aliases="Wenna Quill",
            school="Harrowgate Fields Primary",
        ),
    )
    page = client_for("programme.admin").get(f"/audit/?inspection={inspection.reference}")
    text = page.content.decode()
    assert page.status_code == 200 and "Case sample" in text
    assert "(personal details changed)" in text
    for detail in (*CHILD_DETAILS, "Annis Featherby", "Harrowgate", "Idris"):
        assert detail not in text


def test_an_empty_read_log_says_so(client_for, inspection):
    # A Page with no rows is falsy in a template: the empty state must still be shown.
    page = _admin_page(client_for("programme.admin"))
    assert "0 views." in page
    assert "No views match these filters." in page
