"""When an area owes a written statement of action, and by when (DESIGN rule 12)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from statements import selectors
from tests.statements.published import DUE_ON, LONDON, publish_report


def test_a_report_without_an_inadequate_judgement_owes_no_statement(people):
    publication = publish_report(
        people=people, grades={"help_and_protection": "requires_improvement", "lscb": "good"}
    )

    assert selectors.statement_owed(inspection=publication.inspection) is None
    assert selectors.statements_owed() == []


def test_an_inadequate_judgement_makes_a_statement_owed_naming_the_judgement(inadequate):
    owed = selectors.statement_owed(inspection=inadequate.inspection)

    assert owed is not None
    assert owed.reasons == ("Help and protection: Inadequate",)
    assert [item.inspection for item in selectors.statements_owed()] == [inadequate.inspection]


def test_the_due_date_is_70_working_days_from_publication_skipping_easter_and_may(inadequate):
    # Published on Thursday 2 April 2015: Good Friday, Easter Monday and both May bank holidays
    # fall in the 70 working days, as do fourteen weekends.
    owed = selectors.statement_owed(inspection=inadequate.inspection)

    assert owed.first_published_on == datetime.date(2015, 4, 2)
    assert owed.due_on == DUE_ON == datetime.date(2015, 7, 15)


def test_the_publication_date_is_the_local_date_of_publication(people):
    # 11:30pm on 2 April UTC is already Friday 3 April (Good Friday) in London.
    late = datetime.datetime(2015, 4, 2, 23, 30, tzinfo=datetime.UTC)
    publication = publish_report(
        people=people, grades={"leadership": "inadequate"}, published_at=late
    )

    owed = selectors.statement_owed(inspection=publication.inspection)

    assert timezone.localtime(late, LONDON).date() == datetime.date(2015, 4, 3)
    assert owed.first_published_on == datetime.date(2015, 4, 3)
    assert owed.due_on == datetime.date(2015, 7, 15)  # Good Friday itself does not count


def test_an_embargoed_report_owes_nothing_until_it_is_public(people):
    future = timezone.now() + datetime.timedelta(days=2)
    publication = publish_report(
        people=people, grades={"leadership": "inadequate"}, published_at=future
    )

    assert selectors.statement_owed(inspection=publication.inspection) is None


def test_a_correction_uses_its_grades_but_keeps_the_first_publication_date(people, inadequate):
    later = datetime.datetime(2015, 5, 6, 9, 0, tzinfo=LONDON)
    publish_report(
        people=people,
        grades={"help_and_protection": "inadequate", "leadership": "inadequate"},
        published_at=later,
        inspection=inadequate.inspection,
    )
    owed = selectors.statement_owed(inspection=inadequate.inspection)
    assert owed.due_on == DUE_ON
    assert len(owed.reasons) == 2

    publish_report(
        people=people,
        grades={"help_and_protection": "requires_improvement"},
        published_at=later + datetime.timedelta(days=1),
        inspection=inadequate.inspection,
    )
    assert selectors.statement_owed(inspection=inadequate.inspection) is None


def test_the_statement_page_shows_the_due_date_as_a_date(admin_client, inadequate):
    response = admin_client.get(f"/statements/{inadequate.inspection.reference}/")

    assert response.status_code == 200
    body = response.content.decode()
    assert "15 July 2015" in body
    assert "2 April 2015" in body
    assert "Help and protection: Inadequate" in body
