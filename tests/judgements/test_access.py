"""Each member writes only for their own inspectorate, by any route; outsiders see nothing."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from inspections import services as inspection_services
from inspections.models import InspectionStatus
from judgements import permissions, rules, services
from judgements.models import Evidence, Judgement
from tests.judgements.conftest import date_fields, judgement_url

pytestmark = pytest.mark.django_db


def _evidence_post(today, areas, text="Posted evidence"):
    return {
        **date_fields("observed_on", today),
        "source": "observation",
        "area_codes": areas,
        "text": text,
    }


def test_cqc_inspector_cannot_record_evidence_against_ofsted_areas_by_form(
    client_for, inspection, today
):
    response = client_for("cqc.inspector").post(
        f"/inspections/{inspection.reference}/evidence/new/",
        _evidence_post(today, ["help_and_protection"]),
    )
    assert response.status_code == 200
    assert "help_and_protection is not one of the available choices" in response.content.decode()
    assert not Evidence.objects.exists()


def test_cqc_inspector_cannot_record_evidence_against_ofsted_areas_by_service(
    inspection, people, today
):
    with pytest.raises(ValidationError) as error:
        services.evidence_create(
            acting_user=people["cqc.inspector"],
            inspection=inspection,
            observed_on=today,
            source="observation",
            area_codes=["help_and_protection"],
            text="Nothing to see",
        )
    assert (
        rules.AREA_NOT_YOURS.format(
            area="help_and_protection", inspectorate="Care Quality Commission"
        )
        in error.value.messages
    )
    assert not Evidence.objects.exists()


def test_evidence_is_always_recorded_for_the_authors_own_inspectorate(
    client_for, inspection, today
):
    response = client_for("cqc.inspector").post(
        f"/inspections/{inspection.reference}/evidence/new/",
        _evidence_post(today, ["safeguarding"]),
    )
    assert response.status_code == 302
    assert Evidence.objects.get().inspectorate.code == "cqc"


def test_cqc_inspector_cannot_change_ofsted_evidence_by_form(
    client_for, inspection, ofsted_evidence, today
):
    response = client_for("cqc.inspector").post(
        f"/inspections/{inspection.reference}/evidence/{ofsted_evidence.pk}/edit/",
        _evidence_post(today, ["help_and_protection"], text="Rewritten by CQC"),
    )
    assert response.status_code == 403
    ofsted_evidence.refresh_from_db()
    assert ofsted_evidence.text == "Seen in a case audit."


def test_cqc_inspector_cannot_change_or_delete_ofsted_evidence_by_service(
    people, ofsted_evidence, today
):
    with pytest.raises(PermissionDenied):
        services.evidence_update(
            acting_user=people["cqc.inspector"],
            evidence=ofsted_evidence,
            observed_on=today,
            source="data",
            area_codes=["help_and_protection"],
            text="Rewritten by CQC",
        )
    with pytest.raises(PermissionDenied):
        services.evidence_delete(acting_user=people["cqc.inspector"], evidence=ofsted_evidence)
    ofsted_evidence.refresh_from_db()
    assert ofsted_evidence.text == "Seen in a case audit."
    assert ofsted_evidence.history.count() == 1


def test_cqc_inspector_cannot_delete_ofsted_evidence_by_form(
    client_for, inspection, ofsted_evidence
):
    response = client_for("cqc.inspector").post(
        f"/inspections/{inspection.reference}/evidence/{ofsted_evidence.pk}/delete/"
    )
    assert response.status_code == 403
    assert Evidence.objects.filter(pk=ofsted_evidence.pk).exists()


def test_only_the_author_changes_evidence_even_within_the_inspectorate(
    client_for, inspection, ofsted_evidence, today
):
    response = client_for("ofsted.lead").post(
        f"/inspections/{inspection.reference}/evidence/{ofsted_evidence.pk}/edit/",
        _evidence_post(today, ["help_and_protection"], text="Rewritten by the lead"),
    )
    assert response.status_code == 403
    ofsted_evidence.refresh_from_db()
    assert ofsted_evidence.text == "Seen in a case audit."


def test_cqc_inspector_cannot_write_an_ofsted_judgement_by_form(client_for, inspection):
    response = client_for("cqc.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection"),
        {"grade": "inadequate", "rationale": "Written by CQC", "version": ""},
    )
    assert response.status_code == 403
    assert not Judgement.objects.exists()


def test_cqc_inspector_cannot_write_an_ofsted_judgement_by_service(save_judgement):
    with pytest.raises(PermissionDenied):
        save_judgement("cqc.inspector", "ofsted", "help_and_protection")
    assert not Judgement.objects.exists()


def test_cqc_inspector_cannot_change_an_existing_ofsted_judgement(
    client_for, inspection, save_judgement
):
    judgement = save_judgement("ofsted.inspector", "ofsted", "help_and_protection")
    response = client_for("cqc.inspector").post(
        judgement_url(inspection, "ofsted", "help_and_protection"),
        {"grade": "inadequate", "rationale": "Written by CQC", "version": judgement.version},
    )
    assert response.status_code == 403
    judgement.refresh_from_db()
    assert (judgement.grade, judgement.version) == ("good", 1)


@pytest.mark.parametrize("action", ["submit", "agree", "reopen"])
def test_cqc_members_cannot_move_an_ofsted_judgement_on(
    client_for, inspection, save_judgement, ofsted_evidence, action
):
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "help_and_protection", evidence=[ofsted_evidence]
    )
    for username in ("cqc.inspector", "cqc.lead"):
        response = client_for(username).post(
            judgement_url(inspection, "ofsted", "help_and_protection", action),
            {"reason": "CQC wants another look"},
        )
        assert response.status_code == 403
    judgement.refresh_from_db()
    assert (judgement.status, judgement.version) == ("draft", 1)


def test_cqc_lead_cannot_agree_an_ofsted_judgement_by_service(
    people, save_judgement, ofsted_evidence
):
    judgement = save_judgement(
        "ofsted.inspector", "ofsted", "help_and_protection", evidence=[ofsted_evidence]
    )
    judgement = services.judgement_submit(
        acting_user=people["ofsted.inspector"], judgement=judgement, seen_version=judgement.version
    )
    with pytest.raises(PermissionDenied):
        services.judgement_agree(
            acting_user=people["cqc.lead"], judgement=judgement, seen_version=judgement.version
        )
    judgement.refresh_from_db()
    assert judgement.status == "submitted"


def test_another_inspectorates_area_code_is_refused_in_the_service(save_judgement):
    with pytest.raises(ValidationError) as error:
        save_judgement("cqc.inspector", "cqc", "help_and_protection")
    assert (
        rules.UNKNOWN_AREA.format(
            inspectorate="Care Quality Commission", area="help_and_protection"
        )
        in error.value.messages
    )
    assert not Judgement.objects.exists()


def test_another_inspectorates_evidence_cannot_support_a_judgement(save_judgement, ofsted_evidence):
    with pytest.raises(ValidationError) as error:
        save_judgement("cqc.inspector", "cqc", "safeguarding", evidence=[ofsted_evidence])
    assert rules.EVIDENCE_NOT_YOURS.format(inspectorate="Care Quality Commission") in (
        error.value.messages
    )
    assert not Judgement.objects.exists()


def test_nothing_is_written_once_the_inspection_leaves_drafting(
    client_for, inspection, people, save_judgement, ofsted_evidence, today
):
    lead = people["ofsted.lead"]
    for stage in (InspectionStatus.DRAFTING, InspectionStatus.FACTUAL_ACCURACY):
        inspection_services.inspection_move_stage(
            acting_user=lead, inspection=inspection, to_status=stage
        )
    # In the factual accuracy check judgements still change through their workflow (DESIGN
    # rule 10); evidence does not.
    response = client_for("ofsted.inspector").post(
        f"/inspections/{inspection.reference}/evidence/new/",
        _evidence_post(today, ["help_and_protection"]),
    )
    assert response.status_code == 403
    assert list(Evidence.objects.all()) == [ofsted_evidence]
    inspection_services.inspection_move_stage(
        acting_user=lead, inspection=inspection, to_status=InspectionStatus.WITHDRAWN, reason="X"
    )
    with pytest.raises(PermissionDenied) as error:
        save_judgement("ofsted.inspector", "ofsted", "help_and_protection")
    assert str(error.value) == permissions.JUDGEMENT_NOT_OPEN


def test_judgements_and_evidence_cannot_be_changed_in_the_admin():
    assert Evidence not in admin.site._registry
    assert Judgement not in admin.site._registry


def test_a_superuser_finds_no_evidence_or_judgements_in_the_admin(client, ofsted_evidence):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(superuser)
    for path in ("/admin/judgements/evidence/", "/admin/judgements/judgement/"):
        assert client.get(path).status_code == 404
        assert client.post(f"{path}{ofsted_evidence.pk}/delete/", {"post": "yes"}).status_code == (
            404
        )
    assert Evidence.objects.filter(pk=ofsted_evidence.pk).exists()


@pytest.mark.parametrize(
    "path",
    [
        "workspace/",
        "coverage/",
        "evidence/",
        "evidence/new/",
        "judgements/ofsted/help_and_protection/",
        "judgements/ofsted/help_and_protection/history/",
        "cases/",
    ],
)
def test_an_inspector_on_no_team_gets_404(client_for, inspection, path):
    response = client_for("outsider").get(f"/inspections/{inspection.reference}/{path}")
    assert response.status_code == 404
    assert inspection.local_authority.name not in response.content.decode()


def test_an_inspector_on_no_team_gets_404_for_evidence_and_writes(
    client_for, inspection, ofsted_evidence
):
    outsider = client_for("outsider")
    base = f"/inspections/{inspection.reference}"
    assert outsider.get(f"{base}/evidence/{ofsted_evidence.pk}/").status_code == 404
    assert outsider.post(f"{base}/evidence/{ofsted_evidence.pk}/delete/").status_code == 404
    response = outsider.post(
        judgement_url(inspection, "ofsted", "help_and_protection"),
        {"grade": "good", "rationale": "Outsider", "version": ""},
    )
    assert response.status_code == 404
    assert Evidence.objects.filter(pk=ofsted_evidence.pk).exists()
    assert not Judgement.objects.exists()


def test_an_inspector_on_no_team_is_refused_by_the_services(inspection, people, today):
    with pytest.raises(PermissionDenied):
        services.evidence_create(
            acting_user=people["outsider"],
            inspection=inspection,
            observed_on=today,
            source="data",
            area_codes=["help_and_protection"],
            text="Outsider",
        )
    assert not Evidence.objects.exists()


def test_programme_staff_read_the_workspace_but_do_not_record_evidence(client_for, inspection):
    admin_client = client_for("programme.admin")
    base = f"/inspections/{inspection.reference}"
    assert admin_client.get(f"{base}/workspace/").status_code == 200
    assert admin_client.get(f"{base}/evidence/new/").status_code == 403
