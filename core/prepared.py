"""Reads planned once per database connection, not on every request (ADR 0020).

psycopg2 sends every statement to PostgreSQL as text, so PostgreSQL parses and plans it anew
each time, even when a page runs the same statement on every request: the session, the user,
the inspection read with the access check (`inspections.selectors.inspection_get_for_user`,
about 1.1 ms to plan and 0.4 ms to run). Inside `planned_once()` (every web request, through
`integrated_inspections.middleware.PlanOnceMiddleware`), a read seen a few times on a connection
becomes a named prepared statement on it (`PREPARE`), and is run with its values as parameters
from then on (`EXECUTE`). The SQL is exactly what the ORM built and the values are quoted by
psycopg2 as before, so the rows are the same; only the planning is kept (bench/README.md, fix 12).

What is kept, and why it stays right:
- Only `SELECT` statements whose values are all of a type named below, on an ordinary cursor;
  anything else (writes, savepoints, a value of another type, a server-side cursor's
  `DECLARE`) runs as before.
- Prepared statements belong to the database session and outlive transactions, so the names are
  remembered per underlying connection and forgotten when Django opens a new one.
- At most `KEEP` per connection; the least recently used is released (`DEALLOCATE`).
- PostgreSQL re-plans a prepared statement by itself when a table it reads changes shape.
- A pooler that hands one client's statements to another (PgBouncer in transaction mode) would
  break this: the service connects to PostgreSQL directly (docs/adr/0020).

psycopg 3 does the same by itself with server-side binding; ADR 0020 says why the project has
not moved to it yet.
"""

from __future__ import annotations

import datetime
import decimal
import logging
import re
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from hashlib import blake2s
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

# A statement run this many times on one connection is prepared for the rest of its life.
PREPARE_AFTER = 3
# Prepared statements kept per connection; statements counted before the count starts again.
KEEP = 200
COUNTED = 5000
NAME_PREFIX = "planned_"

_PLACEHOLDER = re.compile(r"%([s%])")
_INTEGER = 2**31
_BIGINT = 2**63


def _type_of(value: object) -> str | None:
    """The type PostgreSQL gives the literal psycopg2 would send for `value`, stated when the
    statement is prepared, so that a prepared read behaves as the plain one: a number is an
    `integer` when it fits (as `2` is), dates keep the cast psycopg2 writes, text is `text`
    (PostgreSQL cannot infer a parameter's type in a select list, where a quoted literal would
    be text anyway). Where the stated type does not fit, PostgreSQL refuses to prepare the read
    and it runs as before (`_prepare`). Anything else is not prepared."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        if -_INTEGER <= value < _INTEGER:
            return "integer"
        return "bigint" if -_BIGINT <= value < _BIGINT else None
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime.datetime):
        return "timestamptz" if value.tzinfo is not None else "timestamp"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, decimal.Decimal):
        return "numeric" if value.is_finite() else None
    if isinstance(value, uuid.UUID):
        return "uuid"
    return None


class _Prepared:
    """The statements prepared, counted and refused on one underlying database connection."""

    def __init__(self, raw_connection: object) -> None:
        self.raw_connection = raw_connection
        self.names: OrderedDict[str, None] = OrderedDict()
        self.seen: dict[str, int] = {}
        # Names PostgreSQL may still hold but this process no longer trusts (an EXECUTE that
        # failed): released before they are prepared again.
        self.stale: set[str] = set()
        # Statements PostgreSQL would not prepare: run plainly from then on.
        self.refused: set[str] = set()


def _numbered(sql: str) -> str:
    """psycopg2's `%s` placeholders as PostgreSQL's `$1, $2, ...`; `%%` back to `%`."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(1) == "%":
            return "%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, sql)


def _types(sql: str, params: Sequence[Any] | None) -> list[str] | None:
    """The values' types if this statement may be prepared, else None."""
    if sql.lstrip()[:6].upper() != "SELECT":
        return None
    # Without values psycopg2 sends the text as it is (no `%%` to undo): left alone.
    if not isinstance(params, list | tuple) or not params:
        return None
    types = [_type_of(value) for value in params]
    return None if None in types else types


def _prepared_on(database) -> _Prepared:
    state = getattr(database, "_planned_once", None)
    if state is None or state.raw_connection is not database.connection:
        state = _Prepared(database.connection)
        database._planned_once = state
    return state


def _run(database, statements: list[str]) -> None:
    """Statements of our own, on the raw cursor (not logged, so query counts are the page's),
    with Django's error handling: a failure is a Django DatabaseError. Inside a transaction they
    run in a savepoint of their own, so that a refusal does not end the transaction."""
    savepoint = database.in_atomic_block
    database.validate_no_broken_transaction()
    with database.wrap_database_errors, database.connection.cursor() as cursor:
        if savepoint:
            cursor.execute(f"SAVEPOINT {NAME_PREFIX}savepoint")
        try:
            for statement in statements:
                cursor.execute(statement)
        except Exception:
            if savepoint:
                cursor.execute(f"ROLLBACK TO SAVEPOINT {NAME_PREFIX}savepoint")
                cursor.execute(f"RELEASE SAVEPOINT {NAME_PREFIX}savepoint")
            raise
        if savepoint:
            cursor.execute(f"RELEASE SAVEPOINT {NAME_PREFIX}savepoint")


def _prepare(database, state: _Prepared, name: str, sql: str, types: list[str]) -> bool:
    """Prepare `sql` as `name`; False if PostgreSQL refused (the read then runs plainly)."""
    statements = []
    if len(state.names) >= KEEP:
        oldest, _ = state.names.popitem(last=False)
        statements.append(f"DEALLOCATE {oldest}")
    if name in state.stale:
        statements.append(f"DEALLOCATE {name}")
    # Sent with no values, so psycopg2 leaves the text alone: `name` is a hash, the statement
    # the ORM's own, the types from `_type_of`.
    statements.append(f"PREPARE {name} ({', '.join(types)}) AS {_numbered(sql)}")
    try:
        _run(database, statements)
    except DatabaseError:
        logger.warning("A read could not be prepared; it runs as before.", exc_info=True)
        state.refused.add(name)
        return False
    state.stale.discard(name)
    state.names[name] = None
    return True


def _execute_prepared(
    execute: Callable, sql: str, params: Sequence[Any] | None, many: bool, context: dict
) -> Any:
    # A server-side cursor (`QuerySet.iterator()`) declares its own statement: left alone.
    named = getattr(context["cursor"].cursor, "name", None)
    types = None if many or named else _types(sql, params)
    if types is None:
        return execute(sql, params, many, context)
    database = context["connection"]
    state = _prepared_on(database)
    name = NAME_PREFIX + blake2s("\x00".join([sql, *types]).encode(), digest_size=10).hexdigest()
    if name in state.refused:
        return execute(sql, params, many, context)
    if name in state.names:
        state.names.move_to_end(name)
    else:
        seen = state.seen.get(name, 0) + 1
        if seen < PREPARE_AFTER:
            if len(state.seen) >= COUNTED:
                state.seen.clear()
            state.seen[name] = seen
            return execute(sql, params, many, context)
        state.seen.pop(name, None)
        if not _prepare(database, state, name, sql, types):
            return execute(sql, params, many, context)
    try:
        return execute(f"EXECUTE {name} ({', '.join(['%s'] * len(types))})", params, many, context)
    except DatabaseError:
        # For example a table that changed shape under a kept plan ("cached plan must not
        # change result type"): the name is no longer trusted. Outside a transaction the read
        # runs plainly at once; inside one the error stands, as it would have.
        state.names.pop(name, None)
        state.stale.add(name)
        if database.in_atomic_block:
            raise
        return execute(sql, params, many, context)


@contextmanager
def planned_once(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Reads run inside are planned once per connection (PostgreSQL; elsewhere a no-op)."""
    database = connections[using]
    if database.vendor != "postgresql":
        yield
        return
    with database.execute_wrapper(_execute_prepared):
        yield
