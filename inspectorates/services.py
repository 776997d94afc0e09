"""Keeping the inspectorate rows in step with the framework registry."""

from __future__ import annotations

from django.db import transaction

from inspectorates.models import Inspectorate
from inspectorates.registry import INSPECTORATE_CODES, inspectorate_names


@transaction.atomic
def inspectorates_sync() -> list[Inspectorate]:
    """Create or rename the five inspectorate rows from the registry (idempotent).

    The first migration creates them too; this restores them where a test database was flushed.
    """
    names = inspectorate_names()
    return [
        Inspectorate.objects.update_or_create(
            code=code, defaults={"name": names[code], "position": position}
        )[0]
        for position, code in enumerate(INSPECTORATE_CODES)
    ]
