"""Who may keep series: the programme administrator (DESIGN section 2); the public reads a
published series' overview and nothing else of it."""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.permissions import is_programme_admin

NOT_PROGRAMME_STAFF = "Only programme staff can keep thematic series."


def check_keep_series(user) -> None:
    refuse_unless(is_programme_admin(user), NOT_PROGRAMME_STAFF)
