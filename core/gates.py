"""Conditions that an app adds to a step another app owns, without that app knowing it.

A step is named by a string: "publish" (reports), "send_draft" (the factual accuracy round),
or "enter:<status>" for an inspection's move to a stage (inspections), e.g. "enter:drafting".
The app that owns the step asks `missing(step, inspection=...)` and refuses the step with every
message returned; an app that adds a condition registers a function in its `AppConfig.ready()`
that returns the messages of what is missing (an empty list when nothing is).

For example a referral without the agency's response keeps an inspection out of drafting
(DESIGN rule 13), and an open factual accuracy round keeps a report unpublished (rule 10).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Condition = Callable[..., list[str]]  # (*, inspection) -> messages of what is missing

_conditions: dict[str, list[Condition]] = {}


def register(step: str, condition: Condition) -> None:
    """Add `condition(inspection=...)` to `step` (once, however often called)."""
    conditions = _conditions.setdefault(step, [])
    if condition not in conditions:
        conditions.append(condition)


def missing(step: str, *, inspection: Any) -> list[str]:
    """Every message of what is missing before `step`, in the order the apps registered."""
    messages: list[str] = []
    for condition in _conditions.get(step, []):
        messages.extend(condition(inspection=inspection))
    return messages
