"""What every app's models share: when a row was made and changed, and who changed it and why."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def record_change(
    instance: models.Model, *, acting_user: AbstractBaseUser | None, reason: str = ""
) -> None:
    """Name who made the change (None: the worker), and why, on the history row the next save
    writes (django-simple-history reads both from the instance)."""
    instance._history_user = acting_user
    if reason:
        instance._change_reason = reason


class ChangeCounter(models.Model):
    """A number that goes up in the same transaction as every write to what a cached page shows
    (core/changes.py): a cache key that holds it can never serve a stale page."""

    scope = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "object_id"], name="core_change_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.object_id}: {self.value}"


class SignedInSession(AbstractBaseSession):
    """A session, with the person signed in to it as a column (integrated_inspections/sessions.py).

    The session and its user's row are read in one statement on every signed-in request, and a
    person's sessions are found without decoding every session (ending them when their second
    factor changes). Deleting a person deletes their sessions.
    """

    # No database constraint: a session saved for someone deleted at that moment must not fail
    # with an IntegrityError, which Django's session store would take for a taken key and
    # retry for ever. Deleting a person through Django still deletes their sessions, and a
    # session whose person is gone reads as signed out.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "core_signed_in_session"
