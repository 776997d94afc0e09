"""The sections of a rendered draft a contact can comment on, in report order, with their owner.

Read from the draft's own HTML (`ReportVersion.body_html`), as `reports.personal_data` reads it:
every h2 and h3 heading with an id starts a section. An inspectorate's section (and each of its
judgements under it) is owned by that inspectorate; everything else (the cover, the judgements
at a glance, the key findings, the LSCB, about the inspection) is shared and owned by the lead
inspector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
COVER = "cover"
# Headings that are not part of the report's text.
SKIPPED = frozenset({"contents"})
INSPECTORATE_PREFIX = "inspectorate-"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    # The inspectorate code that owns it, or "" for the shared sections (the lead inspector's).
    owner: str

    @property
    def is_shared(self) -> bool:
        return not self.owner


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str]] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            ident = dict(attrs).get("id") or ""
            self._open = (int(tag[1]), ident)
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._open is not None:
            level, ident = self._open
            self.found.append((level, ident, _SPACE.sub(" ", "".join(self._text)).strip()))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._text.append(data)


def draft_sections(body_html: str, *, inspectorate_codes: list[str]) -> list[Section]:
    """Every commentable section of the draft, the cover first."""
    owners = {INSPECTORATE_PREFIX + code.replace("_", "-"): code for code in inspectorate_codes}
    parser = _Headings()
    parser.feed(body_html)
    parser.close()
    sections = [Section(COVER, "The cover", "")]
    parent_key, parent_title = "", ""
    for level, ident, title in parser.found:
        if level == 2:
            parent_key, parent_title = ident, title
        if not ident or ident in SKIPPED or parent_key in SKIPPED:
            continue
        owner = owners.get(parent_key, "")
        shown = title if level == 2 else f"{parent_title}: {title}"
        sections.append(Section(ident, shown, owner))
    return sections
