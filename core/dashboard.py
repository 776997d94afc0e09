"""What each app adds to the pages an inspector starts from, without those pages knowing the app.

- "What awaits you", on the list of inspections: each app registers a function that gives what
  awaits a user in its own work (items with `what`, `url` and `inspection`).
- The links from an inspection's page to each app's pages for that inspection.

Apps register in their `AppConfig.ready()`, in the order of INSTALLED_APPS, which is the order
the items and links are shown in. The inspections app asks; it imports none of the apps above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.contrib.auth.models import AbstractBaseUser


class AwaitingItem(Protocol):
    """Something waiting on the user: what to do, where, and on which inspection."""

    what: str
    url: str
    inspection: Any


@dataclass(frozen=True)
class Link:
    text: str
    url: str


AwaitingProvider = Callable[..., Sequence[AwaitingItem]]  # (*, user)
LinkProvider = Callable[..., Sequence[Link]]  # (*, inspection, access)

_awaiting: list[AwaitingProvider] = []
_links: list[LinkProvider] = []


def awaiting_register(provider: AwaitingProvider) -> None:
    """Add an app's `provider(user=...)` to "What awaits you" (once, however often called)."""
    if provider not in _awaiting:
        _awaiting.append(provider)


def inspection_links_register(provider: LinkProvider) -> None:
    """Add an app's `provider(inspection=..., access=...)` to the inspection page's links."""
    if provider not in _links:
        _links.append(provider)


def awaiting_for_user(*, user: AbstractBaseUser) -> list[AwaitingItem]:
    """Everything that awaits the user, app by app."""
    return [item for provider in _awaiting for item in provider(user=user)]


def inspection_links(*, inspection: Any, access: Any) -> list[Link]:
    """Each app's links for this inspection; `access` is what the user may do on it."""
    return [link for provider in _links for link in provider(inspection=inspection, access=access)]
