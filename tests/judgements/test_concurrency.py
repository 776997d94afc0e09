"""Two people editing one judgement: the second save is refused and nothing is lost."""

import pytest

from core.versioning import StaleVersion
from judgements.models import Judgement
from tests.judgements.conftest import judgement_url


def _form(version, rationale):
    return {"version": version, "grade": "good", "rationale": rationale}


@pytest.mark.django_db
def test_a_stale_save_is_refused_and_both_versions_survive(client_for, inspection, save_judgement):
    save_judgement("ofsted.inspector", "ofsted", "leadership", rationale="First draft")
    url = judgement_url(inspection, "ofsted", "leadership")
    first, second = client_for("ofsted.inspector"), client_for("ofsted.lead")
    # Both open version 1; the inspector saves first.
    assert first.post(url, _form(1, "The inspector's wording")).status_code == 302
    response = second.post(url, _form(1, "The lead's wording"))

    page = response.content.decode()
    assert response.status_code == 409
    assert "This judgement has changed since you opened it: Oscar Reid saved version 2 at " in page
    assert "The lead&#x27;s wording" in page  # what the lead typed, still in the form
    assert "The inspector&#x27;s wording" in page  # the newer saved version, beside it
    judgement = Judgement.objects.get()
    assert (judgement.rationale, judgement.version) == ("The inspector's wording", 2)
    assert [r.rationale for r in judgement.history.order_by("history_date")] == [
        "First draft",
        "The inspector's wording",
    ]
    # The form now carries the newer version, so saving again after comparing goes through.
    assert 'name="version" value="2"' in page
    assert second.post(url, _form(2, "The lead's wording")).status_code == 302
    judgement.refresh_from_db()
    assert (judgement.rationale, judgement.version) == ("The lead's wording", 3)


@pytest.mark.django_db
def test_the_service_refuses_a_stale_version_and_names_the_newer_one(save_judgement, people):
    save_judgement("hmic.inspector", "hmic", "child_protection", rationale="One")
    save_judgement("hmic.lead", "hmic", "child_protection", version=1, rationale="Two")
    with pytest.raises(StaleVersion) as error:
        save_judgement("hmic.inspector", "hmic", "child_protection", version=1, rationale="Three")
    assert error.value.current.version == 2
    assert error.value.messages[0].startswith(
        "This judgement has changed since you opened it: Hannah Moss saved version 2 at "
    )
    assert Judgement.objects.get().rationale == "Two"


@pytest.mark.django_db
def test_two_first_saves_of_one_area_do_not_both_create_it(save_judgement):
    save_judgement("cqc.inspector", "cqc", "health_leadership", rationale="Mine")
    with pytest.raises(StaleVersion):
        save_judgement("cqc.lead", "cqc", "health_leadership", rationale="Also mine")
    assert Judgement.objects.get().rationale == "Mine"
