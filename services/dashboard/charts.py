"""Geometry of the dashboard's SVG charts; the templates draw them, so the page needs no JavaScript.

Coordinates are in SVG user units of a fixed viewBox (the image scales to its container). The templates print the
numbers inside `{% localize off %}` so that a decimal comma never reaches an SVG attribute.
"""

import math
from dataclasses import dataclass, field

from .rounding import round_half_up


@dataclass(frozen=True)
class Bar:
    label: object  # what the bar stands for: a procedure code or a month (a date)
    value: object  # the figure written by the bar: a count, or a percentage rounded as the tables round it
    x: float
    y: float
    width: float
    height: float
    text_x: float  # where the value is written
    text_y: float
    label_x: float  # where the label is written
    label_y: float


@dataclass(frozen=True)
class Tick:
    value: float
    x1: float
    y1: float
    x2: float
    y2: float
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: list[Bar]
    ticks: list[Tick] = field(default_factory=list)


def _r(value):
    return round(value, 1)


# Horizontal bars of a percentage (the on-time rate per procedure).
H_LABEL = 160
H_PLOT = 420
H_VALUE = 70
H_ROW = 32
H_BAR = 20
H_TOP = 8
H_AXIS = 28


def percentage_bars(items):
    """`items`: (label, percentage or None) pairs, one horizontal bar each, on a 0–100 scale."""
    bars = []
    for i, (label, value) in enumerate(items):
        top = H_TOP + i * H_ROW
        width = 0 if value is None else H_PLOT * max(0.0, min(100.0, value)) / 100
        middle = top + H_ROW / 2
        bars.append(
            Bar(
                label=label,
                value=round_half_up(value, 1),
                x=H_LABEL,
                y=_r(top + (H_ROW - H_BAR) / 2),
                width=_r(width),
                height=H_BAR,
                text_x=_r(H_LABEL + width + 6),
                text_y=_r(middle + 5),
                label_x=H_LABEL - 8,
                label_y=_r(middle + 5),
            )
        )
    plot_bottom = H_TOP + len(items) * H_ROW
    ticks = [
        Tick(
            value=v,
            x1=_r(H_LABEL + H_PLOT * v / 100),
            y1=H_TOP,
            x2=_r(H_LABEL + H_PLOT * v / 100),
            y2=plot_bottom,
            text_x=_r(H_LABEL + H_PLOT * v / 100),
            text_y=plot_bottom + 18,
        )
        for v in (0, 25, 50, 75, 100)
    ]
    return Chart(width=H_LABEL + H_PLOT + H_VALUE, height=plot_bottom + H_AXIS, bars=bars, ticks=ticks)


# Vertical columns of a count (cases opened per month).
V_LEFT = 48
V_TOP = 24
V_PLOT_HEIGHT = 200
V_BOTTOM = 52  # month, and the year under the first month and every January
V_MAX_WIDTH = 640


def nice_ceiling(value):
    """The smallest of 1, 2, 5 × 10^k that is at least `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def count_columns(items):
    """`items`: (label, count) pairs, one column each, on a scale from 0 to a round number."""
    top = nice_ceiling(max((count for _label, count in items), default=0))
    column = min(56, max(24, V_MAX_WIDTH / max(1, len(items))))
    bars = []
    for i, (label, count) in enumerate(items):
        height = V_PLOT_HEIGHT * count / top
        x = V_LEFT + i * column + column * 0.15
        bar_width = column * 0.7
        bars.append(
            Bar(
                label=label,
                value=count,
                x=_r(x),
                y=_r(V_TOP + V_PLOT_HEIGHT - height),
                width=_r(bar_width),
                height=_r(height),
                text_x=_r(x + bar_width / 2),
                text_y=_r(V_TOP + V_PLOT_HEIGHT - height - 6),
                label_x=_r(x + bar_width / 2),
                label_y=V_TOP + V_PLOT_HEIGHT + 18,
            )
        )
    right = V_LEFT + len(items) * column
    ticks = []
    for value in (0, top // 2, top) if top % 2 == 0 else (0, top):
        y = _r(V_TOP + V_PLOT_HEIGHT * (1 - value / top))
        ticks.append(Tick(value=value, x1=V_LEFT, y1=y, x2=_r(right), y2=y, text_x=V_LEFT - 6, text_y=y + 4))
    return Chart(width=_r(right + 8), height=V_TOP + V_PLOT_HEIGHT + V_BOTTOM, bars=bars, ticks=ticks)
