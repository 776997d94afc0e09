"""Narrative joint targeted area inspections (DESIGN rule 16) through the real services, the
real render (WeasyPrint) and the public pages: theme, tagged findings, the joint letter agreed by
every lead, checked for personal data and published, with no grade anywhere."""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.test import Client
from pypdf import PdfReader

from core.permissions import Refused
from inspections import services as inspection_services
from inspections.demo import notification_day
from inspections.models import InspectionStatus, LocalAuthority
from inspectorates.registry import InspectionKind
from lscb.models import SharedText, SharedTextKind, SharedTextStatus
from lscb.services import LOCKED
from narrative import services
from narrative.gates import THEME_BEFORE_NOTICE
from narrative.models import Finding, FindingKind
from reports.models import PersonalDataCheck
from thematic import demo

GRADE_WORDS = re.compile(r"outstanding|inadequate|requires improvement|grade", re.IGNORECASE)


@pytest.fixture
def letter(seeded):
    return demo.seed_letter(seeded.people, "Calderbridge")


def test_a_narrative_letter_is_agreed_by_every_lead_checked_and_published_without_a_grade(
    letter,
):
    publication = letter.publications.get()
    version = publication.report_version
    assert letter.status == InspectionStatus.PUBLISHED
    assert version.personal_data_check == PersonalDataCheck.PASSED
    shared = SharedText.objects.get(inspection=letter, kind=SharedTextKind.JOINT_LETTER)
    assert shared.status == SharedTextStatus.AGREED
    live = shared.sign_offs.filter(voided_at=None, version_number=shared.current_version)
    assert live.count() == letter.participations.count() == 4
    page = Client().get(f"/reports/{publication.slug}/").content.decode()
    # Addressed to the area's leaders by name, signed by each lead with name and role.
    for text in (
        "Martin Hale, Director of children&#x27;s services",
        "Olivia Bennett",
        "Lead inspector, Ofsted",
        "Claire Quinn",
        "Inspectorate lead, Care Quality Commission",
        "Next steps",
        "written statement of proposed action",
        "Return home interviews and learning from them",
    ):
        assert text in page, text
    # The download panel follows the letter's heading, as on every report page (issue 17).
    assert page.index("<h1") < page.index("Download the letter") < page.index('id="contents"')
    body = version.body_html
    assert not GRADE_WORDS.search(body), GRADE_WORDS.search(body)
    with default_storage.open(version.pdf.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    pdf_text = " ".join(page.extract_text() for page in reader.pages)
    assert "Calderbridge" in pdf_text and "Strengths" in pdf_text
    assert not GRADE_WORDS.search(pdf_text)
    listed = json.loads(Client().get("/api/reports/").content)
    assert letter.reference in json.dumps(listed)


def test_the_theme_is_chosen_before_the_area_is_notified(seeded):
    people = seeded.people
    inspection = inspection_services.inspection_create(
        acting_user=people["programme.admin"],
        local_authority=LocalAuthority.objects.get(name="Dunmore"),
        kind=InspectionKind.JOINT_TARGETED_AREA,
        window_start=datetime.date(2016, 9, 5),
        window_end=datetime.date(2016, 9, 16),
        inspectorate_codes=["ofsted", "hmic"],
        lead_inspector=people["ofsted.lead"],
    )
    with pytest.raises(ValidationError) as refused:
        inspection_services.inspection_move_stage(
            acting_user=people["ofsted.lead"],
            inspection=inspection,
            to_status=InspectionStatus.NOTIFIED,
        )
    assert THEME_BEFORE_NOTICE in refused.value.messages
    with pytest.raises(ValidationError) as wrong:
        services.theme_choose(
            acting_user=people["programme.admin"], inspection=inspection, theme_code="lscb"
        )
    assert wrong.value.message_dict == {"theme": [services.THEME_NOT_IN_FRAMEWORK]}
    with pytest.raises(Refused):
        services.theme_choose(
            acting_user=people["ofsted.lead"], inspection=inspection, theme_code="neglect"
        )
    services.theme_choose(
        acting_user=people["programme.admin"], inspection=inspection, theme_code="neglect"
    )
    moved = inspection_services.inspection_move_stage(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        to_status=InspectionStatus.NOTIFIED,
        notified_on=notification_day(inspection),
    )
    assert moved.status == InspectionStatus.NOTIFIED


def _drafting_letter(people):
    """Calderbridge's letter up to the leads' sign-off, as the demo makes it, then drafting."""
    area = LocalAuthority.objects.get(name="Calderbridge")
    inspection = demo._set_up(people, area, datetime.date(2016, 6, 6))
    services.finding_add(
        acting_user=people["cqc.inspector"],
        inspection=inspection,
        inspectorate_code="cqc",
        kind=FindingKind.STRENGTH,
        text="Health visitors ask about missing episodes.",
        sub_themes=["front_door"],
    )
    return inspection


def test_an_inspectorate_writes_only_its_own_findings_with_the_themes_sub_themes(seeded):
    people = seeded.people
    inspection = _drafting_letter(people)
    with pytest.raises(Refused):
        services.finding_add(
            acting_user=people["cqc.inspector"],
            inspection=inspection,
            inspectorate_code="ofsted",
            kind=FindingKind.STRENGTH,
            text="Not CQC's to write.",
            sub_themes=["front_door"],
        )
    with pytest.raises(ValidationError) as wrong:
        services.finding_add(
            acting_user=people["ofsted.inspector"],
            inspection=inspection,
            inspectorate_code="ofsted",
            kind=FindingKind.STRENGTH,
            text="Tagged with another theme's sub-theme.",
            sub_themes=["county_lines"],
        )
    assert wrong.value.message_dict == {"sub_themes": [services.SUB_THEME_UNKNOWN]}
    assert Finding.objects.filter(inspection=inspection).count() == 1


def test_changing_a_finding_voids_the_letters_sign_offs_and_an_agreed_letter_fixes_them(seeded):
    people = seeded.people
    inspection = _drafting_letter(people)
    for code in ("ofsted", "hmic", "hmi_probation"):
        services.finding_add(
            acting_user=people[f"{demo.PEOPLE_PREFIX[code]}.inspector"],
            inspection=inspection,
            inspectorate_code=code,
            kind=FindingKind.AREA_FOR_IMPROVEMENT,
            text=f"{code} finding.",
            sub_themes=["leadership"],
        )
    demo.agree_letter(inspection, people)
    finding = Finding.objects.get(inspection=inspection, inspectorate__code="cqc")
    with pytest.raises(ValidationError) as locked:
        services.finding_update(
            acting_user=people["cqc.inspector"],
            finding=finding,
            kind=FindingKind.STRENGTH,
            text="Changed after the letter was agreed.",
            sub_themes=["front_door"],
        )
    assert locked.value.messages == [LOCKED.format(kind="joint letter")]
    letter = SharedText.objects.get(inspection=inspection, kind=SharedTextKind.JOINT_LETTER)
    from lscb import services as lscb_services

    lscb_services.shared_text_reopen(
        acting_user=people["ofsted.lead"],
        shared_text=letter,
        reason="A finding is wrong",
        seen_version=1,
    )
    lscb_services.shared_text_circulate(
        acting_user=people["ofsted.lead"], shared_text=letter, seen_version=1
    )
    lscb_services.signoff_record(
        acting_user=people["cqc.lead"],
        shared_text=letter,
        inspectorate_code="cqc",
        version_number=1,
        decision="agree",
    )
    services.finding_update(
        acting_user=people["cqc.inspector"],
        finding=finding,
        kind=FindingKind.STRENGTH,
        text="Health visitors ask about every missing episode.",
        sub_themes=["front_door", "risk_assessment"],
    )
    assert not letter.sign_offs.filter(voided_at=None).exists()
    voided = letter.sign_offs.get(inspectorate__code="cqc", void_reason__contains="findings")
    assert voided.void_reason == "Care Quality Commission's findings changed"
