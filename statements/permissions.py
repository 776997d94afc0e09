"""Who may record a written statement of action: programme administrators only.

The statement arrives after publication, from the area to the programme, not to the inspection
team: the right is the programme-wide `inspections.manage_programme` permission.
"""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.permissions import User, is_programme_admin

NOT_ALLOWED = "Only programme administrators can record written statements of action."


def may_manage_statements(user: User) -> bool:
    return is_programme_admin(user)


def check_manage_statements(user: User) -> None:
    refuse_unless(may_manage_statements(user), NOT_ALLOWED)
