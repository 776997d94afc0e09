"""An SVG line chart of p95 latency against concurrent clients, one line per page.

Plain SVG written by hand (no plotting library): log scales on both axes, since the floor answers
in milliseconds and the slowest page in seconds.
"""

from __future__ import annotations

import math
from html import escape

WIDTH, HEIGHT = 960, 560
LEFT, RIGHT, TOP, BOTTOM = 70, 280, 50, 60
COLOURS = (
    "#0b0c0c",  # the floor, in black
    "#1d70b8",
    "#d4351c",
    "#00703c",
    "#f47738",
    "#4c2c92",
    "#d53880",
    "#28a197",
    "#85994b",
    "#6f72af",
)


def _ticks(low: float, high: float) -> list[float]:
    ticks = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for step in (1, 2, 5):
            value = step * 10**exponent
            if low <= value <= high:
                ticks.append(value)
    return ticks


def p95_chart(load: dict, title: str) -> str:
    pages = load["pages"]
    clients = [int(c) for c in load["clients"]]
    values = [
        f["p95_ms"]
        for page in pages.values()
        for f in page["by_clients"].values()
        if f["p95_ms"] and f["p95_ms"] == f["p95_ms"]  # not NaN
    ]
    low = 10 ** math.floor(math.log10(max(min(values), 0.1)))
    high = 10 ** math.ceil(math.log10(max(values)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(c: float) -> float:
        span = math.log(max(clients)) - math.log(min(clients)) or 1
        return LEFT + plot_w * (math.log(c) - math.log(min(clients))) / span

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (math.log10(v) - math.log10(low)) / math.log10(high / low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" '
        'font-size="13" role="img" aria-labelledby="title">',
        f'<title id="title">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{LEFT}" y="28" font-size="17" font-weight="bold">{escape(title)}</text>',
    ]
    for tick in _ticks(low, high):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#dddddd"/>'
            f'<text x="{LEFT - 8}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
    for c in clients:
        parts.append(
            f'<line x1="{x(c):.1f}" x2="{x(c):.1f}" y1="{TOP}" y2="{TOP + plot_h}" '
            'stroke="#eeeeee"/>'
            f'<text x="{x(c):.1f}" y="{TOP + plot_h + 20}" text-anchor="middle">{c}</text>'
        )
    parts.append(
        f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 15}" text-anchor="middle">'
        "concurrent clients</text>"
        f'<text x="18" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 18 {TOP + plot_h / 2:.1f})">p95 latency, ms (log scale)</text>'
    )
    for n, (name, page) in enumerate(pages.items()):
        colour = COLOURS[n % len(COLOURS)]
        points = [
            (x(int(c)), y(f["p95_ms"]))
            for c, f in page["by_clients"].items()
            if f["p95_ms"] == f["p95_ms"] and f["p95_ms"] > 0
        ]
        dash = ' stroke-dasharray="6 4"' if name == "floor" else ""
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        parts.extend(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}"/>' for px, py in points
        )
        legend_y = TOP + 10 + n * 24
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 20}" x2="{WIDTH - RIGHT + 48}" y1="{legend_y}" '
            f'y2="{legend_y}" stroke="{colour}" stroke-width="3"{dash}/>'
            f'<text x="{WIDTH - RIGHT + 56}" y="{legend_y + 4}">{escape(page["label"])}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
