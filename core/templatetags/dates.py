"""Dates on pages as everywhere else (core.dates): `{{ day|day }}`, `{{ moment|time_of_day }}`,
`{{ moment|day_and_time }}`, `{{ deadline|day_with_weekday }}`. Templates use these, never
Django's `|date:` with a format."""

from __future__ import annotations

from django import template

from core import dates

register = template.Library()
register.filter("day", dates.long_date)
register.filter("day_with_weekday", dates.day_with_weekday)
register.filter("time_of_day", dates.time_of_day)
register.filter("day_and_time", dates.date_and_time)
