"""What to look for: every way a reader would recognise a recorded person or reference.

From a case sample's child (name, aliases, date of birth, school, agency references, the case's
own reference), the people around the child (family members, carers) and the staff named in
evidence, this makes `Term`s: a phrase of folded words (see `normalise`), what it is, whose
record it comes from, and whether finding it blocks publication or asks for an acknowledgement
(DESIGN rule 19).

A name "Jordan Ellery" blocks as "jordan ellery", "ellery jordan" ("Ellery, Jordan"),
"j ellery" ("J. Ellery"), "ellery j", a title with the family name ("Ms Ellery"), "ellery
family" ("The Ellery family") and a possessive of either name ("Jordan's"). The given name or
the family name alone warns. A name that is also a common English word ("Hope", "Will") warns
at most, and alone only where it is written with a capital, as a name is.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
from dataclasses import dataclass, field

from reports.personal_data.normalise import words

TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr")

# English words that are also given or family names: alone, they are far more often the word
# than the person, so they warn (never block), and only when capitalised as a name is.
_COMMON_WORDS = """
    will may mark hope grace joy faith rose daisy lily holly ivy dawn summer april june august
    bill pat sue rob jack frank grant dean chase drew guy ray rich sky amber ruby pearl crystal
    iris violet heather hazel olive robin jay wren rowan sunny harmony honor honour destiny
    patience prudence charity hunter mason taylor cook baker smith young white black brown green
    hill wood king bishop page ward field marsh lamb fox bird long short little price best lord
    law hall park bell miles cash winter spring day knight rice gold stone brook brooke river
    storm autumn star angel baby major carter porter walker turner butler fisher miller
    archer bridge cross moss north south west east penny bobby art kit sandy rusty wade earl
    duke prince noble sterling chance lane banks bush grey gray case care help said
"""
COMMON_WORDS = frozenset(_COMMON_WORDS.split())


@dataclass(frozen=True)
class Term:
    """A phrase that must not reach the public (blocking) or that a reviewer must look at."""

    phrase: str  # folded words joined by single spaces
    what: str  # "the child's name", "a carer's name", ...
    record: str  # "case sample ASH-T01"; "" when found by its form alone (a postcode)
    blocking: bool
    # Counts only where the text writes its first letter as a capital: a common word alone.
    capital: bool = False

    @property
    def label(self) -> str:
        return f"{self.what} from {self.record}" if self.record else self.what


@dataclass(frozen=True)
class Person:
    """A recorded name and whose it is: ("Jordan Ellery", "the child's", "case sample A-1")."""

    name: str
    whose: str
    record: str
    staff: bool = False
    # An alias is a whole name even when it is one word.
    alias: bool = False


@dataclass(frozen=True)
class CaseRecord:
    """What a case sample records about a child, as plain data (see `personal_data_terms`)."""

    reference: str
    child_name: str = ""
    date_of_birth: datetime.date | None = None
    agency_references: tuple[str, ...] = ()
    family_members: tuple[str, ...] = ()
    carers: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    school: str = ""

    @property
    def label(self) -> str:
        return f"case sample {self.reference}"


@dataclass
class Terms:
    """Everything to look for in one inspection's report."""

    phrases: list[Term] = field(default_factory=list)
    # Each date of birth, with the record it comes from.
    dates_of_birth: list[tuple[datetime.date, str]] = field(default_factory=list)

    def digest(self) -> str:
        rows = sorted(
            [f"{t.phrase}\t{t.label}\t{t.blocking}\t{t.capital}" for t in self.phrases]
            + [f"{day.isoformat()}\t{record}" for day, record in self.dates_of_birth]
        )
        return hashlib.sha256("\n".join(rows).encode()).hexdigest()

    def __len__(self) -> int:
        return len(self.phrases) + len(self.dates_of_birth)


def _word_groups(name: str) -> tuple[list[list[str]], bool]:
    """A name's words, each as its parts: "Kacey Dunmore-Platt" is [[kacey], [dunmore, platt]];
    and whether it was recorded with a title ("Mrs Okafor"), which the words leave out."""
    groups = [group for group in (words(part) for part in name.split()) if group]
    titled = False
    while len(groups) > 1 and len(groups[0]) == 1 and groups[0][0] in TITLES:
        groups, titled = groups[1:], True
    return groups, titled


def _variants(sequence: list[list[str]]) -> set[str]:
    """The phrase of a sequence of word groups, each group's parts apart or run together: a
    hyphenated name broken at a PDF line's end reads as one word ("dunmoreplatt")."""
    choices = [{" ".join(group), "".join(group)} for group in sequence]
    return {" ".join(choice) for choice in itertools.product(*choices)}


def person_terms(person: Person) -> list[Term]:
    groups, titled = _word_groups(person.name)
    if not groups:
        return []
    name = f"{person.whose} name"
    blocking = not person.staff
    found: list[Term] = []

    def add(sequence: list[list[str]], what: str, *, block: bool, capital: bool = False) -> None:
        found.extend(
            Term(phrase, what, person.record, block, capital) for phrase in _variants(sequence)
        )

    given, family = groups[0], groups[-1]
    if len(groups) == 1 and titled:
        # Only a family name was recorded: with any title it is the person, alone it warns.
        for title in TITLES:
            add([[title], family], f"{person.whose} family name with a title", block=blocking)
        if not person.staff:
            _family_forms(add, person.whose, family)
        return found
    if len(groups) == 1:
        word = " ".join(given)
        is_common = word in COMMON_WORDS
        # A one-word name is a given name alone (DESIGN rule 19), unless it is an alias.
        whole = person.alias and not is_common
        if not person.staff:
            add(groups, name, block=whole, capital=is_common)
            add([given, ["s"]], f"{name} as a possessive", block=whole, capital=is_common)
        else:
            add(groups, name, block=False, capital=True)
        return found
    # "Will May" read as words ("the council will may") is no name: capitalised, it is.
    words_only = all(" ".join(group) in COMMON_WORDS for group in groups)
    add(groups, name, block=blocking, capital=words_only)
    add([given, family], name, block=blocking, capital=words_only)
    add([family, given], f"{name}, family name first", block=blocking, capital=words_only)
    add([family, *groups[:-1]], f"{name}, family name first", block=blocking, capital=words_only)
    # An initial before a family name that is also a word ("A. Page", "I Will") is as often
    # "a page" and "I will": it warns, and only with a capital.
    common_family = " ".join(family) in COMMON_WORDS
    initial = {"block": blocking and not common_family, "capital": common_family}
    add([[given[0][0]], family], f"{name} with an initial", **initial)
    add([family, [given[0][0]]], f"{name} with an initial", **initial)
    for title in TITLES:
        add([[title], family], f"{person.whose} family name with a title", block=blocking)
    if person.staff:
        return found
    _family_forms(add, person.whose, family)
    _alone_forms(add, person.whose, given, "given name")
    return found


def _family_forms(add, whose: str, family: list[str]) -> None:
    add([family, ["family"]], f"{whose} family name as a family", block=True)
    _alone_forms(add, whose, family, "family name")


def _alone_forms(add, whose: str, part: list[str], label: str) -> None:
    """A name alone warns; its possessive ("Jordan's") blocks, unless it is a common word."""
    if len(" ".join(part)) < 2:
        return  # an initial recorded as a name is no name alone
    is_common = " ".join(part) in COMMON_WORDS
    add([part, ["s"]], f"{whose} {label} as a possessive", block=not is_common, capital=is_common)
    add([part], f"{whose} {label}", block=False, capital=is_common)


def reference_terms(reference: str, what: str, record: str) -> list[Term]:
    """A reference with any separator, or none, between its parts: "CSC-48213" is found as
    "CSC/48213", "CSC–48213", "CSC 48213" and "CSC48213"."""
    parts = words(reference)
    if not parts:
        return []
    # Every way of running neighbouring parts together: "ASH-T01" as "ASHT01" or "ASH T01".
    phrases = {
        parts[0] + "".join(cut + part for cut, part in zip(cuts, parts[1:], strict=True))
        for cuts in itertools.product((" ", ""), repeat=len(parts) - 1)
    }
    return [Term(phrase, what, record, True) for phrase in sorted(phrases)]


def case_terms(case: CaseRecord) -> Terms:
    label = case.label
    terms = Terms()
    people = [Person(case.child_name, "the child's", label)] if case.child_name else []
    people += [Person(alias, "the child's other", label, alias=True) for alias in case.aliases]
    people += [Person(name, "a family member's", label) for name in case.family_members]
    people += [Person(name, "a carer's", label) for name in case.carers]
    for person in people:
        terms.phrases.extend(person_terms(person))
    for reference in case.agency_references:
        terms.phrases.extend(reference_terms(reference, "an agency reference", label))
    terms.phrases.extend(reference_terms(case.reference, "the case sample's reference", label))
    if case.school and words(case.school):
        terms.phrases.append(Term(" ".join(words(case.school)), "the child's school", label, False))
    if case.date_of_birth:
        terms.dates_of_birth.append((case.date_of_birth, label))
    return terms


def staff_terms(name: str, record: str) -> list[Term]:
    """A staff member named in evidence: every form warns (DESIGN rule 19)."""
    return person_terms(Person(name, "a staff member's", record, staff=True))


def build(cases: list[CaseRecord], staff: list[tuple[str, str]]) -> Terms:
    """Terms for case records and (name, record) pairs of staff named in evidence."""
    terms = Terms()
    for case in cases:
        found = case_terms(case)
        terms.phrases.extend(found.phrases)
        terms.dates_of_birth.extend(found.dates_of_birth)
    for name, record in staff:
        terms.phrases.extend(staff_terms(name, record))
    # One phrase, one finding: where two forms give the same phrase, the blocking one stands.
    best: dict[tuple[str, str], Term] = {}
    for term in terms.phrases:
        key = (term.phrase, term.record)
        if key not in best or (term.blocking and not best[key].blocking):
            best[key] = term
    terms.phrases = list(best.values())
    return terms
