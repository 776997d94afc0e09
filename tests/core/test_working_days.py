"""England's working days, from the maintained `holidays` package (DESIGN rule 17)."""

from __future__ import annotations

import datetime

from core.working_days import (
    add_working_days,
    bank_holiday_name,
    is_working_day,
    next_working_day,
    working_days_between,
)


def test_five_working_days_from_the_thursday_before_easter_skip_the_weekend_and_two_holidays():
    maundy_thursday = datetime.date(2015, 4, 2)
    assert bank_holiday_name(datetime.date(2015, 4, 3)) == "Good Friday"
    assert bank_holiday_name(datetime.date(2015, 4, 6)) == "Easter Monday"
    # Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    assert add_working_days(maundy_thursday, 5) == datetime.date(2015, 4, 13)


def test_christmas_and_boxing_day_on_a_weekend_move_to_the_next_weekdays():
    # 25 and 26 December 2021 were a Saturday and Sunday: the bank holidays were 27 and 28.
    assert not is_working_day(datetime.date(2021, 12, 27))
    assert not is_working_day(datetime.date(2021, 12, 28))
    assert next_working_day(datetime.date(2021, 12, 24)) == datetime.date(2021, 12, 29)


def test_scotlands_bank_holidays_are_not_englands():
    # 2 January is a bank holiday in Scotland only.
    assert is_working_day(datetime.date(2015, 1, 2))
    assert bank_holiday_name(datetime.date(2015, 1, 2)) is None


def test_working_days_between_counts_the_days_after_the_start():
    assert working_days_between(datetime.date(2015, 4, 2), datetime.date(2015, 4, 13)) == 5
    assert working_days_between(datetime.date(2015, 4, 13), datetime.date(2015, 4, 2)) == 0
