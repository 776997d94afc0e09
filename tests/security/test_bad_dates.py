"""Bad dates on every form and query string: overflowing and out-of-range days, months and years
get a GOV.UK message or a 400, never a server error, and nothing is saved (issue 13, finding 2).

Nothing here lists the date fields. Every form class of the service is read for the GOV.UK date
field, and every page of the service is opened as someone who may see it to find where each such
form is shown; a search form is sent back as a query string, any other form is posted. Every
address is also sent the bad dates under every date field's name in its query string, which is
how the open-data API, a form with no page of its own, is reached. A new date field or a new
page with one is covered without changing this file.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

import pytest
from django import forms
from django.conf import settings
from django.test.utils import ContextList
from django.urls import get_resolver

from core.forms import (
    DATE_NOT_REAL,
    DATE_PART_NOT_A_NUMBER,
    DATE_PART_OUT_OF_RANGE,
    EARLIEST_YEAR,
    LATEST_YEAR,
    GovukDateField,
)
from reports.selectors import ReportFilters, published_reports
from tests.security.form_cases import (
    FORMS,
    FORMS_BY_NAME,
    local_row_counts,
    signed_in_client,
)
from tests.security.test_permission_matrix import MATRIX
from tests.security.urls import ROLES, url_arguments, url_for, url_names


def _out_of_range(part: str) -> str:
    low, high = {"Day": (1, 31), "Month": (1, 12), "Year": (EARLIEST_YEAR, LATEST_YEAR)}[part]
    return DATE_PART_OUT_OF_RANGE.format(part=part, low=low, high=high)


TWO_TO_THE_31 = str(2**31)
# (day, month, year) and the message the form shows; None: refused before the form (a 400).
BAD_DATES = {
    "day 2^31": ((TWO_TO_THE_31, "1", "2015"), _out_of_range("Day")),
    "month 2^31": (("1", TWO_TO_THE_31, "2015"), _out_of_range("Month")),
    "year 2^31": (("1", "1", TWO_TO_THE_31), _out_of_range("Year")),
    "day 2^64": ((str(2**64), "1", "2015"), _out_of_range("Day")),
    "year of 5,000 digits": (("1", "1", "9" * 5000), _out_of_range("Year")),
    "the last day of 9999": (("31", "12", "9999"), _out_of_range("Year")),
    "year 1899": (("31", "12", "1899"), _out_of_range("Year")),
    "year 2101": (("1", "1", "2101"), _out_of_range("Year")),
    "day 0": (("0", "6", "2015"), _out_of_range("Day")),
    "month 13": (("1", "13", "2015"), _out_of_range("Month")),
    "31 February": (("31", "2", "2015"), DATE_NOT_REAL),
    "a negative day": (("-1", "6", "2015"), DATE_PART_NOT_A_NUMBER.format(part="Day")),
    "words": (("first", "of", "May"), DATE_PART_NOT_A_NUMBER.format(part="Day")),
    "SQL in a year": (("1", "1", "2015' OR '1'='1"), DATE_PART_NOT_A_NUMBER.format(part="Year")),
    "NUL in a day": (("1\x00", "1", "2015"), None),
}
# The query-string walk sends these to every address: the overflows of the issue.
QUERY_DATES = ("day 2^31", "month 2^31", "year 2^31", "the last day of 9999")


# --- The date fields, from the form classes ------------------------------------------------------


def _project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the service's own apps that is used as it is (not only a base)."""
    get_resolver().url_patterns  # noqa: B018 - loading the URLs imports every view and its forms
    packages = {app.split(".")[0] for app in settings.LOCAL_APPS}
    classes, stack = [], [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            if subclass.__module__.split(".")[0] in packages:
                classes.append(subclass)
    return [cls for cls in classes if not any(c in classes for c in cls.__subclasses__())]


def _class_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


FORM_CLASSES = _project_form_classes()
DATE_FIELDS = sorted(
    (_class_name(cls), name)
    for cls in FORM_CLASSES
    for name, field in cls.base_fields.items()
    if isinstance(field, GovukDateField)
)
CASES = [(form, field, payload) for form, field in DATE_FIELDS for payload in BAD_DATES]


def test_every_date_field_is_the_govuk_date_field():
    """Django's own date fields would take "9999-12-31" unchecked: every date goes through one."""
    others = [
        f"{_class_name(cls)}.{name}"
        for cls in FORM_CLASSES
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField)
    ]
    assert others == []
    assert len(DATE_FIELDS) >= 12, "the walk should find the service's date fields"


# --- The pages that show them -------------------------------------------------------------------

# Who opens each page, in this order among those the permission matrix lets in: whoever acts on
# an inspection first, then programme staff, an inspector, the public.
PREFERRED_ROLES = ("ofsted.lead", "programme.admin", "ofsted.inspector", "anonymous")


@dataclass(frozen=True)
class Shown:
    """A form with a date field, as a page shows it to someone."""

    url: str
    role: str
    prefix: str
    base: str  # the name of the bad-input walk's form whose valid data the page takes, or ""


def _forms_in(context) -> list[forms.BaseForm]:
    """The forms a page's templates were given, however they were passed."""
    contexts = context if isinstance(context, ContextList) else [context] if context else []
    found: list[forms.BaseForm] = []
    for one in contexts:
        for layer in one.dicts:
            for value in layer.values():
                if isinstance(value, dict):
                    items = list(value.values())
                else:
                    items = value if isinstance(value, list | tuple) else [value]
                found += [i for i in items if isinstance(i, forms.BaseForm) and i not in found]
    return found


def _readers(name: str) -> list[str]:
    """Who opens a page: the preferred roles it lets in, else the first role it lets in at all."""
    readers = [role for role in PREFERRED_ROLES if MATRIX[name][role] == 200]
    return readers or [role for role in ROLES if MATRIX[name][role] == 200][:1]


def _pages(demo) -> dict[str, list[Shown]]:
    """Where each form class with a date field is shown: worked out once per module."""
    if hasattr(demo, "date_pages"):
        return demo.date_pages
    arguments = url_arguments(demo)
    # The bad-input walk's valid data, by address, so that only the date is wrong.
    bases = {case.url(demo, arguments): case.name for case in FORMS}
    pages: dict[str, list[Shown]] = {}
    for name in url_names():
        url = url_for(name, arguments)
        for role in _readers(name):
            shown = [
                form
                for form in _forms_in(signed_in_client(demo, role).get(url).context)
                if any(isinstance(field, GovukDateField) for field in form.fields.values())
            ]
            for form in shown:
                pages.setdefault(_class_name(type(form)), []).append(
                    Shown(url, role, form.prefix or "", bases.get(url, ""))
                )
            if shown:
                break
    demo.date_pages = pages
    return pages


def _dated(field: str, value: tuple[str, str, str]) -> dict[str, str]:
    return {f"{field}_{i}": part for i, part in enumerate(value)}


def _messages(response) -> str:
    """What the answer says: the page, or the API's JSON errors."""
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body


@pytest.mark.parametrize(
    ("form_class", "field", "payload"), CASES, ids=[f"{f}.{n}-{p}" for f, n, p in CASES]
)
def test_a_bad_date_on_a_form_is_a_message_and_nothing_is_saved(
    demo_data, form_class, field, payload
):
    pages = _pages(demo_data).get(form_class)
    assert pages, f"No page shows {form_class}: the walk cannot reach its date field {field}"
    value, message = BAD_DATES[payload]
    for page in pages:
        name = f"{page.prefix}-{field}" if page.prefix else field
        base = FORMS_BY_NAME[page.base].base(demo_data) if page.base else {}
        data = {**base, **_dated(name, value)}
        client = signed_in_client(demo_data, page.role)
        before = local_row_counts()
        response = client.post(page.url, data)
        if response.status_code == 405:
            # A search: its form is sent as a query string.
            response = client.get(page.url, data)
        where = f"{payload} in {name} on {page.url} as {page.role}"
        assert response.status_code in (200, 400), f"{where}: {response.status_code}"
        if message is not None:
            assert message in _messages(response), f"{where}: no message {message!r}"
        elif response.status_code == 200:
            assert "govuk-error-summary" in response.content.decode(), where
        assert local_row_counts() == before, f"{where}: refused, but something was saved"


# --- Query strings -------------------------------------------------------------------------------


def _date_names(demo) -> set[str]:
    """Every name a date field goes by, as a form class declares it and as a page prefixes it."""
    names = {field for _, field in DATE_FIELDS}
    for form_class, field in DATE_FIELDS:
        for page in _pages(demo).get(form_class, []):
            names.add(f"{page.prefix}-{field}" if page.prefix else field)
    return names


@pytest.mark.parametrize("payload", QUERY_DATES)
def test_bad_dates_in_any_query_string_are_never_a_server_error(demo_data, payload):
    value, message = BAD_DATES[payload]
    query: dict[str, str] = {}
    for name in _date_names(demo_data):
        query.update(_dated(name, value))
    arguments = url_arguments(demo_data)
    failures, refused = [], {}
    for name in url_names():
        url = url_for(name, arguments)
        role = (_readers(name) or ["anonymous"])[0]
        response = signed_in_client(demo_data, role).get(url, query)
        if response.status_code >= 500:
            failures.append(f"{url} as {role}: {response.status_code}")
        elif response.status_code == 400:
            refused[url] = _messages(response)
    assert failures == []
    # The open-data API reads the public search's dates: a 400 in its own error shape.
    api = url_for("reports:api_list", arguments)
    assert api in refused, f"{api} did not refuse {payload}"
    fields = json.loads(refused[api])["error"]["fields"]
    assert message in [text for messages in fields.values() for text in messages]


def test_the_public_search_to_the_last_representable_day_is_not_an_overflow(demo_data):
    """The form stops at 2100; the selector itself must still not add a day past 31/12/9999."""
    reports = published_reports(filters=ReportFilters(published_to=datetime.date.max))
    assert reports.count() >= 1
