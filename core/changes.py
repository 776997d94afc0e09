"""Change counters: cache keys that change in the same transaction as the writes they cover.

A page that is expensive to build and read far more often than it changes (the inspector's
workspace, bench/README.md) is cached under a key holding a counter. Every write to what the
page shows bumps the counter inside the writer's own transaction (`bump`), so a reader that
sees the new rows also sees the new counter, and a reader that sees the old counter is shown
what was true with it: a cached page is never stale, in any process (DESIGN rule 22).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Q

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
    return "-".join(str(found.get(key, 0)) for key in keys)
