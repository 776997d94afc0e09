"""Template helpers for shared text pages."""

from __future__ import annotations

from django import template

from core.text import one_per_line

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    """Shared text as the lines people typed, for one GOV.UK paragraph each (still escaped)."""
    return one_per_line(text)
