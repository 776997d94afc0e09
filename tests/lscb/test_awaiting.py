"""Each signed-in user sees what shared text awaits them."""

import pytest
from django.template.loader import render_to_string

from lscb import services
from lscb.models import SharedTextKind, SignOffDecision
from lscb.selectors import awaiting_for_user
from tests.lscb.conftest import LEADS, save, sign

pytestmark = pytest.mark.django_db


def _what(people, username) -> list[str]:
    return [item.what for item in awaiting_for_user(user=people[username])]


def test_a_lead_is_awaited_to_sign_circulated_text(circulated, people):
    items = awaiting_for_user(user=people["cqc.lead"])
    assert [(i.inspection, i.shared_text, i.what) for i in items] == [
        (
            circulated.inspection,
            circulated,
            "Sign off the LSCB judgement (version 1) for Care Quality Commission",
        )
    ]


def test_nothing_awaits_a_lead_once_they_have_signed(circulated, people):
    sign(people, circulated, "cqc", SignOffDecision.NOT_AGREE, "Health is missing.")
    assert _what(people, "cqc.lead") == []


def test_a_lead_is_awaited_again_when_an_edit_voids_their_sign_off(circulated, people):
    sign(people, circulated, "cqc")
    save(people, circulated.inspection, expected_version=1, body="Changed.")
    assert _what(people, "cqc.lead") == [
        "Sign off the LSCB judgement (version 2) for Care Quality Commission"
    ]


def test_draft_text_awaits_no_lead_but_awaits_circulation(draft, people):
    assert _what(people, "cqc.lead") == []
    assert _what(people, "ofsted.lead") == ["Circulate the LSCB judgement (version 1) for sign-off"]


def test_the_lead_inspector_is_told_who_does_not_agree(circulated, people):
    sign(people, circulated, "hmic", SignOffDecision.NOT_AGREE, "Police role understated.")
    sign(people, circulated, "cqc", SignOffDecision.NOT_AGREE, "Health role understated.")
    assert _what(people, "ofsted.lead") == [
        "Care Quality Commission and HM Inspectorate of Constabulary do not agree with version 1 "
        "of the LSCB judgement",
        "Sign off the LSCB judgement (version 1) for Ofsted",
    ]


def test_the_lead_inspector_is_awaited_to_finalise_when_everyone_agrees(all_agree, people):
    assert _what(people, "ofsted.lead") == [
        "Finalise the LSCB judgement: every inspectorate agrees version 1"
    ]


def test_finalised_text_awaits_no_one(finalised, people):
    for username in LEADS.values():
        assert _what(people, username) == []


def test_inspectors_and_outsiders_have_nothing_awaiting(circulated, people):
    for username in ("cqc.inspector", "outsider", "programme.admin"):
        assert _what(people, username) == []


def test_what_awaits_takes_a_fixed_number_of_queries(
    circulated, inspection, people, django_assert_num_queries
):
    with django_assert_num_queries(4):
        awaiting_for_user(user=people["ofsted.lead"])
    key_findings = services.shared_text_save(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        kind=SharedTextKind.KEY_FINDINGS,
        body="Findings.",
        expected_version=0,
    )
    services.shared_text_circulate(
        acting_user=people["ofsted.lead"],
        shared_text=key_findings,
        seen_version=key_findings.current_version,
    )
    for code in ("cqc", "hmic"):
        sign(people, circulated, code)
        sign(people, key_findings, code, SignOffDecision.NOT_AGREE, "More.")
    with django_assert_num_queries(4):
        assert len(awaiting_for_user(user=people["ofsted.lead"])) == 3


def test_the_awaiting_panel_links_to_each_text(circulated, people):
    html = render_to_string(
        "inspections/includes/awaiting.html",
        {"awaiting": awaiting_for_user(user=people["cqc.lead"])},
    )
    assert "What awaits you" in html
    assert f'href="/inspections/{circulated.inspection.reference}/shared/lscb/"' in html
    assert "Sign off the LSCB judgement (version 1) for Care Quality Commission" in html


def test_the_awaiting_panel_is_empty_when_nothing_awaits(people):
    html = render_to_string(
        "inspections/includes/awaiting.html",
        {"awaiting": awaiting_for_user(user=people["cqc.lead"])},
    )
    assert html.strip() == ""


def test_the_inspection_page_links_to_the_shared_text(client_for, inspection):
    page = client_for("cqc.inspector").get(inspection.get_absolute_url()).content.decode()
    assert f'href="/inspections/{inspection.reference}/shared/"' in page


def test_the_list_of_inspections_shows_what_awaits_the_lead(circulated, client_for):
    page = client_for("cqc.lead").get("/inspections/").content.decode()
    assert "What awaits you" in page
    assert f'href="/inspections/{circulated.inspection.reference}/shared/lscb/"' in page
    assert "Sign off the LSCB judgement (version 1) for Care Quality Commission" in page
