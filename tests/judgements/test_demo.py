"""The demo data: evidence, case samples and judgements, created once however often it runs."""

import pytest

from inspections.models import CaseSample
from judgements import demo
from judgements.models import Evidence, Judgement

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_evidence_and_judgements_once(seeded):
    demo.seed(seeded)
    counts = (Evidence.objects.count(), Judgement.objects.count(), CaseSample.objects.count())
    demo.seed(seeded)
    assert counts == (
        Evidence.objects.count(),
        Judgement.objects.count(),
        CaseSample.objects.count(),
    )
    assert counts == (len(demo.DEMO_EVIDENCE), 3, len(demo.DEMO_CASES))
    statuses = dict(Judgement.objects.values_list("area_code", "status"))
    assert statuses == {
        "help_and_protection": "submitted",
        "safeguarding": "agreed",
        "child_protection": "draft",
    }


def test_the_demo_inspection_pages_render_for_the_team(seeded, client_for):
    demo.seed(seeded)
    reference = seeded.inspection.reference
    client = client_for("ofsted.lead")
    for path in ("workspace/", "evidence/", "coverage/", "cases/"):
        assert client.get(f"/inspections/{reference}/{path}").status_code == 200, path
    judgement = Judgement.objects.get(area_code="safeguarding")
    for suffix in ("", "history/"):
        url = f"/inspections/{reference}/judgements/cqc/safeguarding/{suffix}"
        assert client.get(url).status_code == 200
    evidence = Evidence.objects.first()
    assert client.get(f"/inspections/{reference}/evidence/{evidence.pk}/").status_code == 200
    assert judgement.agreed_by == seeded.people["cqc.lead"]
