"""Area selection is for programme administrators only, on every page."""

from __future__ import annotations

import pytest

from selection.models import Decision, PartnerConcern, ProgrammeYear, SelectionPolicy

PAGES = [
    "/selection/",
    "/selection/areas/",
    "/selection/areas/import/",
    "/selection/areas/E08000902/",
    "/selection/areas/E08000902/indicators/",
    "/selection/policy/",
    "/selection/policy/1/",
    "/selection/policy/new/",
    "/selection/years/new/",
    "/selection/years/2015/",
    "/selection/years/2015/ranking.csv",
    "/selection/years/2015/areas/E08000902/decision/",
]

WRITES = [
    ("/selection/areas/E08000902/", {"inspectorate": "cqc", "summary": "A concern."}),
    ("/selection/policy/new/", {"change_note": "Mine now."}),
    ("/selection/years/new/", {"year": 2016, "places": 3}),
    ("/selection/years/2015/places/", {"places": 9}),
    (
        "/selection/years/2015/areas/E08000902/decision/",
        {"outcome": "selected", "rationale": "Because."},
    ),
]

NOT_ADMINS = ["ofsted.lead", "ofsted.inspector", "cqc.lead", "prisons.inspector", "outsider"]


@pytest.mark.parametrize("url", PAGES)
def test_programme_administrators_see_every_page(client_for, programme_year, url):
    assert client_for("programme.admin").get(url).status_code == 200


@pytest.mark.parametrize("url", PAGES)
def test_everyone_else_signed_in_is_refused(client_for, programme_year, url):
    assert {name: client_for(name).get(url).status_code for name in NOT_ADMINS} == {
        name: 403 for name in NOT_ADMINS
    }


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, programme_year, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/selection/")


@pytest.mark.parametrize(("url", "data"), WRITES)
def test_writes_by_anyone_else_are_refused_and_change_nothing(
    client_for, programme_year, url, data
):
    before = (
        PartnerConcern.objects.count(),
        SelectionPolicy.objects.count(),
        list(ProgrammeYear.objects.values_list("year", "places")),
        Decision.objects.count(),
    )
    assert client_for("ofsted.lead").post(url, data).status_code == 403
    after = (
        PartnerConcern.objects.count(),
        SelectionPolicy.objects.count(),
        list(ProgrammeYear.objects.values_list("year", "places")),
        Decision.objects.count(),
    )
    assert after == before
