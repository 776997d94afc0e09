"""Fixtures for the children's personal details: case samples made through the real services,
and the whole demo (its published report included) for the erasure."""

from __future__ import annotations

import datetime

import pytest

from inspections import case_samples
from tests.security.conftest import demo_data, full_demo  # noqa: F401 - fixtures used here

__all__ = ["demo_data", "full_demo"]


def born_aged(years: int, *, on: datetime.date) -> datetime.date:
    """A date of birth that makes a child `years` old on `on` (a birthday a week earlier)."""
    day = on - datetime.timedelta(days=7)
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return (day - datetime.timedelta(days=1)).replace(year=day.year - years)


@pytest.fixture
def make_case(inspection, people):
    """Record a case sample on the fieldwork inspection as Ofsted's inspector."""

    def make(reference: str = "ASH-P01", **overrides):
        arguments = {
            "internal_reference": reference,
            "tracking": "tracked",
            "age_band": "10_15",
            "child_name": "Morwenna Quillfeather",
            "date_of_birth": born_aged(12, on=inspection.window_start),
            "agency_references": "CSC-77120",
            "family_members": "Idris Quillfeather\nBronwen Quillfeather",
            "carers": "Gethin Marchmont",
            "aliases": "Wenna Quill",
            "school": "Harrowgate Fields Primary",
            "agencies_involved": ["ofsted", "cqc"],
        }
        arguments.update(overrides)
        return case_samples.case_sample_create(
            acting_user=people["ofsted.inspector"], inspection=inspection, **arguments
        )

    return make
