"""The personal-data check through real renders (DESIGN rule 19): a blocking finding stops
publication and says where it is; a warning needs a named lead's acknowledgement, with a reason,
before a factual accuracy draft is sent or a final version published.

Every class of finding is tested on text alone in test_personal_data_classes.py; renders are
slow, so these few check what only a render shows: the PDF's pages and sections, the version
page, and the gates.
"""

import pytest
from django.core.exceptions import ValidationError

from core import gates
from core.permissions import Refused
from judgements.models import Judgement
from lscb.models import SharedTextVersion
from reports import selectors
from reports.models import FindingAcknowledgement, PersonalDataCheck, Publication, ReportPurpose
from reports.personal_data import selectors as personal_data
from reports.personal_data import services as personal_data_services
from tests.reports.conftest import CHILD_NAME, STAFF_NAME, publish, render

pytestmark = pytest.mark.django_db

SECTION = "Ofsted: Children who need help and protection"
STAFF_WARNING = "a staff member's name from Ofsted's evidence of"


def _write_into_finding(inspection, text: str) -> None:
    judgement = Judgement.objects.get(inspection=inspection, area_code="help_and_protection")
    judgement.rationale = f"{judgement.rationale} {text}"
    judgement.save()


def _group(version, label_start: str):
    groups = personal_data.finding_groups(version=version)
    return next(g for g in groups if g.label.startswith(label_start))


def test_a_clean_report_passes_the_check(final_version):
    assert final_version.personal_data_check == PersonalDataCheck.PASSED
    assert final_version.personal_data_findings == []


def test_a_childs_name_blocks_publication_naming_the_section_and_page(
    client_for, ready_inspection, people
):
    _write_into_finding(ready_inspection, f"{CHILD_NAME}'s plan was late; {STAFF_NAME} agreed.")
    SharedTextVersion.objects.filter(shared_text__inspection=ready_inspection).update(
        body="Families near LS1 4AP were seen."
    )
    version = render(ready_inspection, people)
    assert version.personal_data_check == PersonalDataCheck.FAILED
    child = _group(version, "the child's name from case sample CASE-01")
    assert child.blocking
    places = {(p["where"], p["section"]) for p in child.places}
    assert (f"the section \u201c{SECTION}\u201d of the web page", SECTION) in places
    # In the PDF the finding names its page and, from the headings laid out there, its section.
    (pdf,) = [p for p in child.places if p["page"]]
    assert pdf["section"] == SECTION and pdf["where"] == f"page {pdf['page']} of the PDF"
    assert pdf["match"] == f"{CHILD_NAME}'s" or pdf["match"] == CHILD_NAME
    # The shared text is read too: a postcode in the summary of key findings blocks.
    postcode = _group(version, "a postcode")
    assert "Summary of key findings" in {p["section"] for p in postcode.places}
    assert not _group(version, STAFF_WARNING).blocking

    with pytest.raises(ValidationError) as refused:
        publish(ready_inspection, people)
    found, warned = refused.value.messages
    assert found.startswith("The personal-data check found personal data in final version 1: ")
    assert (
        "the child's name from case sample CASE-01 in the section "
        f"\u201c{SECTION}\u201d of the web page, page {pdf['page']} of the PDF" in found
    )
    assert warned.startswith("The personal-data check on final version 1 has 1 warning not yet")
    for message in (found, warned):
        assert CHILD_NAME not in message and "LS1" not in message and STAFF_NAME not in message
    assert not Publication.objects.exists()

    # A blocking finding cannot be acknowledged away.
    with pytest.raises(ValidationError) as refused:
        personal_data_services.finding_acknowledge(
            acting_user=people["ofsted.lead"],
            version=version,
            finding_key=child.key,
            reason="It is fine.",
        )
    assert refused.value.messages == [personal_data_services.BLOCKING_NOT_ACKNOWLEDGEABLE]

    # The team sees the words around it; programme staff see where, never a child's name.
    page = client_for("ofsted.lead").get(version.get_absolute_url()).content.decode()
    assert "Personal-data findings" in page and "<mark" in page and CHILD_NAME in page
    admin_page = client_for("programme.admin").get(version.get_absolute_url()).content.decode()
    assert "Personal-data findings" in admin_page and CHILD_NAME not in admin_page


def test_a_factual_accuracy_draft_is_not_sent_until_its_warnings_are_acknowledged(
    client_for, ready_inspection, people
):
    _write_into_finding(ready_inspection, f"The team manager, {STAFF_NAME}, agreed.")
    draft = render(ready_inspection, people, purpose=ReportPurpose.FACTUAL_ACCURACY)
    assert draft.personal_data_check == PersonalDataCheck.WARNINGS
    warning = _group(draft, STAFF_WARNING)
    (missing,) = gates.missing("send_draft", inspection=ready_inspection)
    assert missing.startswith(
        "The personal-data check on factual accuracy draft 1 has 1 warning not yet acknowledged"
    )
    assert STAFF_NAME not in missing

    # Only a lead is the named reviewer.
    with pytest.raises(Refused):
        personal_data_services.finding_acknowledge(
            acting_user=people["ofsted.inspector"],
            version=draft,
            finding_key=warning.key,
            reason="A manager named in her role.",
        )
    url = f"/inspections/{ready_inspection.reference}/report/versions/1/findings/acknowledge/"
    lead = client_for("cqc.lead")
    response = lead.post(url, {"finding_key": warning.key, "reason": "  "})
    assert response.status_code == 400
    assert "Enter why this can stay in the report" in response.content.decode()
    assert not FindingAcknowledgement.objects.exists()

    response = lead.post(url, {"finding_key": warning.key, "reason": "Named in her public role."})
    assert response.status_code == 302
    acknowledgement = FindingAcknowledgement.objects.get()
    assert acknowledgement.acknowledged_by == people["cqc.lead"]
    assert acknowledgement.reason == "Named in her public role."
    assert acknowledgement.history.get().history_user == people["cqc.lead"]
    assert gates.missing("send_draft", inspection=ready_inspection) == []
    page = lead.get(draft.get_absolute_url()).content.decode()
    assert "Acknowledged by" in page and "Named in her public role." in page

    # Acknowledged once: a second reviewer is told who did it.
    with pytest.raises(ValidationError, match="already acknowledged"):
        personal_data_services.finding_acknowledge(
            acting_user=people["ofsted.lead"],
            version=draft,
            finding_key=warning.key,
            reason="Again.",
        )


def test_a_final_version_with_a_warning_is_published_once_it_is_acknowledged(
    ready_inspection, people
):
    _write_into_finding(ready_inspection, f"{STAFF_NAME} leads the front door.")
    version = render(ready_inspection, people)
    assert version.personal_data_check == PersonalDataCheck.WARNINGS
    missing = selectors.publication_missing_conditions(inspection=ready_inspection)
    assert len(missing) == 1 and "not yet acknowledged" in missing[0]
    for group in personal_data.finding_groups(version=version):
        personal_data_services.finding_acknowledge(
            acting_user=people["ofsted.lead"],
            version=version,
            finding_key=group.key,
            reason="A senior manager named in her public role.",
        )
    assert selectors.publication_missing_conditions(inspection=ready_inspection) == []
    assert publish(ready_inspection, people).report_version == version
