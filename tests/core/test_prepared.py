"""Reads planned once per database connection (core/prepared.py, ADR 0020): the same rows and
types as before, only for plain reads, forgotten with the connection, and never too many."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import CharField, DateField, DateTimeField, DecimalField, Value

from core import prepared
from core.prepared import planned_once
from tests.conftest import require_services

pytestmark = [pytest.mark.django_db, pytest.mark.services]


@pytest.fixture(autouse=True)
def _postgresql_only():
    # Prepared statements are PostgreSQL's; the embedded demo's SQLite runs reads plainly.
    require_services(postgres=True)


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'planned_%%'")
        return {name for (name,) in cursor.fetchall()}


def _read(username: str) -> list[tuple]:
    return list(
        get_user_model()
        .objects.filter(username=username)
        .annotate(
            number=Value(7),
            words=Value("seven", output_field=CharField()),
            day=Value(datetime.date(2026, 11, 30), output_field=DateField()),
            moment=Value(
                datetime.datetime(2026, 11, 30, 12, tzinfo=datetime.UTC),
                output_field=DateTimeField(),
            ),
            amount=Value(decimal.Decimal("1.50"), output_field=DecimalField()),
        )
        .values_list("username", "number", "words", "day", "moment", "amount")
    )


def test_a_read_repeated_on_a_connection_is_prepared_once_and_answers_the_same(people):
    plain = _read("ofsted.inspector")
    before = _prepared_names()
    with planned_once():
        answers = [_read("ofsted.inspector") for _ in range(prepared.PREPARE_AFTER + 3)]
        other_person = _read("cqc.lead")
    new = _prepared_names() - before
    assert len(new) == 1, "one statement, prepared once, whichever values it is run with"
    assert all(answer == plain for answer in answers)
    assert other_person[0][0] == "cqc.lead"


def test_values_keep_their_types(people):
    plain = _read("ofsted.inspector")[0]
    with planned_once():
        for _ in range(prepared.PREPARE_AFTER + 1):
            planned = _read("ofsted.inspector")[0]
    assert [type(value) for value in planned] == [type(value) for value in plain]
    assert planned == plain


def test_writes_savepoints_and_server_side_cursors_are_left_alone(people):
    user = people["ofsted.inspector"]
    before = _prepared_names()
    with planned_once():
        for _ in range(prepared.PREPARE_AFTER + 2):
            with transaction.atomic():
                get_user_model().objects.filter(pk=user.pk).update(first_name="Oona")
            names = list(
                get_user_model()
                .objects.filter(pk=user.pk)
                .values_list("username", flat=True)
                .iterator(chunk_size=10)
            )
            assert names == ["ofsted.inspector"]
    # Only the iterator's own read could have been prepared, and a server-side cursor is not.
    assert _prepared_names() == before


def test_a_new_connection_forgets_what_the_last_one_prepared(people):
    with planned_once():
        for _ in range(prepared.PREPARE_AFTER + 1):
            _read("ofsted.inspector")
    assert _prepared_names()
    # Outside the test's transaction a new connection would start empty; the state kept for
    # the old one must not make the new one run EXECUTE on a name it never prepared.
    connection._planned_once.raw_connection = object()
    with planned_once():
        assert _read("ofsted.inspector")[0][0] == "ofsted.inspector"


def test_at_most_keep_statements_stay_prepared(people, monkeypatch):
    monkeypatch.setattr(prepared, "KEEP", 2)
    connection._planned_once = None
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    usernames = ["ofsted.inspector", "cqc.lead", "programme.admin"]
    with planned_once():
        for column in ("username", "first_name", "last_name", "email"):
            for _ in range(prepared.PREPARE_AFTER + 1):
                rows = (
                    get_user_model()
                    .objects.filter(username__in=usernames)
                    .values_list(column, flat=True)
                )
                assert len(list(rows)) == 3
    assert len(_prepared_names()) == 2


def test_a_read_postgresql_will_not_prepare_runs_as_before(people):
    # A date compared with a text value: PostgreSQL casts the quoted literal, but refuses a
    # parameter stated as text. The read is refused once, then always runs plainly.
    sql = "SELECT username FROM auth_user WHERE date_joined::date <= %s AND username = %s"
    before = _prepared_names()
    with planned_once(), transaction.atomic():
        for _ in range(prepared.PREPARE_AFTER + 2):
            with connection.cursor() as cursor:
                cursor.execute(sql, ["2100-01-01", "ofsted.inspector"])
                assert cursor.fetchall() == [("ofsted.inspector",)]
    assert _prepared_names() == before


def test_integers_are_stated_as_postgresql_types_a_literal(people):
    # round(numeric, integer) exists; round(numeric, bigint) does not.
    sql = "SELECT round(1.2345::numeric, %s), username FROM auth_user WHERE username = %s"
    with planned_once():
        for _ in range(prepared.PREPARE_AFTER + 2):
            with connection.cursor() as cursor:
                cursor.execute(sql, [2, "ofsted.inspector"])
                assert cursor.fetchall() == [(decimal.Decimal("1.23"), "ofsted.inspector")]
