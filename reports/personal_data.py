"""The personal-data check: no child's name, date of birth or agency reference from a case sample,
and no staff name recorded in evidence, may appear in a report the public will read.

The check reads what a reader would read: the text of the rendered HTML and the text extracted
from every page of the PDF. Findings say what kind of data was found and where, and name the case
sample by its internal reference; they never repeat the personal data itself.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from inspections.models import CaseSample, Inspection
from judgements.models import Evidence

_SPACE = re.compile(r"\s+")
# Between the words of a name, a PDF's text may hold a line break, a hyphen or nothing at all.
_GAP = r"[\s\-\u2010\u2011\u00ad]*"


@dataclass(frozen=True)
class Term:
    what: str
    pattern: str
    # Lower-case ASCII text that every match contains: a plain-ASCII place without it cannot
    # match, so its regular expression is not run there (see `find_personal_data`).
    needle: str = ""


@dataclass(frozen=True)
class Finding:
    what: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return {"what": self.what, "where": self.where}


def _words_pattern(text: str) -> str | None:
    # Split on hyphens too: "Dunmore-Platt" may be broken across two lines at its hyphen.
    words = [re.escape(word) for word in re.split(r"[\s\-\u2010\u2011]+", text.strip()) if word]
    if not words:
        return None
    return r"(?<![\w])" + _GAP.join(words) + r"(?![\w])"


def _needle(text: str) -> str:
    """The longest word of a name or reference, if it is plain ASCII letters and digits."""
    words = re.split(r"[\s\-\u2010\u2011]+", text.strip())
    longest = max(words, key=len, default="").lower()
    return longest if longest.isascii() and longest.isalnum() else ""


def _date_patterns(day: datetime.date) -> list[tuple[str, str]]:
    """The ways a date of birth is commonly written, each with the year as written in it."""
    d, m, y = day.day, day.month, day.year
    month, short = day.strftime("%B"), day.strftime("%b")
    numeric = [
        rf"0?{d}[/.\-]0?{m}[/.\-]{y}",
        rf"0?{d}[/.\-]0?{m}[/.\-]{y % 100:02d}",
        rf"{y}-{m:02d}-{d:02d}",
    ]
    written = [
        rf"0?{d}(?:st|nd|rd|th)?\s+(?:{month}|{short}\.?)\s+{y}",
        rf"(?:{month}|{short}\.?)\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}",
    ]
    years = [str(y), f"{y % 100:02d}", str(y)]
    return [
        (rf"(?<![\w/.\-]){p}(?![\w/\-]|\.\d)", year) for p, year in zip(numeric, years, strict=True)
    ] + [(rf"(?<![\w]){p}(?![\w])", str(y)) for p in written]


def personal_data_terms(*, inspection: Inspection) -> list[Term]:
    """Everything that must not be published, with what to call it in a finding."""
    terms: list[Term] = []
    for case in CaseSample.objects.filter(inspection=inspection).order_by("internal_reference"):
        label = f"case sample {case.internal_reference}"
        if pattern := _words_pattern(case.child_name):
            terms.append(Term(f"the child's name from {label}", pattern, _needle(case.child_name)))
        if case.date_of_birth:
            terms.extend(
                Term(f"the date of birth from {label}", pattern, year)
                for pattern, year in _date_patterns(case.date_of_birth)
            )
        for reference in case.agency_reference_list:
            if pattern := _words_pattern(reference):
                terms.append(Term(f"an agency reference from {label}", pattern, _needle(reference)))
    evidence = Evidence.objects.filter(inspection=inspection).exclude(staff_names="")
    for item in evidence.select_related("inspectorate").order_by("observed_on", "id"):
        for name in item.staff_name_list:
            if pattern := _words_pattern(name):
                terms.append(
                    Term(
                        f"a staff name recorded in {item.inspectorate.name}'s evidence of "
                        f"{item.observed_on:%-d %B %Y}",
                        pattern,
                        _needle(name),
                    )
                )
    return terms


def terms_digest(terms: list[Term]) -> str:
    joined = "\n".join(sorted(f"{t.what}\t{t.pattern}" for t in terms))
    return hashlib.sha256(joined.encode()).hexdigest()


class _SectionText(HTMLParser):
    """The text of an HTML document, split into the sections its h2 and h3 headings start."""

    LEVELS = {"h1": 1, "h2": 2, "h3": 3}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, list[str]]] = [("the cover", [])]
        self._titles: dict[int, str] = {}
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.LEVELS:
            self._heading = []
        # Block elements end a word: "<td>Jo</td><td>Bloggs</td>" is not "JoBloggs".
        self.sections[-1][1].append(" ")

    def handle_endtag(self, tag):
        if tag in self.LEVELS and self._heading is not None:
            title = _SPACE.sub(" ", "".join(self._heading)).strip()
            level = self.LEVELS[tag]
            self._titles = {k: v for k, v in self._titles.items() if k < level}
            self._titles[level] = title
            # "Ofsted: Children who need help and protection", under the report's own title.
            name = ": ".join(v for k, v in sorted(self._titles.items()) if k > 1) or title
            self.sections.append((f"the section \u201c{name}\u201d", [title]))
            self._heading = None
        self.sections[-1][1].append(" ")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.sections[-1][1].append(data)


def html_sections(html: str) -> list[tuple[str, str]]:
    parser = _SectionText()
    parser.feed(html)
    parser.close()
    return [(where, _SPACE.sub(" ", "".join(parts))) for where, parts in parser.sections]


# Punctuation that reports print and that no letter or digit matches, even ignoring case.
_PLAIN_PUNCTUATION = str.maketrans(
    dict.fromkeys("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026")
)


def _plain_lower(text: str) -> str | None:
    """The text in lower case, if it is plain ASCII (and the punctuation above); else None.

    In plain ASCII a case-insensitive match of a word contains the word in lower case, so a
    missing needle proves a term absent. Elsewhere (say a dotless i, or a long s, which match
    "i" and "s" when case is ignored) every term's expression is run.
    """
    return text.lower() if text.translate(_PLAIN_PUNCTUATION).isascii() else None


def find_personal_data(*, terms: list[Term], html: str, pdf_pages: list[str]) -> list[Finding]:
    """Every place a term occurs: sections of the web page, and pages of the PDF."""
    places = [(f"{where} of the web page", text) for where, text in html_sections(html)]
    places += [
        (f"page {number} of the PDF", _SPACE.sub(" ", text))
        for number, text in enumerate(pdf_pages, start=1)
    ]
    # Running every expression over every page took a tenth of a 100-page render; a substring
    # test first skips the places a term cannot be in (bench/README.md).
    lowered = [(where, text, _plain_lower(text)) for where, text in places]
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for term in terms:
        regex = re.compile(term.pattern, re.IGNORECASE)
        for where, text, lower in lowered:
            if term.needle and lower is not None and term.needle not in lower:
                continue
            if (term.what, where) not in seen and regex.search(text):
                seen.add((term.what, where))
                findings.append(Finding(what=term.what, where=where))
    return findings
