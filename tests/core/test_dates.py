"""One date style across the service: GOV.UK's "9 March 2015" and "9:30am"."""

from __future__ import annotations

import datetime
import zoneinfo

from django.template import Context, Template

from core.dates import date_and_time, long_date, time_of_day

LONDON = zoneinfo.ZoneInfo("Europe/London")


def test_a_day_is_written_without_a_leading_zero_and_with_the_months_name():
    assert long_date(datetime.date(2015, 3, 9)) == "9 March 2015"
    assert long_date(None) == ""


def test_times_are_on_the_12_hour_clock_with_am_or_pm():
    assert time_of_day(datetime.time(9, 30)) == "9:30am"
    assert time_of_day(datetime.time(14, 5)) == "2:05pm"
    assert time_of_day(datetime.time(12, 0)) == "12pm"
    assert time_of_day(datetime.time(0, 0)) == "12am"


def test_a_moment_is_written_in_the_services_time_zone(settings):
    settings.TIME_ZONE = "Europe/London"
    # 23:30 UTC on 31 March 2015 is 00:30 on 1 April in London (summer time).
    moment = datetime.datetime(2015, 3, 31, 23, 30, tzinfo=datetime.UTC)
    assert date_and_time(moment) == "12:30am on 1 April 2015"
    assert long_date(moment) == "1 April 2015"


def test_templates_write_dates_with_the_same_filters_without_loading_them(settings):
    settings.TIME_ZONE = "Europe/London"
    moment = datetime.datetime(2015, 3, 9, 9, 30, tzinfo=LONDON)
    page = Template("{{ d|day }} / {{ m|time_of_day }} / {{ m|day_and_time }}").render(
        Context({"d": datetime.date(2015, 3, 9), "m": moment})
    )
    assert page == "9 March 2015 / 9:30am / 9:30am on 9 March 2015"
