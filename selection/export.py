"""The ranked list as a CSV file for spreadsheets: one row per area, candidates first."""

from __future__ import annotations

from collections.abc import Iterator

from core.text import display_name
from selection.ranking import RankedArea
from selection.selectors import RankedList

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Make a cell inert in a spreadsheet: a leading apostrophe stops formula injection."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


EXPORT_HEADER = (
    "rank",
    "ons_code",
    "local_authority",
    "score",
    "recommended",
    "good_or_outstanding",
    "always_candidate",
    "decision",
    "decided_by",
    "decision_rationale",
    "reasons",
)


def export_rows(ranked: RankedList) -> Iterator[list[str]]:
    """The header, then every candidate and every area that is not one, each cell made inert."""
    yield list(EXPORT_HEADER)
    for row in [*ranked.rows(), *ranked.excluded_rows()]:
        area = row.area
        candidate = isinstance(area, RankedArea)
        decision = row.decision
        yield [
            csv_safe(cell)
            for cell in (
                area.rank if candidate else "",
                area.facts.ons_code,
                area.facts.name,
                area.score if candidate else "",
                ("yes" if area.recommended else "no") if candidate else "not a candidate",
                "yes" if area.facts.well_performing else "no",
                ("yes" if area.always_candidate else "no") if candidate else "no",
                decision.get_outcome_display() if decision else "",
                display_name(decision.decided_by) if decision else "",
                decision.rationale if decision else "",
                "; ".join(area.all_reasons if candidate else [area.reason]),
            )
        ]
