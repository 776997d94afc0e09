"""England's working days: Monday to Friday, less England's bank holidays.

Deadlines in the programme are counted in working days (DESIGN rule 17): a factual
accuracy draft's deadline, a referral's escalation, a statement of action's due date. The bank
holidays come from the maintained `holidays` package (ADR 0011), never from a list of our own.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def bank_holiday_name(day: datetime.date) -> str | None:
    """The bank holiday's name ("Good Friday"), or None on any other day."""
    if day not in _bank_holidays(day.year):
        return None
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The working day `days` working days after `start` (which itself does not count).

    Sent on Thursday 2 April 2015, the Thursday before Easter, 5 working days later is Monday
    13 April: Good Friday and Easter Monday are not working days, nor is the weekend.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def next_working_day(day: datetime.date) -> datetime.date:
    """The first working day after `day`."""
    return add_working_days(day, 1)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after `start`, up to and including `end` (0 if `end` <= `start`)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
