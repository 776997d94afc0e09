"""The demo has both shared texts circulated, with a couple of sign-offs, and seeds once."""

import pytest

from lscb import demo
from lscb.models import SharedText, SharedTextStatus, SignOff

pytestmark = pytest.mark.django_db


def test_the_demo_circulates_both_texts_with_some_sign_offs(seeded):
    demo.seed(seeded)

    texts = SharedText.objects.filter(inspection=seeded.inspection)
    assert {(t.kind, t.status, t.current_version) for t in texts} == {
        ("lscb_judgement", SharedTextStatus.CIRCULATED, 1),
        ("key_findings", SharedTextStatus.CIRCULATED, 1),
    }
    assert SignOff.objects.filter(voided_at=None, version_number=1).count() == 4


def test_seeding_the_demo_again_changes_nothing(seeded):
    demo.seed(seeded)
    demo.seed(seeded)

    assert SharedText.objects.count() == 2
    assert SignOff.objects.count() == 4
    assert SharedText.history.count() == 4  # saved and circulated, once each
