"""The chart of scores on the ranked list page: bar geometry for a server-rendered SVG."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from selection.criteria import ONE_PLACE
from selection.ranking import Ranking


@dataclass(frozen=True)
class ChartBar:
    name: str
    score: Decimal
    recommended: bool
    y: int
    width: Decimal
    text_y: int
    score_x: Decimal


@dataclass(frozen=True)
class ScoreChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[ChartBar, ...]


# Sized for half of the GOV.UK page width, so that 14px text is drawn at about 14px.
CHART_WIDTH = 460
CHART_LABEL_WIDTH = 150
CHART_BAR_AREA = 250
CHART_ROW = 30
CHART_BAR_HEIGHT = 20


def score_chart(*, ranking: Ranking) -> ScoreChart:
    """Bar geometry for each candidate: widths in proportion to the highest score."""
    top = max((area.score for area in ranking.candidates), default=Decimal(0))
    bars = []
    for index, area in enumerate(ranking.candidates):
        width = (area.score / top * CHART_BAR_AREA).quantize(ONE_PLACE) if top > 0 else Decimal(0)
        y = index * CHART_ROW + 5
        bars.append(
            ChartBar(
                name=area.facts.name,
                score=area.score,
                recommended=area.recommended,
                y=y,
                width=width,
                text_y=y + CHART_BAR_HEIGHT - 5,
                score_x=CHART_LABEL_WIDTH + width + 6,
            )
        )
    return ScoreChart(
        width=CHART_WIDTH,
        height=max(len(bars), 1) * CHART_ROW + 10,
        label_width=CHART_LABEL_WIDTH,
        bar_height=CHART_BAR_HEIGHT,
        bars=tuple(bars),
    )
