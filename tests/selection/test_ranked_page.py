"""The ranked list page: scores with their reasons, a chart with a table, fixed query count."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inspections.models import LocalAuthority, Region
from inspectorates.models import Inspectorate
from selection import services
from selection.models import AreaIndicators, Decision, PartnerConcern

# The session with its user (one query, ADR 0020), the user's permissions (two), programme
# year, policy, decisions; the ranking's facts: last joint inspections, live inspections,
# concerns, areas with their indicators; and saving the session on the first request (an
# update inside a savepoint, three queries).
RANKED_PAGE_QUERIES = 13


def _add_areas(count: int, admin) -> list[LocalAuthority]:
    """`count` areas with indicators, a concern and a decision each, as bulk rows."""
    inspectorate = Inspectorate.objects.get(code="cqc")
    grades = ["outstanding", "good", "requires_improvement", "inadequate"]
    areas = LocalAuthority.objects.bulk_create(
        LocalAuthority(name=f"Area {n:03d}", ons_code=f"E1{n:07d}", region=Region.EAST)
        for n in range(count)
    )
    AreaIndicators.objects.bulk_create(
        AreaIndicators(
            local_authority=area,
            ofsted_grade=grades[n % 4],
            ofsted_judged_on=datetime.date(2013, 1, 1) + datetime.timedelta(days=n),
            re_referral_rate=20 + n % 10,
        )
        for n, area in enumerate(areas)
    )
    PartnerConcern.objects.bulk_create(
        PartnerConcern(
            local_authority=area,
            inspectorate=inspectorate,
            raised_on=datetime.date(2014, 6, 1),
            summary="Concern.",
            recorded_by=admin,
        )
        for area in areas
    )
    return areas


@pytest.mark.parametrize("count", [5, 50])
def test_the_ranked_list_runs_a_fixed_number_of_queries(
    client_for, programme_year, policy, admin, count, django_assert_num_queries
):
    areas = _add_areas(count, admin)
    Decision.objects.bulk_create(
        Decision(
            programme_year=programme_year,
            local_authority=area,
            outcome="deferred",
            rationale="Later.",
            decided_by=admin,
            decided_at=datetime.datetime(2015, 3, 1, tzinfo=datetime.UTC),
            policy=policy,
            score=10,
        )
        for area in areas
    )
    client = client_for("programme.admin")
    with django_assert_num_queries(RANKED_PAGE_QUERIES):
        response = client.get("/selection/years/2015/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Change the decision") == count
    assert page.count("Record a decision") == 4  # the inspections' demo areas


def test_the_export_runs_the_same_queries_whatever_the_number_of_areas(
    client_for, programme_year, admin
):
    client = client_for("programme.admin")
    _add_areas(5, admin)
    client.get("/selection/")  # the session's first save, not counted in either
    with CaptureQueriesContext(connection) as few:
        client.get("/selection/years/2015/ranking.csv")
    _more_areas(admin, 45)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/selection/years/2015/ranking.csv")
    assert len(few) == len(many)
    assert len(response.content.decode().splitlines()) == 1 + 4 + 5 + 45


def _more_areas(admin, count: int) -> None:
    inspectorate = Inspectorate.objects.get(code="hmic")
    for n in range(count):
        area = LocalAuthority.objects.create(
            name=f"More {n:03d}", ons_code=f"E2{n:07d}", region=Region.EAST
        )
        PartnerConcern.objects.create(
            local_authority=area,
            inspectorate=inspectorate,
            raised_on=datetime.date(2014, 6, 1),
            summary="Concern.",
            recorded_by=admin,
        )


def test_the_chart_is_an_svg_image_with_the_same_figures_in_a_table(
    client_for, make_area, programme_year
):
    make_area("Avonford", grade="inadequate", judged_on="2014-03-12", re_referrals="28.1")
    page = client_for("programme.admin").get("/selection/years/2015/").content.decode()

    svg = re.search(r"<svg .*?</svg>", page, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="score-chart-title score-chart-desc"' in svg
    assert '<title id="score-chart-title">Scores of the candidate areas for 2015 to 2016' in svg
    assert '<desc id="score-chart-desc">' in svg
    # Avonford 52.0, then Brackenfield, Calderbridge and Dunmore, never jointly inspected: 10.0.
    # Ashdown has a live inspection and is not charted.
    bars = re.findall(r'<rect class="app-chart__bar[^"]*" x="150" y="\d+" width="([\d.]+)"', svg)
    assert bars == ["250.0", "48.1", "48.1", "48.1"]
    assert re.findall(r'class="app-chart__value"[^>]*>([\d.]+)<', svg) == [
        "52.0",
        "10.0",
        "10.0",
        "10.0",
    ]
    table = page.split("Scores shown in the chart", 1)[1].split("</table>", 1)[0]
    assert re.findall(r"numeric\">([\d.]+)</td>", table) == [
        "1", "52.0", "2", "10.0", "3", "10.0", "4", "10.0",
    ]  # fmt: skip


def test_the_page_shows_each_score_with_every_reason_and_the_quota(
    client_for, make_area, programme_year
):
    make_area("Avonford", grade="inadequate", judged_on="2014-03-12", re_referrals="28.1")
    page = client_for("programme.admin").get("/selection/years/2015/").content.decode()
    assert (
        "Last Ofsted judgement inadequate (12 March 2014), due for revisit: always a candidate"
        in page
    )
    assert "Re-referrals 28.1% (national 23.4%): +2.0" in page
    # Four places need one good or outstanding area; none of the candidates is.
    assert (
        "The quota cannot be met: it needs 1 area judged good or outstanding for 4 places, but "
        "none of the candidates is judged good or outstanding."
    ) in page


def test_selection_pages_have_no_inline_script_or_style(client_for, programme_year, make_area):
    make_area("Avonford", grade="good", judged_on="2013-03-12")
    client = client_for("programme.admin")
    for url in ("/selection/", "/selection/years/2015/", "/selection/policy/new/"):
        page = client.get(url).content.decode()
        assert "style=" not in page
        assert re.search(r"<script(?![^>]*\bsrc=)", page) is None
        assert "/static/css/selection.css" in page


def test_the_number_of_places_can_change(client_for, programme_year):
    response = client_for("programme.admin").post("/selection/years/2015/places/", {"places": 8})
    assert response.status_code == 302
    programme_year.refresh_from_db()
    assert programme_year.places == 8
    assert programme_year.history.latest().history_change_reason == "Places: 8"


def test_areas_with_no_indicators_are_still_ranked_and_say_so(client_for, programme_year):
    page = client_for("programme.admin").get("/selection/years/2015/").content.decode()
    assert "No Ofsted judgement held: +0.0" in page
    assert "No joint inspection on record: +10.0" in page


def test_a_recorded_concern_counts_in_the_ranking(client_for, programme_year, admin):
    area = LocalAuthority.objects.get(name="Dunmore")
    services.partner_concern_record(
        acting_user=admin,
        local_authority=area,
        inspectorate=Inspectorate.objects.get(code="hmic"),
        raised_on=datetime.date(2015, 1, 20),
        summary="Missing children episodes not followed up.",
    )
    page = client_for("programme.admin").get("/selection/years/2015/").content.decode()
    assert "HM Inspectorate of Constabulary raised a concern on 20 January 2015: +15.0" in page
