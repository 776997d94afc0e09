"""The overview's chart as geometry for a server-rendered SVG (no JavaScript): a diverging bar
chart, one group per sub-theme and one bar per agency in it, strengths to the left of the axis
and areas for improvement to the right. The template draws it; the table beside it carries the
same numbers for anyone who cannot see the chart."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 760
LABEL_WIDTH = 300
HALF = (WIDTH - LABEL_WIDTH - 40) // 2
AXIS_X = LABEL_WIDTH + 20 + HALF
BAR = 22
GAP = 6
GROUP_HEADING = 30
GROUP_GAP = 18
TOP = 44


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    strengths: int
    areas_for_improvement: int
    strengths_x: float
    strengths_width: float
    areas_width: float

    @property
    def text_y(self) -> int:
        return self.y + BAR - 6


@dataclass(frozen=True)
class Group:
    y: int
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_x: int
    label_width: int
    half: int
    top: int
    groups: tuple[Group, ...]
    largest: int


def chart_for(
    rows: list[tuple[str, list[tuple[str, int, int]]]],
) -> Chart:
    """`rows`: for each sub-theme, its title and (agency name, strengths, areas) per agency."""
    largest = max((max(s, a) for _, bars in rows for _, s, a in bars), default=0)
    scale = HALF / largest if largest else 0
    y, groups = TOP, []
    for title, counts in rows:
        bar_y, bars = y + GROUP_HEADING, []
        for name, strengths, areas in counts:
            width = strengths * scale
            bars.append(Bar(bar_y, name, strengths, areas, AXIS_X - width, width, areas * scale))
            bar_y += BAR + GAP
        groups.append(Group(y + GROUP_HEADING - 8, title, tuple(bars)))
        y = bar_y + GROUP_GAP
    return Chart(WIDTH, y + 10, AXIS_X, LABEL_WIDTH, HALF, TOP, tuple(groups), largest)
