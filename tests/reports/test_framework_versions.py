"""Two versions of the integrated framework side by side (issue 16, ADR 17): the 2015 report
keeps its labels and names in its page, PDF, feed and API after the 2017 version exists, and the
2018 report under 2017.1 shows Ofsted's 2017 scale, HMICFRS's name and HMI Prisons' four
healthy-establishment tests on their own scale."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

import pytest
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import Client, override_settings
from pypdf import PdfReader

from inspections import demo as inspections_demo
from seeding.demo import seed_published_report, seed_second_version_report

pytestmark = pytest.mark.django_db

OLD_HMIC = "HM Inspectorate of Constabulary"
NEW_HMIC = "HM Inspectorate of Constabulary and Fire & Rescue Services"
OLD_RI = "Requires improvement"
NEW_RI = "Requires improvement to be good"
PRISONS_TESTS = ("Safety", "Respect", "Purposeful activity", "Resettlement")


@dataclass(frozen=True)
class Published:
    framework_key: str
    page: str
    pdf_text: str
    api: dict
    feed_entry: str


def _pdf_text(version) -> str:
    with default_storage.open(version.pdf.name, "rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    return re.sub(r"-\s+", "-", text)


def _published(client: Client, inspection, api: dict, feed: str) -> Published:
    publication = inspection.publications.latest("publish_at", "pk")
    entry = re.search(
        rf"<entry>(?:(?!</entry>).)*{re.escape(publication.get_version_url())}.*?</entry>",
        feed,
        re.S,
    )
    return Published(
        framework_key=inspection.framework_key,
        page=client.get(publication.get_absolute_url()).content.decode(),
        pdf_text=_pdf_text(publication.report_version),
        api=next(r for r in api["results"] if r["slug"] == publication.slug),
        feed_entry=entry.group(0),
    )


@pytest.fixture(scope="module")
def both(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, Published]:
    """The demo's 2015 report and its 2018 report under 2017.1, seeded and read once."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("versions-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        seeded = inspections_demo.seed()
        first = seed_published_report(seeded)
        second = seed_second_version_report(seeded)
        client = Client()
        api = json.loads(client.get("/api/reports/").content)
        feed = client.get("/reports/feed/").content.decode()
        found = {
            "2015": _published(client, first, api, feed),
            "2017": _published(client, second, api, feed),
        }
        transaction.set_rollback(True)
    return found


def test_each_report_keeps_the_version_it_was_notified_under(both):
    assert both["2015"].framework_key == "integrated/2015.1"
    assert both["2017"].framework_key == "integrated/2017.1"


def test_the_first_versions_labels_and_names_are_unchanged_everywhere(both):
    old = both["2015"]
    for text in (old.page, old.pdf_text):
        assert OLD_HMIC in text
        assert "Fire &" not in text
        assert NEW_RI not in text
        assert OLD_RI in text
        assert "Custodial and detention services holding children" in text
        assert "Reasonably good" not in text
    labels = {j["area"]: j["grade_label"] for j in old.api["judgements"]}
    assert labels["care_leavers"] == OLD_RI
    assert {j["inspectorate_name"] for j in old.api["judgements"]} >= {OLD_HMIC}
    assert "custody" in labels
    assert "Fire &amp;" not in old.feed_entry and NEW_RI not in old.feed_entry


def test_the_second_version_shows_its_own_labels_name_and_the_prisons_tests(both):
    new = both["2017"]
    assert NEW_RI in new.pdf_text
    assert NEW_HMIC in new.pdf_text
    assert NEW_RI in new.page
    assert NEW_HMIC.replace("&", "&amp;") in new.page
    for title in PRISONS_TESTS:
        assert title in new.page
        assert title in new.pdf_text
    for label in ("Reasonably good", "Not sufficiently good"):
        assert label in new.page
        assert label in new.pdf_text
    # The healthy-establishment descriptors are what the grades mean in this report.
    assert "Outcomes for children are reasonably good against this test" in new.pdf_text


def test_the_api_carries_the_prisons_tests_grades_on_their_own_scale(both):
    judgements = {
        (j["inspectorate"], j["area"]): (j["grade"], j["grade_label"])
        for j in both["2017"].api["judgements"]
    }
    assert judgements[("hmi_prisons", "safety")] == ("reasonably_good", "Reasonably good")
    assert judgements[("hmi_prisons", "purposeful_activity")] == (
        "not_sufficiently_good",
        "Not sufficiently good",
    )
    assert judgements[("hmi_prisons", "respect")] == ("good", "Good")
    assert judgements[("ofsted", "looked_after_and_permanence")] == (
        "requires_improvement",
        NEW_RI,
    )
    assert ("hmi_prisons", "custody") not in judgements
