"""The demo's statements follow the rule; the statement's history is in the audit log; the list
of owed statements reads a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements import demo, selectors
from statements.models import MonitoringNote, StatementAction, StatementOfAction
from tests.statements.published import publish_report


def test_the_demo_records_a_statement_only_where_one_is_owed(seeded, people, inadequate):
    publish_report(
        people=people, grades={"leadership": "good"}, area_code="E08000902", slug="brackenfield"
    )

    assert demo.seed(seeded) == 1
    assert demo.seed(seeded) == 0  # idempotent

    statement = StatementOfAction.objects.get()
    assert statement.inspection == inadequate.inspection
    assert statement.pdf.name.endswith(".pdf") and len(statement.sha256) == 64
    today = selectors.today()
    actions = list(StatementAction.objects.filter(statement=statement))
    assert len(actions) == 2
    assert [action.is_overdue(today=today) for action in actions] == [True, False]
    assert MonitoringNote.objects.filter(statement=statement).count() == 1


def test_the_statements_history_is_in_the_inspections_audit_log(receive, client_for, inadequate):
    receive()
    reference = inadequate.inspection.reference

    response = client_for("programme.admin").get("/audit/", {"inspection": reference})

    assert response.status_code == 200
    assert "Written statement of action" in response.content.decode()


def test_the_owed_statements_are_read_in_a_fixed_number_of_queries(people, receive, inadequate):
    receive()

    with CaptureQueriesContext(connection) as one:
        assert len(selectors.statements_owed()) == 1
    for number, code in enumerate(["E08000902", "E06000901"]):
        publish_report(
            people=people,
            grades={"leadership": "inadequate"},
            area_code=code,
            slug=f"area-{number}",
            published_at=datetime.datetime(2015, 5, 1, 10, tzinfo=datetime.UTC),
        )
    with CaptureQueriesContext(connection) as three:
        assert len(selectors.statements_owed()) == 3

    assert len(three) == len(one)
