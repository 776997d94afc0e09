"""Documents another app links from a published report's public page, without the reports app
knowing that app: the area's written statement of action (DESIGN rule 12), for one.

An app registers a provider in its `AppConfig.ready()`: `links_for(publication)` gives what it
links on that report's page, as (text, url) items. Because the public page is cached while the
publications are unchanged, a provider also gives `state()`, a short string that changes whenever
its links could (the reports app adds it to the cache key).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReportLink:
    text: str
    url: str


@dataclass(frozen=True)
class Provider:
    links: Callable[[Any], Sequence[ReportLink]]  # (publication) -> its links
    state: Callable[[], str]  # changes whenever any of its links could


_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add an app's links to every public report page (once, however often called)."""
    if provider not in _providers:
        _providers.append(provider)


def links_for(publication: Any) -> list[ReportLink]:
    """Every app's links for this publication's page, in the order the apps registered."""
    return [link for provider in _providers for link in provider.links(publication)]


def state() -> str:
    """Part of the public page's cache key: what every provider's links depend on."""
    return "|".join(provider.state() for provider in _providers)
