"""Shared text at each step, made through the real services."""

from __future__ import annotations

import pytest

from lscb import services
from lscb.models import SharedText, SharedTextKind, SignOffDecision

# Each participating inspectorate's lead on the demo inspection.
LEADS = {
    "ofsted": "ofsted.lead",
    "cqc": "cqc.lead",
    "hmic": "hmic.lead",
    "hmi_probation": "probation.lead",
    "hmi_prisons": "prisons.lead",
}

LSCB_TEXT = {
    "grade": "good",
    "body": "The board knows the area's risks.\nPartners attend at the right level.",
    "improvements": "Audit more multi-agency cases.",
}


def save(people, inspection, *, expected_version: int, **changes) -> SharedText:
    content = {**LSCB_TEXT, **changes}
    return services.shared_text_save(
        acting_user=people["ofsted.lead"],
        inspection=inspection,
        kind=SharedTextKind.LSCB_JUDGEMENT,
        expected_version=expected_version,
        **content,
    )


def sign(people, shared_text: SharedText, code: str, decision=SignOffDecision.AGREE, comment=""):
    shared_text.refresh_from_db()
    return services.signoff_record(
        acting_user=people[LEADS[code]],
        shared_text=shared_text,
        inspectorate_code=code,
        version_number=shared_text.current_version,
        decision=decision,
        comment=comment,
    )


@pytest.fixture
def draft(inspection, people) -> SharedText:
    """Version 1 of the LSCB judgement, not yet circulated."""
    return save(people, inspection, expected_version=0)


@pytest.fixture
def circulated(draft, people) -> SharedText:
    return services.shared_text_circulate(
        acting_user=people["ofsted.lead"], shared_text=draft, seen_version=draft.current_version
    )


@pytest.fixture
def all_agree(circulated, people) -> SharedText:
    """Every participating inspectorate agrees version 1."""
    for code in LEADS:
        sign(people, circulated, code)
    circulated.refresh_from_db()
    return circulated


@pytest.fixture
def finalised(all_agree, people) -> SharedText:
    return services.shared_text_finalise(
        acting_user=people["ofsted.lead"],
        shared_text=all_agree,
        seen_version=all_agree.current_version,
    )
