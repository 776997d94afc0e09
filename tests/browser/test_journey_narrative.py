"""Journey 4: a joint targeted area inspection (DESIGN rule 16) in Debian's Chromium, from set-up
with its theme to the published joint letter, which prints no grade and whose PDF is tagged.

Programme staff set the inspection up and choose its theme; each agency's inspector writes a
tagged finding; the lead inspector writes the letter; every participating lead agrees the same
version; the lead inspector finalises it, asks for the final version, watches it render (a real
Celery worker where there is a broker), and publishes; the public reads the letter.
"""

from __future__ import annotations

import datetime
import io
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from core.working_days import is_working_day
from inspections import services as inspection_services
from inspections.demo import move_through
from inspections.models import Inspection, InspectionStatus, TeamRole
from narrative.models import Finding
from reports.models import Publication, ReportVersion
from tests.reports.conftest import record_closed_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RENDER_TIMEOUT_MS = 120_000
GRADE_WORDS = re.compile(r"outstanding|inadequate|requires improvement|grade", re.IGNORECASE)
FINDINGS = {
    "ofsted.inspector": (
        "Ofsted",
        "Strength",
        "Social workers see children who go missing the same day.",
    ),
    "hmic.inspector": (
        "HM Inspectorate of Constabulary",
        "Area for improvement",
        "Officers do not always record why a child went missing.",
    ),
}


def _team_and_drafting(reference: str, people) -> None:
    """Programme staff name the team and the lead inspector moves the inspection on: set-up
    steps other journeys cover through their pages. From another thread: Playwright's loop
    owns this one."""
    inspection = Inspection.objects.get(reference=reference)
    admin, lead = people["programme.admin"], people["ofsted.lead"]
    for username, role in (
        ("ofsted.lead", TeamRole.INSPECTORATE_LEAD),
        ("hmic.lead", TeamRole.INSPECTORATE_LEAD),
        ("ofsted.inspector", TeamRole.INSPECTOR),
        ("hmic.inspector", TeamRole.INSPECTOR),
    ):
        inspection_services.team_member_add(
            acting_user=admin, inspection=inspection, user=people[username], role=role
        )
    inspection = move_through(
        acting_user=lead,
        inspection=inspection,
        stages=(InspectionStatus.NOTIFIED, InspectionStatus.FIELDWORK, InspectionStatus.DRAFTING),
    )
    connection.close()


def _round_closed(reference: str, people) -> None:
    inspection = Inspection.objects.get(reference=reference)
    record_closed_round(
        inspection, people, ReportVersion.objects.filter(inspection=inspection).latest("number")
    )
    connection.close()


def _in_thread(function, *args) -> None:
    with ThreadPoolExecutor(1) as thread:
        thread.submit(function, *args).result()


def _set_up(journey, people) -> str:
    page = journey.page
    journey.sign_in("programme.admin")
    journey.visit("/inspections/new/", "set up an inspection")
    page.get_by_label("Local authority area").select_option(label="Dunmore")
    page.get_by_label("Joint targeted area inspection", exact=True).check()
    end = timezone.localdate() - datetime.timedelta(days=2)
    start = end - datetime.timedelta(days=11)
    while not is_working_day(start):  # short notice counts to a working day (DESIGN rule 17)
        start -= datetime.timedelta(days=1)
    for name, day in (("window_start", start), ("window_end", end)):
        for index, value in enumerate((day.day, day.month, day.year)):
            page.locator(f'[name="{name}_{index}"]').fill(str(value))
    ofsted = page.get_by_label("Ofsted", exact=True)
    if not ofsted.is_checked():  # Ofsted always takes part: the form may tick it already.
        ofsted.check()
    page.get_by_label("HM Inspectorate of Constabulary", exact=True).check()
    page.get_by_label("Lead inspector (Ofsted)").select_option(str(people["ofsted.lead"].pk))
    journey.submit("Set up inspection", "inspection set up", screenshot=True)
    reference = re.search(r"Inspection (JTAI-\S+) set up", journey.success_banner()).group(1)
    journey.follow("Theme of the inspection", "choose the theme", screenshot=True)
    page.locator('input[name="theme"][value="cse_missing"]').check()
    journey.submit("Save the theme", "theme saved")
    assert "The theme is saved." in journey.success_banner()
    journey.sign_out()
    return reference


def _write_findings(journey, reference: str) -> None:
    page = journey.page
    for username, (agency, kind, text) in FINDINGS.items():
        journey.sign_in(username)
        journey.visit(f"/inspections/{reference}/narrative/", f"findings ({username})")
        journey.follow(
            f"Add a finding for {agency}", f"add a finding ({username})", screenshot=True
        )
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("Finding", exact=True).fill(text)
        page.get_by_label("Identifying concerns and the initial response").check()
        page.get_by_label("Return home interviews and learning from them").check()
        journey.submit("Save the finding", f"finding saved ({username})", screenshot=True)
        expect(page.get_by_text(text)).to_be_visible()
        journey.sign_out()


def _agree_letter(journey, reference: str) -> None:
    page = journey.page
    journey.sign_in("ofsted.lead")
    journey.visit(f"/inspections/{reference}/shared/letter/", "the joint letter")
    with page.expect_navigation():
        page.get_by_role("button", name="Write the first draft").click()
    journey.checkpoint("write the letter")
    page.get_by_label("The letter").fill(
        "Ofsted and HM Inspectorate of Constabulary inspected Dunmore's response to "
        "children missing."
    )
    page.get_by_label("Next steps").fill(
        "Leaders should agree one plan for children who go missing."
    )
    journey.submit("Save a new version", "letter saved", screenshot=True)
    journey.submit("Circulate for sign-off", "letter circulated")
    for username in ("hmic.lead", "ofsted.lead"):
        if username == "hmic.lead":
            journey.sign_out()
            journey.sign_in(username)
        journey.follow("Sign off the joint letter", f"letter to sign ({username})")
        page.get_by_label("Agree", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Sign off for ")).click()
        journey.checkpoint(f"letter signed ({username})")
        assert ": agree." in journey.success_banner()
        if username == "hmic.lead":
            journey.sign_out()
            journey.sign_in("ofsted.lead")
            journey.visit("/inspections/", "your inspections (ofsted.lead)")
    journey.visit(f"/inspections/{reference}/shared/letter/", "the letter, agreed by both")
    journey.submit("Finalise", "letter finalised", screenshot=True)
    assert "is agreed and finalised." in journey.success_banner()


def test_a_joint_targeted_area_inspection_from_set_up_to_its_published_letter(
    start_journey, seeded, report_worker
):
    people = seeded.people
    journey = start_journey("journey-4-narrative")
    page = journey.page
    reference = _set_up(journey, people)
    _in_thread(_team_and_drafting, reference, people)
    _write_findings(journey, reference)
    _agree_letter(journey, reference)

    journey.visit(f"/inspections/{reference}/report/", "the letter's report page")
    page.get_by_label("Final", exact=True).check()
    page.get_by_label("As soon as it is ready, today", exact=True).check()
    journey.submit("Render the report", "final version asked for")
    expect(page.locator("[data-report-state]")).to_contain_text("Ready", timeout=RENDER_TIMEOUT_MS)
    journey.checkpoint("letter rendered", screenshot=True)
    _in_thread(_round_closed, reference, people)
    journey.follow("Joint report", "report page with final version", exact=True)
    journey.follow("Check the conditions and publish the report", "publish the letter")
    expect(page.locator("#missing-conditions")).to_have_count(0)
    journey.submit("Publish the report", "letter published")
    journey.follow("The public report page", "public letter", screenshot=True)
    letter = page.locator("article.app-letter")
    expect(letter).to_contain_text("Social workers see children who go missing the same day.")
    expect(letter).to_contain_text("Return home interviews and learning from them")
    expect(letter).to_contain_text("Inspectorate lead, HM Inspectorate of Constabulary")
    assert not GRADE_WORDS.search(letter.inner_text())
    journey.finish()

    assert report_worker.rendered()
    publication = Publication.objects.select_related("report_version").get(
        inspection__reference=reference
    )
    assert Finding.objects.filter(inspection__reference=reference).count() == 2
    version = publication.report_version
    assert version.personal_data_check == "passed"
    with default_storage.open(version.pdf.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Social workers see children" in text and not GRADE_WORDS.search(text)
