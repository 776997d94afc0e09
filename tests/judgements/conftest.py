"""Fixtures for evidence and judgements, made through the real services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from judgements import services


@pytest.fixture
def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def record_evidence(inspection, people, today):
    """Record evidence as a demo user, for their own inspectorate."""

    def record(username: str, area_codes, text: str = "Seen in a case audit.", **overrides):
        arguments = {
            "observed_on": today,
            "source": "case_audit",
            "area_codes": list(area_codes),
            "text": text,
        }
        arguments.update(overrides)
        return services.evidence_create(
            acting_user=people[username], inspection=inspection, **arguments
        )

    return record


@pytest.fixture
def save_judgement(inspection, people):
    """Save a judgement as a demo user; version None creates it."""

    def save(username: str, code: str, area_code: str, *, version=None, **fields):
        arguments = {"grade": "good", "rationale": "What the evidence shows."}
        arguments.update(fields)
        return services.judgement_save(
            acting_user=people[username],
            inspection=inspection,
            inspectorate_code=code,
            area_code=area_code,
            expected_version=version,
            **arguments,
        )

    return save


@pytest.fixture
def ofsted_evidence(record_evidence):
    return record_evidence("ofsted.inspector", ["help_and_protection"])


def date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {
        f"{name}_0": str(value.day),
        f"{name}_1": str(value.month),
        f"{name}_2": str(value.year),
    }


def judgement_url(inspection, code: str, area_code: str, action: str = "") -> str:
    url = f"/inspections/{inspection.reference}/judgements/{code}/{area_code}/"
    return f"{url}{action}/" if action else url
