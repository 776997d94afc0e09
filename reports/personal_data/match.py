"""Finding the terms in a report: one pass of a multi-pattern matcher over each place.

Every phrase of every recorded person and reference goes into one Aho-Corasick automaton
(pyahocorasick), which reads a place's joined words once whatever the number of phrases: a
100-page report against 2,000 recorded names takes a fraction of a second (bench/README.md).
Dates of birth and identifiers are read by the few expressions of `identifiers`.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from html.parser import HTMLParser

import ahocorasick

from reports.personal_data import identifiers
from reports.personal_data.normalise import Place, fold
from reports.personal_data.terms import Term, Terms

_SPACE = re.compile(r"\s+")
# How much of the text on each side of a finding the lead inspector sees.
CONTEXT_CHARACTERS = 60
# A report that names one child on every page needs one finding a place, not hundreds.
MAX_FINDINGS = 500


@dataclass(frozen=True)
class Finding:
    """One place a term was found, with the words around it (for the team only)."""

    key: str  # the same for every place the same words of the same record are found
    what: str
    record: str
    blocking: bool
    where: str
    section: str
    page: int | None
    before: str
    match: str
    after: str
    count: int = 1

    @property
    def label(self) -> str:
        return f"{self.what} from {self.record}" if self.record else self.what

    def as_dict(self) -> dict:
        return {**asdict(self), "label": self.label}


class _SectionText(HTMLParser):
    """The text of an HTML document, split into the sections its h2 and h3 headings start."""

    LEVELS = {"h1": 1, "h2": 2, "h3": 3}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, list[str]]] = [("the cover", [])]
        # Each heading's id, its section's name and its own words.
        self.headings: list[tuple[str, str, str]] = []
        self._titles: dict[int, str] = {}
        self._heading: list[str] | None = None
        self._id = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.LEVELS:
            self._heading = []
            self._id = dict(attrs).get("id") or ""
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
            self.sections.append((name, [title]))
            self.headings.append((self._id, name, title))
            self._heading = None
        self.sections[-1][1].append(" ")

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.sections[-1][1].append(data)


def _parse(html: str) -> _SectionText:
    parser = _SectionText()
    parser.feed(html)
    parser.close()
    return parser


def html_sections(html: str, parsed: _SectionText | None = None) -> list[tuple[str, str]]:
    """(section name, its text) for each section of the page."""
    parsed = parsed or _parse(html)
    return [(name, _SPACE.sub(" ", "".join(parts))) for name, parts in parsed.sections]


def _automaton(terms: Terms) -> ahocorasick.Automaton | None:
    by_phrase: dict[str, list[Term]] = {}
    for term in terms.phrases:
        by_phrase.setdefault(f" {term.phrase} ", []).append(term)
    if not by_phrase:
        return None
    automaton = ahocorasick.Automaton()
    # Tens of thousands of small objects at once set off the cyclic garbage collector again and
    # again (it found nothing and took three times as long as the building itself).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for phrase, found in by_phrase.items():
            automaton.add_word(phrase, (phrase, tuple(found)))
        automaton.make_automaton()
    finally:
        if collecting:
            gc.enable()
    return automaton


def _phrase_hits(place: Place, automaton) -> Iterable[identifiers.Hit]:
    """Each term found in the place; where a longer phrase covers a shorter one (the full name
    over the given name alone), only the longer."""
    spans: dict[tuple[int, int], list[Term]] = {}
    for end, (phrase, found) in automaton.iter(place.joined):
        first = place.word_index(end - len(phrase) + 2)
        last = first + phrase.count(" ") - 2
        start, stop = place.original(first, last)
        capitalised = place.text[start].isupper()
        kept = [term for term in found if capitalised or not term.capital]
        if kept:
            spans.setdefault((first, last), []).extend(kept)
    taken: list[tuple[int, int]] = []
    for first, last in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if any(first <= other_last and other_first <= last for other_first, other_last in taken):
            continue
        taken.append((first, last))
        start, stop = place.original(first, last)
        for term in spans[(first, last)]:
            yield identifiers.Hit(start, stop, term.what, term.record, term.blocking)


def _context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The words before, the words found, and the words after, as a reader sees them: spacing
    kept next to the words found, "…" where the text goes on."""
    before = text[max(0, start - CONTEXT_CHARACTERS) : start]
    after = text[end : end + CONTEXT_CHARACTERS]
    # Whole words only at the edges: cut at the first (or last) space.
    if start > CONTEXT_CHARACTERS:
        before = "\u2026" + (before[before.index(" ") + 1 :] if " " in before else before)
    if len(text) - end > CONTEXT_CHARACTERS:
        after = (after[: after.rindex(" ")] if " " in after else after) + "\u2026"
    return (
        _SPACE.sub(" ", before).lstrip(),
        _SPACE.sub(" ", text[start:end]),
        _SPACE.sub(" ", after).rstrip(),
    )


def _key(hit: identifiers.Hit, matched: str) -> str:
    words = " ".join(fold(w) for w in matched.split())
    return hashlib.sha256(f"{hit.what}|{hit.record}|{words}".encode()).hexdigest()[:16]


def _sections_of_pages(
    html_headings: list[tuple[str, str, str]], page_anchors: Sequence[Iterable[str]] | None
) -> list[list[tuple[str, str]]]:
    """For each PDF page, (section name, heading title) of each heading laid out on it."""
    if page_anchors is None:
        return []
    by_id = {anchor: (name, title) for anchor, name, title in html_headings if anchor}
    return [[by_id[a] for a in anchors if a in by_id] for anchors in page_anchors]


def _pdf_places(pdf_pages: list[str], page_headings: list[list[tuple[str, str]]]) -> list:
    places = []
    current = "the cover"
    for number, text in enumerate(pdf_pages, start=1):
        place = Place.read(f"page {number} of the PDF", text, section=current, page=number)
        starts = []
        for name, title in page_headings[number - 1] if page_headings else []:
            found = place.joined.find(" " + " ".join(fold(w) for w in title.split()) + " ")
            if found >= 0:
                first = place.word_index(found + 1)
                starts.append((place.original(first, first)[0], name))
            current = name
        places.append((place, sorted(starts)))
    return places


def find_personal_data(
    *,
    terms: Terms,
    html: str,
    pdf_pages: list[str],
    page_anchors: Sequence[Iterable[str]] | None = None,
) -> list[Finding]:
    """Every place a term occurs: sections of the web page, and pages of the PDF.

    `page_anchors` (the heading ids WeasyPrint laid out on each page) names the section a PDF
    page's finding is in; without it a PDF finding names its page only.
    """
    parsed = _parse(html)
    places = [
        (Place.read(f"the section \u201c{name}\u201d of the web page", text, section=name), [])
        for name, text in html_sections(html, parsed)
    ]
    places += _pdf_places(pdf_pages, _sections_of_pages(parsed.headings, page_anchors))
    automaton = _automaton(terms)
    births: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for day, record in terms.dates_of_birth:
        births.setdefault((day.month, day.day), []).append((day.year, record))
    findings: dict[tuple[str, str], Finding] = {}
    for place, starts in places:
        hits = list(_phrase_hits(place, automaton)) if automaton else []
        hits += identifiers.dates_of_birth(place, births)
        hits += identifiers.identifiers(place)
        hits += identifiers.contacts(place)
        for hit in sorted(hits, key=lambda h: h.start):
            before, matched, after = _context(place.text, hit.start, hit.end)
            key = _key(hit, matched)
            if (key, place.where) in findings:
                old = findings[(key, place.where)]
                findings[(key, place.where)] = _replace_count(old, old.count + 1)
                continue
            if len(findings) >= MAX_FINDINGS:
                break
            section = place.section
            for position, name in starts:
                if position <= hit.start:
                    section = name
            findings[(key, place.where)] = Finding(
                key=key,
                what=hit.what,
                record=hit.record,
                blocking=hit.blocking,
                where=place.where,
                section=section,
                page=place.page,
                before=before,
                match=matched,
                after=after,
            )
    return list(findings.values())


def _replace_count(finding: Finding, count: int) -> Finding:
    return Finding(**{**asdict(finding), "count": count})
