"""`seed_scale` at a small size: the programme the benchmarks measure, a hundredth of it."""

from __future__ import annotations

import datetime
import hashlib
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from guardian.models import UserObjectPermission

from inspections.models import CaseSample, Inspection, InspectionStatus, LocalAuthority
from inspections.permissions import inspection_access, sync_team_permissions
from judgements.models import Evidence, Judgement
from reports.models import Publication, ReportVersion
from reports.selectors import published_reports
from seeding.scale import BenchRole, scale_plan, scale_size
from tests.bench.conftest import SEED, SIZE

TODAY = datetime.date(2026, 11, 23)


def test_the_programme_has_every_count_scaled_down(scale):
    size = scale_size(SIZE)
    scale_areas = LocalAuthority.objects.filter(ons_code__regex=r"^E\d\d8\d{5}$")
    assert scale_areas.count() == size.areas == scale["areas"]
    assert Evidence.objects.filter(inspection__local_authority__in=scale_areas).count() == (
        size.evidence
    )
    assert CaseSample.objects.filter(inspection__local_authority__in=scale_areas).count() == (
        size.case_samples
    )
    published = Inspection.objects.filter(
        local_authority__in=scale_areas, status=InspectionStatus.PUBLISHED
    )
    assert published.count() == size.published_reports == scale["published_reports"]
    years = {start.year for start in published.values_list("window_start", flat=True)}
    assert years <= set(range(2015, 2020))


def test_the_full_size_is_the_programme_the_issue_describes():
    full = scale_size(1)
    assert (full.areas, full.published_reports, full.evidence, full.case_samples) == (
        152,
        300,
        20_000,
        2_000,
    )


def test_the_same_seed_gives_the_same_programme_and_another_seed_another():
    first = scale_plan(seed=SEED, size=SIZE, today=TODAY)
    again = scale_plan(seed=SEED, size=SIZE, today=TODAY)
    other = scale_plan(seed=SEED + 1, size=SIZE, today=TODAY)
    assert first == again and first.digest() == again.digest()
    assert first.digest() != other.digest()
    assert first.evidence_total == scale_size(SIZE).evidence


def test_the_demo_still_works_beside_the_programme(scale, client_for, inspection):
    assert Inspection.objects.filter(pk=inspection.pk, status=InspectionStatus.FIELDWORK).exists()
    response = client_for("ofsted.inspector").get(f"/inspections/{inspection.reference}/workspace/")
    assert response.status_code == 200
    assert "Ashdown" in response.content.decode()


def test_the_demo_people_work_on_the_benchmark_inspections(scale, client_for, people):
    references = scale["bench_inspections"]
    assert set(references) == set(BenchRole.ALL)
    fieldwork = Inspection.objects.get(reference=references[BenchRole.FIELDWORK])
    assert fieldwork.status == InspectionStatus.FIELDWORK
    access = inspection_access(people["cqc.inspector"], fieldwork)
    assert access.may_write_for("cqc") and not access.may_write_for("ofsted")
    workspace = client_for("ofsted.inspector").get(f"/inspections/{fieldwork.reference}/workspace/")
    assert workspace.status_code == 200
    evidence = client_for("ofsted.inspector").get(f"/inspections/{fieldwork.reference}/evidence/")
    assert f"{fieldwork.evidence.count()} pieces of evidence" in evidence.content.decode()
    sign_off = client_for("cqc.lead").get(f"/inspections/{fieldwork.reference}/shared/lscb/")
    assert sign_off.status_code == 200
    assert client_for("outsider").get(f"/inspections/{fieldwork.reference}/").status_code == 404
    long = Inspection.objects.get(reference=references[BenchRole.LONG])
    agreed = Judgement.objects.filter(inspection=long, status="agreed").count()
    assert agreed == sum(
        len(long.framework.for_inspectorate(p.inspectorate.code).areas)
        for p in long.participations.select_related("inspectorate")
    )


def test_the_seeded_permissions_are_those_the_team_gives(scale):
    """Bulk-written guardian rows equal what `sync_team_permissions` writes from the team."""

    def rows() -> set[tuple]:
        return set(
            UserObjectPermission.objects.values_list(
                "user_id", "permission__codename", "content_type__model", "object_pk"
            )
        )

    before = rows()
    for inspection in Inspection.objects.filter(local_authority__ons_code__regex=r"^E\d\d8"):
        sync_team_permissions(inspection)
    assert rows() == before


def test_published_reports_are_public_with_a_real_pdf(scale):
    reports = list(published_reports())
    scale_reports = [p for p in reports if p.inspection.local_authority.ons_code[3] == "8"]
    assert len(scale_reports) == scale["published_reports"]
    publication = scale_reports[0]
    client = Client()
    page = client.get(f"/reports/{publication.slug}/")
    assert page.status_code == 200
    assert publication.inspection.local_authority.name in page.content.decode()
    pdf = client.get(f"/reports/{publication.slug}.pdf")
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    assert hashlib.sha256(body).hexdigest() == publication.report_version.sha256
    # One stored file stands for every scale report (see seeding/scale/__init__.py).
    names = set(
        ReportVersion.objects.filter(publication__in=scale_reports).values_list("pdf", flat=True)
    )
    assert names == {scale["shared_pdf"]} and default_storage.exists(scale["shared_pdf"])
    assert Publication.objects.filter(slug=publication.slug).exists()


def test_seeding_twice_is_refused(scale):
    with pytest.raises(CommandError, match="already holds a programme at scale"):
        call_command("seed_scale", size=SIZE, seed=SEED, stdout=StringIO())
