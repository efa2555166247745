"""Bar charts for the portfolio, comparison and impact documents as inline SVG: horizontal bars from a visible
zero (to the left for negative values), each value written beside its bar, and a text alternative for readers
who cannot see the chart."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW = 20
LABEL_W = 290  # room for a domain's id and title at this size (about 50 characters)
BAR_W = 240
LABEL_CHARS = 50
WIDTH = LABEL_W + BAR_W + 70
LABEL = 'font-size="10" fill="#1a1a1a" font-family="DejaVu Sans"'
SMALL = 'font-size="9" fill="#444" font-family="DejaVu Sans"'
BAR, NEGATIVE = "#1f4e79", "#b3261e"


def bar_chart(
    alt: str,
    bars: Sequence[tuple[str, float | None]],
    maximum: float,
    unit: str = "",
    minimum: float = 0.0,
    decimals: int | None = None,
) -> Markup:
    """One bar per (label, value) on a scale from `minimum` (0 or below) to `maximum` (a value of None is shown
    as n/a, no bar); below a zero, values carry their sign. `alt` describes the chart, and the values follow it
    in the text alternative. `decimals` fixes the values' decimals (scores: 1), else they print as short as they
    can (counts)."""
    low, top = min(minimum, 0.0), max(maximum, 0.0)
    if top - low <= 0:
        top = 1.0
    height = ROW * len(bars) + 30
    signed = low < 0
    described = "; ".join(f"{label}: {_value(value, unit, signed, decimals)}" for label, value in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(alt)}"><title>{escape(alt)}</title><desc>{escape(described)}</desc>'
    ]
    ticks = (low, 0.0, top) if signed else (0.0, top / 2, top)
    for tick in ticks:
        x = _x(tick, low, top)
        parts.append(f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{height - 22}" stroke="#ccc" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" {SMALL} text-anchor="middle">{tick:g}</text>')
    zero = _x(0.0, low, top)
    parts.append(
        f'<line x1="{zero:.1f}" y1="2" x2="{zero:.1f}" y2="{height - 22}" stroke="#1a1a1a" stroke-width="1.2"/>'
    )
    for index, (label, value) in enumerate(bars):
        parts.append(_bar(index, label, value, (low, top), unit, decimals))
    parts.append("</svg>")
    return Markup("".join(parts))


def _x(value: float, low: float, top: float) -> float:
    return LABEL_W + BAR_W * (value - low) / (top - low)


def _bar(
    index: int, label: str, value: float | None, scale: tuple[float, float], unit: str, decimals: int | None
) -> str:
    y = 4 + index * ROW
    low, top = scale
    zero, end = _x(0.0, low, top), _x(min(max(value or 0.0, low), top), low, top)
    left, width = min(zero, end), abs(end - zero)
    short = escape(label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…")  # cut, then escape
    colour = NEGATIVE if (value or 0.0) < 0 else BAR
    # The value sits right of the bar, or right of the zero line for a bar drawn leftwards.
    text_x = max(zero, end) + 5
    return (
        f'<text x="{LABEL_W - 6}" y="{y + 12}" {LABEL} text-anchor="end">{short}</text>'
        f'<rect x="{left:.1f}" y="{y + 2}" width="{width:.1f}" height="{ROW - 6}" fill="{colour}"/>'
        f'<text x="{text_x:.1f}" y="{y + 12}" {SMALL}>{escape(_value(value, unit, low < 0, decimals))}</text>'
    )


def _value(value: float | None, unit: str, signed: bool, decimals: int | None) -> str:
    if value is None:
        return "n/a"
    shape = "g" if decimals is None else f".{decimals}f"
    return f"{value:+{shape}}{unit}" if signed and value else f"{value:{shape}}{unit}"
