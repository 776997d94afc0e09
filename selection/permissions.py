"""Who may work on area selection: programme administrators only.

Selection happens before any inspection exists, so there is no team to belong to: the right is
the programme-wide `inspections.manage_programme` permission held by programme staff.
"""

from __future__ import annotations

from core.permissions import refuse_unless
from inspections.permissions import User, is_programme_admin

NOT_ALLOWED = "Only programme administrators can manage the selection of areas."


def may_manage_selection(user: User) -> bool:
    return is_programme_admin(user)


def check_manage_selection(user: User) -> None:
    refuse_unless(may_manage_selection(user), NOT_ALLOWED)
