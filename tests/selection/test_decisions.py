"""Recorded decisions: selected, deferred or not selected, with a reason and who decided."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from inspections.models import LocalAuthority
from selection import services
from selection.models import Decision


def decide(client, year: int, area: LocalAuthority, outcome: str, rationale: str):
    return client.post(
        f"/selection/years/{year}/areas/{area.ons_code}/decision/",
        {"outcome": outcome, "rationale": rationale},
    )


def test_a_decision_records_the_outcome_reason_who_and_the_score_behind_it(
    client_for, make_area, programme_year, policy, admin
):
    area = make_area("Avonford", grade="inadequate", judged_on="2014-03-12", re_referrals="28.1")
    response = decide(
        client_for("programme.admin"),
        2015,
        area,
        "selected",
        "Due for revisit after an inadequate judgement in March 2014.",
    )

    assert response.status_code == 302
    assert response["Location"] == "/selection/years/2015/"
    decision = Decision.objects.get(programme_year=programme_year, local_authority=area)
    assert decision.outcome == "selected"
    assert decision.rationale == "Due for revisit after an inadequate judgement in March 2014."
    assert decision.decided_by == admin
    assert decision.policy == policy
    assert (decision.score, decision.rank, decision.was_recommended) == (Decimal("52.0"), 1, True)
    assert decision.reasons[0] == (
        "Last Ofsted judgement inadequate (12 March 2014), due for revisit: always a candidate"
    )
    record = decision.history.get()
    assert record.history_user == admin
    assert record.history_change_reason == "Selected"


def test_a_decision_needs_a_reason(client_for, make_area, programme_year):
    area = make_area("Avonford", grade="good", judged_on="2013-03-12")
    response = decide(client_for("programme.admin"), 2015, area, "deferred", "   ")
    assert "Enter the reason for the decision" in response.content.decode()
    assert not Decision.objects.exists()


def test_changing_a_decision_keeps_the_old_one_in_history(make_area, programme_year, admin):
    area = make_area("Avonford", grade="good", judged_on="2013-03-12")
    services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=area,
        outcome="deferred",
        rationale="Waiting for the new director to start.",
    )
    decision = services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=area,
        outcome="selected",
        rationale="Chosen to show good practice.",
    )
    assert Decision.objects.count() == 1
    old, new = decision.history.order_by("history_date")
    assert (old.outcome, old.rationale) == ("deferred", "Waiting for the new director to start.")
    assert (new.outcome, new.history_change_reason) == ("selected", "Selected")


def test_no_more_areas_can_be_selected_than_the_year_has_places(make_area, programme_year, admin):
    programme_year = services.programme_year_set_places(
        acting_user=admin, programme_year=programme_year, places=1
    )
    first = make_area("Avonford", grade="inadequate", judged_on="2014-03-12")
    second = make_area("Brookfield", grade="inadequate", judged_on="2014-03-12")
    services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=first,
        outcome="selected",
        rationale="Top of the list.",
    )
    with pytest.raises(ValidationError) as error:
        services.decision_record(
            acting_user=admin,
            programme_year=programme_year,
            local_authority=second,
            outcome="selected",
            rationale="Also due.",
        )
    assert error.value.message_dict["outcome"] == [
        services.PLACES_FULL.format(places=1, year="2015 to 2016")
    ]
    assert not Decision.objects.filter(local_authority=second).exists()


def test_an_area_that_is_not_a_candidate_cannot_be_selected(client_for, inspection, programme_year):
    area = inspection.local_authority  # its integrated inspection is in fieldwork
    response = decide(client_for("programme.admin"), 2015, area, "selected", "Inspect it again.")
    page = response.content.decode()
    assert "is not a candidate under policy version 1" in page
    assert "An integrated inspection is already planned or under way" in page
    assert not Decision.objects.exists()

    response = decide(
        client_for("programme.admin"), 2015, area, "not_selected", "Already being inspected."
    )
    assert response.status_code == 302
    assert Decision.objects.get().reasons == [
        f"An integrated inspection is already planned or under way ({inspection.reference})"
    ]


def test_places_cannot_drop_below_the_areas_already_selected(
    client_for, make_area, programme_year, admin
):
    for name in ("Avonford", "Brookfield"):
        services.decision_record(
            acting_user=admin,
            programme_year=programme_year,
            local_authority=make_area(name, grade="inadequate", judged_on="2014-03-12"),
            outcome="selected",
            rationale="Due for revisit.",
        )
    response = client_for("programme.admin").post("/selection/years/2015/places/", {"places": 1})
    assert response.status_code == 400
    assert "2 areas are already selected for 2015 to 2016" in response.content.decode()
    programme_year.refresh_from_db()
    assert programme_year.places == 4


def test_a_selected_area_links_to_setting_up_its_inspection_with_the_area_filled_in(
    client_for, programme_year, admin
):
    area = LocalAuthority.objects.get(name="Brackenfield")
    services.decision_record(
        acting_user=admin,
        programme_year=programme_year,
        local_authority=area,
        outcome="selected",
        rationale="Partners raised concerns.",
    )
    client = client_for("programme.admin")
    link = f"/inspections/new/?local_authority={area.pk}"
    assert link in client.get("/selection/years/2015/").content.decode()
    form = client.get(link).content.decode()
    assert f'<option value="{area.pk}" selected>Brackenfield</option>' in form


def test_the_decision_page_shows_the_score_and_reasons_under_the_current_policy(
    client_for, make_area, programme_year
):
    area = make_area("Avonford", grade="requires_improvement", judged_on="2014-03-12")
    page = client_for("programme.admin").get(
        f"/selection/years/2015/areas/{area.ons_code}/decision/"
    )
    text = page.content.decode()
    assert "Score 30.0, ranked 1 under policy version 1" in text
    assert "Last Ofsted judgement requires improvement (12 March 2014): +20.0" in text


def test_programme_years_are_set_up_once(client_for, programme_year):
    response = client_for("programme.admin").post(
        "/selection/years/new/", {"year": 2015, "places": 6}
    )
    assert "There is already a programme year 2015 to 2016" in response.content.decode()
    response = client_for("programme.admin").post(
        "/selection/years/new/", {"year": 2016, "places": 6}
    )
    assert response["Location"] == "/selection/years/2016/"


def test_a_programme_year_needs_a_sensible_year_and_number_of_places(client_for):
    response = client_for("programme.admin").post(
        "/selection/years/new/", {"year": 1999, "places": 0}
    )
    page = response.content.decode()
    assert services.YEAR_RANGE in page
    assert services.PLACES_RANGE in page
