"""Fixtures for the written statement of action: a published report whose judgements are given.

The published report (its final version, printed judgements and publication) is written as model
rows directly: test set-up standing in for the reports app's render and publish services, which
have their own tests. Everything the statements app does goes through its own services and pages.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from inspections.models import (
    AreaContact,
    PartnerBody,
    PartnerBodyKind,
)
from reports.models import Publication
from tests.statements.published import PDF, dated, pdf_upload, publish_report


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def inadequate(people) -> Publication:
    """Calderbridge's report, published on 2 April 2015 with an inadequate judgement."""
    publication = publish_report(
        people=people, grades={"help_and_protection": "inadequate", "leadership": "good"}
    )
    # The demo's own Calderbridge contacts stand down: each test says whom the area has.
    AreaContact.objects.filter(
        partner_body__local_authority=publication.inspection.local_authority
    ).update(active=False)
    return publication


@pytest.fixture
def contacts(inadequate) -> list[AreaContact]:
    """Two active contacts of Calderbridge's partner bodies, and one who has left."""
    area = inadequate.inspection.local_authority
    council, _ = PartnerBody.objects.get_or_create(
        local_authority=area,
        name="Calderbridge Council",
        defaults={"kind": PartnerBodyKind.CHILDRENS_SERVICES},
    )
    police, _ = PartnerBody.objects.get_or_create(
        local_authority=area, name="Calder Valley Police", defaults={"kind": PartnerBodyKind.POLICE}
    )
    return [
        AreaContact.objects.create(
            partner_body=council, name="Asha Patel", role="Director", email="asha@example.org"
        ),
        AreaContact.objects.create(
            partner_body=police, name="Tom Reid", role="Superintendent", email="tom@example.org"
        ),
        AreaContact.objects.create(
            partner_body=police,
            name="Left Already",
            role="Inspector",
            email="left@example.org",
            active=False,
        ),
    ]


@pytest.fixture
def admin_client(client_for) -> Client:
    return client_for("programme.admin")


@pytest.fixture
def receive(admin_client, inadequate) -> Callable[..., object]:
    """Record a statement through the page, as programme staff do."""

    def post(content: bytes = PDF, name: str = "statement.pdf", day=datetime.date(2015, 7, 1)):
        url = f"/statements/{inadequate.inspection.reference}/receipt/"
        return admin_client.post(
            url, {**dated("received_on", day), "pdf": pdf_upload(content, name)}
        )

    return post
