"""Template helpers for shared text pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def paragraphs(text: str) -> list[str]:
    """Shared text as the lines people typed, for one GOV.UK paragraph each (still escaped)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
