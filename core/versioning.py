"""Binding a change to the version the user saw: DESIGN rule 6's "the same version", everywhere.

Every form or button that changes a versioned object (a judgement, the shared text, the report)
carries, in a hidden field, the version its page showed. The service compares it with the
version it finds inside its transaction, after locking the row, and refuses with `StaleVersion`
when the object has moved on: nobody agrees, finalises or publishes what they never saw.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# A tampered or truncated form: without the version there is nothing to bind the change to.
VERSION_MISSING = "This page is out of date. Reload it, check what it shows, then try again."
VERSION_FIELD = "version"


class StaleVersion(ValidationError):
    """The object changed after the user's page showed it, so nothing was changed.

    `current` is the object as it is now, for the page to show beside what the user saw;
    `seen` is the version the user saw.
    """

    def __init__(self, current: Any, message: str, *, seen: int) -> None:
        super().__init__(message, code="stale")
        self.current = current
        self.seen = seen


def check_version_seen(
    current: Any,
    seen_version: int | None,
    *,
    message: str,
    version: int | None = None,
    **details: Any,
) -> None:
    """Refuse unless `seen_version` is the version `current` has now.

    `version` is the current version when it is not `current.version`. `message` is formatted
    with `seen`, `version` and `details`. A missing version (None) is refused outright.
    """
    if seen_version is None:
        raise ValidationError(VERSION_MISSING, code="version_missing")
    now = current.version if version is None else version
    if seen_version != now:
        raise StaleVersion(
            current, message.format(seen=seen_version, version=now, **details), seen=seen_version
        )


class VersionSeenField(forms.IntegerField):
    """The hidden field that carries the version the page showed."""

    widget = forms.HiddenInput
    default_error_messages = {
        "required": VERSION_MISSING,
        "invalid": VERSION_MISSING,
        "min_value": VERSION_MISSING,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class VersionSeenForm(forms.Form):
    """A form, or a bare button, that changes a versioned object.

    A bad version is the page's problem, not a field the user can correct, so its message
    goes to the top of the error summary.
    """

    version = VersionSeenField()

    def clean(self) -> dict:
        data = super().clean()
        for message in self.errors.pop(VERSION_FIELD, []):
            self.add_error(None, message)
        return data

    @property
    def version_seen(self) -> int | None:
        """The version posted, or None (which the service refuses) when it is unusable."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(VERSION_FIELD)
