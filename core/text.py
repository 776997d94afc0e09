"""Text every app shows or reads the same way: people's names, and lists typed one item a line."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser


def display_name(user: AbstractBaseUser | None) -> str:
    """A person as the service names them: their full name, or their username if it has none."""
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def one_per_line(text: str | None) -> list[str]:
    """A list typed one item a line (names, references, paragraphs): each line trimmed, blank
    lines dropped, since they mean nothing."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def tidy_one_per_line(text: str | None) -> str:
    """Such a list as it is stored: one trimmed item a line, no blank lines."""
    return "\n".join(one_per_line(text))
