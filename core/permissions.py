"""The refusal every app's `permissions.check_<action>()` raises.

Each app's `permissions.py` owns who may do what and the sentence a refused user reads; its
services and its views both call the same `check_` function, so a page and the service behind
it can never refuse with different words: one owner per rule.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class Refused(PermissionDenied):
    """A refused action, carrying the message the user is shown (`str(error)`).

    A `PermissionDenied`, so an uncaught refusal answers 403 as before.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise Refused(message)
