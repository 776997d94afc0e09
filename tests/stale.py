"""For tests of actions bound to the version the user saw (issue 13): what a page's form carries,
and proof that a refused action wrote nothing."""

from __future__ import annotations

import re

from tests.security.urls import table_counts

# Every table an action on a judgement, the shared text or the report writes, history included.
WRITTEN_APPS = ("inspections", "judgements", "lscb", "reports")

_FORM = re.compile(r"<form\b.*?</form>", re.DOTALL)
_VERSION = re.compile(r'<input\b[^>]*\bname="version"[^>]*>')
_VALUE = re.compile(r'\bvalue="(\d+)"')


def version_on_page(html: str, marker: str) -> int:
    """The hidden version in the page's first form whose markup contains `marker`."""
    for form in _FORM.findall(html):
        if marker in form:
            field = _VERSION.search(form)
            assert field, f"the form with {marker!r} carries no version"
            return int(_VALUE.search(field.group(0)).group(1))
    raise AssertionError(f"no form with {marker!r} on the page")


def row_counts() -> tuple[int, ...]:
    return table_counts(WRITTEN_APPS)
