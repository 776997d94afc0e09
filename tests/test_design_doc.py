"""Every "DESIGN rule N" a comment cites points at a rule of docs/design.md, so a newcomer can
follow it; the rules are numbered 1, 2, 3... without gaps, so numbers never shift silently."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT / "docs" / "design.md"
SKIPPED = {".venv", ".git", "node_modules", "static", "migrations", "staticfiles", "media"}

# "DESIGN rule 2", "DESIGN rules 1 and 2", "(rule 5)", "DESIGN section 4 (1 and 2)".
RULE_CITATION = re.compile(r"(?:\bDESIGN rules?|\(rules?) (\d+(?:(?:, | and )\d+)*)")
SECTION_CITATION = re.compile(r"\bDESIGN section (\d+)")


def _sources() -> list[Path]:
    files = []
    for pattern in ("*.py", "*.html"):
        for path in ROOT.rglob(pattern):
            if not SKIPPED & set(path.relative_to(ROOT).parts):
                files.append(path)
    return files


def _rules() -> dict[int, str]:
    """Rule number to its text, from section 4's numbered list."""
    text = DESIGN.read_text()
    section = text.split("\n## 4.", 1)[1].split("\n## ", 1)[0]
    return {int(n): body for n, body in re.findall(r"^(\d+)\. (.+)$", section, re.MULTILINE)}


def _sections() -> set[int]:
    return {int(n) for n in re.findall(r"^## (\d+)\.", DESIGN.read_text(), re.MULTILINE)}


def test_the_rules_are_numbered_without_gaps():
    numbers = sorted(_rules())
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 16


def test_every_cited_rule_and_section_is_in_the_design_record():
    rules, sections = _rules(), _sections()
    missing = []
    for path in _sources():
        text = path.read_text(errors="replace")
        where = path.relative_to(ROOT)
        for match in RULE_CITATION.finditer(text):
            for number in re.findall(r"\d+", match.group(1)):
                if int(number) not in rules:
                    missing.append(f"{where}: rule {number}")
        for match in SECTION_CITATION.finditer(text):
            if int(match.group(1)) not in sections:
                missing.append(f"{where}: section {match.group(1)}")
    assert missing == [], f"cited but not in docs/design.md: {missing}"
