"""Change counters: cache keys that change in the same transaction as the writes they cover.

A page that is expensive to build and read far more often than it changes (the inspector's
workspace, bench/README.md) is cached under a key holding a counter. Every write to what the
page shows bumps the counter inside the writer's own transaction (`bump`), so a reader that
sees the new rows also sees the new counter, and a reader that sees the old counter is shown
what was true with it: a cached page is never stale, in any process (DESIGN rule 22).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import F, IntegerField, Model, Q
from django.db.models.expressions import RawSQL

from core.models import ChangeCounter


def bump(scope: str, object_id: int) -> None:
    """Count one more change of `scope` for `object_id`, in the caller's transaction."""
    with transaction.atomic():
        ChangeCounter.objects.get_or_create(scope=scope, object_id=object_id)
        ChangeCounter.objects.filter(scope=scope, object_id=object_id).update(value=F("value") + 1)


def current(keys: Iterable[tuple[str, int]]) -> str:
    """The counters of `keys` (scope, object id) read in one query, as one cache-key part."""
    keys = list(keys)
    condition = Q(pk__in=[])
    for scope, object_id in keys:
        condition |= Q(scope=scope, object_id=object_id)
    found = {
        (scope, object_id): value
        for scope, object_id, value in ChangeCounter.objects.filter(condition).values_list(
            "scope", "object_id", "value"
        )
    }
    return joined(found.get(key, 0) for key in keys)


def counter(scope: str, of: int | type[Model]) -> RawSQL:
    """The counter of `scope` as a column of a query, to read it in the same statement as the
    rows it covers (0 before its first change, as `current` says): for the object `of` (an id),
    or for each row of a query of the model `of`.

    Written as SQL rather than as a subquery of the ORM's: the page that reads it runs on every
    request, and compiling the ORM's subquery took longer than running it (bench/README.md
    fix 11).
    """
    table = connection.ops.quote_name(ChangeCounter._meta.db_table)
    if isinstance(of, int):
        object_id, params = "%s", (scope, of)
    else:
        quote = connection.ops.quote_name
        object_id, params = f"{quote(of._meta.db_table)}.{quote(of._meta.pk.column)}", (scope,)
    sql = f"COALESCE((SELECT value FROM {table} WHERE scope = %s AND object_id = {object_id}), 0)"  # noqa: S608 - names from the models, values as parameters
    return RawSQL(sql, params, IntegerField())  # noqa: S611 - a fixed statement, values as parameters


def joined(values: Iterable[int]) -> str:
    """Counter values as one cache-key part, in the form `current` gives."""
    return "-".join(str(value) for value in values)
