"""Who may work on area selection: programme administrators only.

Selection happens before any inspection exists, so there is no team to belong to: the right is
the programme-wide `inspections.manage_programme` permission held by programme staff.
"""

from __future__ import annotations

from inspections.permissions import User, is_programme_admin


def may_manage_selection(user: User) -> bool:
    return is_programme_admin(user)
