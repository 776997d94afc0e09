"""Recording a view of a child's personal details from an app below `privacy` (DESIGN rule 14).

The case-sample pages belong to `inspections`, which may not import `privacy`; they call
`record_child_view` here, and the privacy app fills in who writes the record in its
`AppConfig.ready()`. With no recorder registered the call raises: a page that shows a child's
personal details is never served without its view being recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

# (*, viewer, inspection, child_reference, page) -> the record written
Recorder = Callable[..., Any]

_recorder: list[Recorder] = []


def register_recorder(recorder: Recorder) -> None:
    """Name the function that writes the read log (once, however often called)."""
    _recorder[:] = [recorder]


def record_child_view(*, viewer: Any, inspection: Any, child_reference: str, page: str) -> Any:
    """Record that `viewer` was shown the personal details of the child `child_reference`."""
    if not _recorder:
        raise ImproperlyConfigured(
            "No read log of children's personal details: install the privacy app."
        )
    return _recorder[0](
        viewer=viewer, inspection=inspection, child_reference=child_reference, page=page
    )
