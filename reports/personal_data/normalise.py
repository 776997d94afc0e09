"""Text as a reader reads it: words, whatever their case, accents, ligatures or look-alike letters.

Both the report's text and every recorded name go through `fold`, so that they meet in one form:
lower case, accents dropped, ligatures opened ("ﬁ" is "fi"), letters from other scripts that look
like Latin ones read as those (a Cyrillic "о" is an "o"). A word broken across a PDF line at a
hyphen ("Jor-\\ndan"), or split by a soft hyphen or an invisible space, is one word again.

A place (a section of the web page, a page of the PDF) becomes a `Place`: its words folded and
joined by single spaces, with a leading and a trailing space, so that a phrase matches only
whole words (" jordan ellery ") and the separators a writer chose (a comma, a full stop, a
slash, a dash, a line break) no longer matter: "Ellery, Jordan" and "CSC/48213" are the words
"ellery jordan" and "csc 48213". Where each word came from is kept, to quote it back.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

# Characters that join the two halves of one word: a soft hyphen, the invisible spaces and
# joiners, and a hyphen at the end of a PDF line (the line break after it).
_JOINER = r"(?:[\u00ad\u200b-\u200d\u2060\ufeff]\s*|[\-\u2010\u2011]\s*[\r\n]\s*)"
# A letter or digit (or an underscore, which `fold` drops), or a combining accent left over
# after NFC composition.
_CHAR = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
WORD = re.compile(rf"{_CHAR}+(?:{_JOINER}{_CHAR}+)*")
_NOT_LETTER_OR_DIGIT = re.compile(r"[^\w]|_")


@functools.cache
def _look_alikes() -> dict[int, str]:
    """Each non-Latin letter that Unicode lists as confusable with one Latin letter or digit.

    The data is Unicode's own list of confusable characters (UTS #39, confusables.txt), as the
    confusable_homoglyphs package ships it (ADR 0013). Only lower-case targets are kept: text is
    case-folded first, so a Greek capital iota (whose skeleton is "l") is already "ι" ("i").
    """
    from confusable_homoglyphs.confusables import confusables_data

    table: dict[int, str] = {}
    for char, homoglyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        targets = {
            h["c"]
            for h in homoglyphs
            if len(h["c"]) == 1 and h["c"].isascii() and (h["c"].islower() or h["c"].isdigit())
        }
        if len(targets) == 1:
            table[ord(char)] = targets.pop()
    # Letters that case-folding leaves outside ASCII and that Unicode lists under a capital.
    table[ord("ı")] = "i"  # a dotless i
    return table


def fold(word: str) -> str:
    """One word in the form every comparison uses: "Jоrdán" (Cyrillic о) is "jordan"."""
    if word.isascii() and word.isalnum():
        return word.lower()
    word = re.sub(_JOINER, "", word)
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.translate(_look_alikes())
    plain = unicodedata.normalize("NFKD", plain)
    return _NOT_LETTER_OR_DIGIT.sub("", plain) or word.casefold()


def words(text: str) -> list[str]:
    """The folded words of a short text, such as a recorded name or reference."""
    return [fold(w) for w in WORD.findall(unicodedata.normalize("NFC", text))]


@dataclass
class Place:
    """One place a reader reads: its text, and its words joined as " word word ... "."""

    where: str
    text: str
    section: str = ""
    page: int | None = None
    joined: str = ""
    # The text the words were read from: `text` lower-cased when that keeps every position.
    source: str = field(default="", repr=False)
    _spans: list[tuple[int, int]] | None = field(default=None, repr=False)

    @classmethod
    def read(cls, where: str, text: str, *, section: str = "", page: int | None = None) -> Place:
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        # Lower-casing the whole text first leaves most words with nothing more to fold; where it
        # would change the text's length (a rare letter), words are folded from the text itself.
        source = text.lower()
        if len(source) == len(text):
            folded = [w if w.isascii() and w.isalnum() else fold(w) for w in WORD.findall(source)]
        else:
            source = text
            folded = [fold(w) for w in WORD.findall(text)]
        return cls(
            where=where, text=text, section=section, page=page, joined=_join(folded), source=source
        )

    def spans(self) -> list[tuple[int, int]]:
        """Where each word is in the text; worked out only for places with a finding."""
        if self._spans is None:
            self._spans = [m.span() for m in WORD.finditer(self.source or self.text)]
        return self._spans

    def word_index(self, position: int) -> int:
        """The number of the word that starts at `position` of `joined`."""
        return self.joined.count(" ", 0, position) - 1

    def original(self, first: int, last: int) -> tuple[int, int]:
        """The span of the text from word `first` to word `last` (inclusive)."""
        spans = self.spans()
        return spans[first][0], spans[last][1]


def _join(folded: list[str]) -> str:
    return " " + " ".join(folded) + " " if folded else " "
