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
import re
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from hashlib import blake2s
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

# A statement run this many times on one connection is prepared for the rest of its life.
PREPARE_AFTER = 3
# Prepared statements kept per connection; statements counted before the count starts again.
KEEP = 200
COUNTED = 5000
NAME_PREFIX = "planned_"

_PLACEHOLDER = re.compile(r"%([s%])")
# Each value's type, stated when the statement is prepared: PostgreSQL would otherwise guess
# `text` for a value it cannot place (a constant in the select list) and the row would change
# type. Checked in order: a bool is an int, a datetime is a date.
_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "boolean"),
    (int, "bigint"),
    (str, "text"),
    (datetime.datetime, "timestamptz"),
    (datetime.date, "date"),
    (decimal.Decimal, "numeric"),
    (float, "double precision"),
    (uuid.UUID, "uuid"),
)


class _Prepared:
    """The statements prepared, and the ones counted, on one underlying database connection."""

    def __init__(self, raw_connection: object) -> None:
        self.raw_connection = raw_connection
        self.names: OrderedDict[str, None] = OrderedDict()
        self.seen: dict[str, int] = {}


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


def _type_of(value: object) -> str | None:
    for python_type, sql_type in _TYPES:
        if isinstance(value, python_type):
            return sql_type
    return None


def _types(sql: str, params: Sequence[Any] | None) -> list[str] | None:
    """The values' types if this statement may be prepared, else None."""
    if sql.lstrip()[:6].upper() != "SELECT":
        return None
    if params is None:
        params = ()
    if not isinstance(params, list | tuple):
        return None
    types = [_type_of(value) for value in params]
    return None if None in types else types


def _prepared_on(database) -> _Prepared:
    state = getattr(database, "_planned_once", None)
    if state is None or state.raw_connection is not database.connection:
        state = _Prepared(database.connection)
        database._planned_once = state
    return state


def _prepare(database, state: _Prepared, name: str, sql: str, types: list[str]) -> None:
    with database.connection.cursor() as cursor:
        if len(state.names) >= KEEP:
            oldest, _ = state.names.popitem(last=False)
            cursor.execute(f"DEALLOCATE {oldest}")
        # Sent with no values, so psycopg2 leaves the text alone: `name` is a hash, the statement
        # the ORM's own, the types from the list above.
        declared = f" ({', '.join(types)})" if types else ""
        cursor.execute(f"PREPARE {name}{declared} AS {_numbered(sql)}")
    state.names[name] = None


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
        _prepare(database, state, name, sql, types)
    if not types:
        return execute(f"EXECUTE {name}", None, many, context)
    return execute(f"EXECUTE {name} ({', '.join(['%s'] * len(types))})", params, many, context)


@contextmanager
def planned_once(using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Reads run inside are planned once per connection (PostgreSQL; elsewhere a no-op)."""
    database = connections[using]
    if database.vendor != "postgresql":
        yield
        return
    with database.execute_wrapper(_execute_prepared):
        yield
