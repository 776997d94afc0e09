"""What changed between two versions of shared text, line by line, for people to read.

Lines are the text's own lines (paragraphs, as people type them); blank lines carry no meaning
and are left out so that a list of changes never has empty items.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from core.text import one_per_line
from lscb.models import SharedTextKind, SharedTextVersion

ADDED = "added"
REMOVED = "removed"
SAME = "same"


@dataclass(frozen=True)
class DiffLine:
    change: str
    text: str

    @property
    def added(self) -> bool:
        return self.change == ADDED

    @property
    def removed(self) -> bool:
        return self.change == REMOVED


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: tuple[DiffLine, ...]


def field_labels(kind: str) -> dict[str, str]:
    """The parts of one kind of shared text, in reading order, with the names people see."""
    if kind == SharedTextKind.LSCB_JUDGEMENT:
        return {
            "grade": "Grade",
            "body": "Rationale",
            "improvements": "What the LSCB must improve",
        }
    if kind == SharedTextKind.JOINT_LETTER:
        return {"body": "The letter", "improvements": "Next steps"}
    return {"body": "Summary of key findings"}


def line_diff(old: str, new: str) -> tuple[DiffLine, ...]:
    before, after = one_per_line(old), one_per_line(new)
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(DiffLine(SAME, text) for text in before[i1:i2])
            continue
        lines.extend(DiffLine(REMOVED, text) for text in before[i1:i2])
        lines.extend(DiffLine(ADDED, text) for text in after[j1:j2])
    return tuple(lines)


def version_diff(
    old: SharedTextVersion | None,
    new: SharedTextVersion,
    *,
    kind: str,
    grade_label: Callable[[str], str],
) -> list[FieldDiff]:
    """The parts that changed from `old` to `new` (every part when there is no `old`)."""
    diffs = []
    for field, label in field_labels(kind).items():
        before = getattr(old, field) if old is not None else ""
        after = getattr(new, field)
        if before == after:
            continue
        if field == "grade":
            before = grade_label(before) if before else ""
            after = grade_label(after) if after else ""
        diffs.append(FieldDiff(label=label, lines=line_diff(before, after)))
    return diffs
