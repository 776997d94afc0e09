"""Documents another app links from a published report's public page, without the reports app
knowing that app: the area's written statement of action (DESIGN rule 12), for one.

An app registers a provider in its `AppConfig.ready()`: `provider(publication)` gives what it
links on that report's page, as `ReportLink(text, url)` items. The public page is cached while
the publications are unchanged (reports/caching.py), so an app whose links change marks the
report's publications modified (`Publication.modified_at`) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReportLink:
    text: str
    url: str


Provider = Callable[[Any], Sequence[ReportLink]]  # (publication) -> its links

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add an app's links to every public report page (once, however often called)."""
    if provider not in _providers:
        _providers.append(provider)


def links_for(publication: Any) -> list[ReportLink]:
    """Every app's links for this publication's page, in the order the apps registered."""
    return [link for provider in _providers for link in provider(publication)]
