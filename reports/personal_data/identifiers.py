"""What is found by its form rather than looked up by name: dates of birth, check-digit
identifiers (NHS number, unique pupil number, National Insurance number), UK postcodes,
telephone numbers and email addresses.

A handful of expressions, each run once over a place whatever the number of children: a date
is read whatever its form and then looked up among the recorded dates of birth; an identifier
is checked by its check digit with python-stdnum; telephone numbers are read by phonenumbers.
Each works on a `Place`'s joined words (lower case, single spaces) except telephone numbers and
email addresses, which need the punctuation and are read from the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reports.personal_data.normalise import Place

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTHS = {**_MONTHS, **{name[:3]: n for name, n in _MONTHS.items()}, "sept": 9}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4}|\d{2})"
# Overlapping (each in a lookahead), so that a run of numbers is read from every word.
_NUMERIC = re.compile(r" (?=(\d{1,4}) (\d{1,2}) (\d{1,4}) )")
_DAY_MONTH_YEAR = re.compile(rf" (?={_DAY} (?:of )?{_MONTH} {_YEAR} )")
_MONTH_DAY_YEAR = re.compile(rf" (?={_MONTH} {_DAY} {_YEAR} )")
_YEAR_MONTH_DAY = re.compile(rf" (?=(\d{{4}}) {_MONTH} {_DAY} )")

_NHS = re.compile(r" (?=(\d{3}) ?(\d{3}) ?(\d{4}) )")
_UPN = re.compile(r" (?=([a-z]\d{12}|[a-z]\d{11}[a-z]) )")
_NINO = re.compile(r" (?=([a-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2})(?: ?([a-d]))? )")
# The format of a UK postcode, as the Government's own data standard describes it.
_POSTCODE = re.compile(
    r" (?=(gir 0aa|(?:[a-pr-uwyz]\d[a-hjkpstuw\d]?|[a-pr-uwyz][a-hk-y]\d[abehmnprv-y\d]?) ?"
    r"\d[abd-hjlnp-uw-z]{2}) )"
)
_ORDINALS = {"st", "nd", "rd", "th"}
_EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
# Where a telephone number might be: a run of digits with the separators people write.
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d[\d\s().\-\u2010-\u2015]{7,}\d")


@dataclass(frozen=True)
class Hit:
    """Something found in a place: where in its text, and what it is."""

    start: int
    end: int
    what: str
    record: str = ""
    blocking: bool = True


def _span(place: Place, match: re.Match) -> tuple[int, int]:
    """The text's span of the words a lookahead's groups matched in `place.joined`."""
    groups = [i for i in range(1, (match.re.groups or 0) + 1) if match.group(i) is not None]
    start, end = match.start(groups[0]), match.end(groups[-1])
    first = place.word_index(start)
    return place.original(first, first + place.joined.count(" ", start, end))


def _dates(day: str, month: str, year: str) -> set[tuple[int, int, str]]:
    return {(int(month), int(day), year)} if 1 <= int(month) <= 12 else set()


def _candidate_dates(match: re.Match, kind: str) -> set[tuple[int, int, str]]:
    """(month, day, year as written) for each way a found date could be read."""
    if kind == "numeric":
        first, middle, last = match.groups()
        found = set()
        if len(last) in (2, 4):
            found |= _dates(first, middle, last) | _dates(middle, first, last)
        if len(first) == 4:
            found |= _dates(last, middle, first) | _dates(middle, last, first)
        return found
    if kind == "dmy":
        day, month, year = match.groups()
    elif kind == "mdy":
        month, day, year = match.groups()
    else:
        year, month, day = match.groups()
    return {(MONTHS[month], int(day), year)}


_DATE_FORMS = (
    (_NUMERIC, "numeric"),
    (_DAY_MONTH_YEAR, "dmy"),
    (_MONTH_DAY_YEAR, "mdy"),
    (_YEAR_MONTH_DAY, "ymd"),
)


def dates_of_birth(
    place: Place, births: dict[tuple[int, int], list[tuple[int, str]]]
) -> Iterator[Hit]:
    """Every recorded date of birth in the place, however written; `births` maps (month, day)
    to the (year, record) of each recorded date of birth."""
    if not births:
        return
    for expression, kind in _DATE_FORMS:
        for match in expression.finditer(place.joined):
            records = {
                record
                for month, day, year in _candidate_dates(match, kind)
                for born, record in births.get((month, day), ())
                if year == str(born) or (len(year) == 2 and int(year) == born % 100)
            }
            for record in sorted(records):
                yield Hit(*_span(place, match), "the child's date of birth", record)


def identifiers(place: Place) -> Iterator[Hit]:
    # python-stdnum and phonenumbers take a good part of a second to import on a busy machine:
    # imported by the worker when it first checks a report, not by every web process that loads
    # the report's selectors.
    from stdnum.gb import nhs, upn

    joined = place.joined
    for match in _NHS.finditer(joined):
        digits = "".join(match.groups())
        if nhs.is_valid(digits):
            yield Hit(*_span(place, match), "an NHS number")
    for match in _UPN.finditer(joined):
        if upn.is_valid(match.group(1).upper()):
            yield Hit(*_span(place, match), "a unique pupil number")
    for match in _NINO.finditer(joined):
        if is_national_insurance_number("".join(g for g in match.groups() if g)):
            yield Hit(*_span(place, match), "a National Insurance number")
    for match in _POSTCODE.finditer(joined):
        postcode = match.group(1)
        start, end = _span(place, match)
        # "KS2 1st" is not a postcode; "LS1 1ST" written in capitals may be.
        if postcode[-2:] in _ORDINALS and not place.text[start:end].isupper():
            continue
        yield Hit(start, end, "a postcode")


def is_national_insurance_number(value: str) -> bool:
    """A National Insurance number's form (HMRC's rules; it has no check digit): two prefix
    letters, neither D, F, I, Q, U or V, the second not O, and not BG, GB, KN, NK, NT, TN or ZZ;
    six digits; an optional suffix A to D."""
    value = value.upper()
    if not re.fullmatch(r"[A-Z]{2}\d{6}[A-D]?", value):
        return False
    first, second = value[0], value[1]
    if first in "DFIQUV" or second in "DFIOQUV":
        return False
    return value[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def contacts(place: Place) -> Iterator[Hit]:
    """Telephone numbers and email addresses, read from the text with its punctuation.

    A telephone number is anything phonenumbers reads as a possible UK (or international)
    number, not only an allocated one: a reader recognises 07700 900123 as a mobile number
    though Ofcom keeps that range for drama.
    """
    import phonenumbers

    text = place.text
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield Hit(match.start(), match.end(), "an email address")
    for candidate in _PHONE_CANDIDATE.finditer(text):
        for number in phonenumbers.PhoneNumberMatcher(
            candidate.group(), "GB", leniency=phonenumbers.Leniency.POSSIBLE
        ):
            # As written in the UK: a trunk 0 or an international +; "2014 2015" is two years.
            if number.raw_string.lstrip("(")[:1] not in ("0", "+"):
                continue
            start = candidate.start() + number.start
            yield Hit(start, start + len(number.raw_string), "a telephone number")
