"""The one way the service writes a date or a time for people: GOV.UK's style.

"9 March 2015", "Monday 9 March 2015", "9:30am", "9:30am on 9 March 2015". Pages (the filters
in `core.templatetags.dates`), the PDF, emails and the feed all write dates through here, so
that nothing says "09/03/2015" or "9 Mar 2015" (DESIGN rule 21). Data for machines (the
open-data API, the feed's own timestamps) keeps ISO 8601.
"""

from __future__ import annotations

import datetime

from django.utils import timezone


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """'9 March 2015'; a moment is written as the day it is in the service's time zone."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return f"{value.day} {value:%B %Y}"


def day_with_weekday(value: datetime.date | datetime.datetime | None) -> str:
    """'Tuesday 7 April 2015': where the day of the week matters (a deadline)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return f"{value:%A} {long_date(value)}"


def time_of_day(value: datetime.datetime | datetime.time | None) -> str:
    """'9:30am', '12pm' for noon and '12am' for midnight, as GOV.UK writes times."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).time()
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def date_and_time(value: datetime.datetime | None) -> str:
    """'9:30am on 9 March 2015'."""
    if value is None:
        return ""
    return f"{time_of_day(value)} on {long_date(value)}"
