"""Charts for the portfolio's PDF as inline SVG: horizontal bars from a visible zero, each value written beside
its bar, and a text alternative for readers who cannot see the chart."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW = 20
LABEL_W = 230
BAR_W = 300
WIDTH = LABEL_W + BAR_W + 70
LABEL = 'font-size="10" fill="#1a1a1a" font-family="DejaVu Sans"'
SMALL = 'font-size="9" fill="#444" font-family="DejaVu Sans"'
BAR = "#1f4e79"


def bar_chart(alt: str, bars: Sequence[tuple[str, float | None]], maximum: float, unit: str = "") -> Markup:
    """One bar per (label, value) on a scale from 0 to `maximum` (a value of None is shown as n/a, no bar);
    `alt` describes the chart, and the values follow it in the text alternative."""
    top = maximum if maximum > 0 else 1.0
    height = ROW * len(bars) + 30
    described = "; ".join(f"{label}: {_value(value, unit)}" for label, value in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(alt)}"><title>{escape(alt)}</title><desc>{escape(described)}</desc>'
    ]
    for tick in (0.0, top / 2, top):
        x = LABEL_W + BAR_W * tick / top
        parts.append(f'<line x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{height - 22}" stroke="#ccc" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" {SMALL} text-anchor="middle">{tick:g}</text>')
    parts.append(f'<line x1="{LABEL_W}" y1="2" x2="{LABEL_W}" y2="{height - 22}" stroke="#1a1a1a" stroke-width="1.2"/>')
    for index, (label, value) in enumerate(bars):
        parts.append(_bar(index, label, value, top, unit))
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar(index: int, label: str, value: float | None, top: float, unit: str) -> str:
    y = 4 + index * ROW
    width = BAR_W * max(0.0, value or 0.0) / top
    short = escape(label if len(label) <= 34 else label[:33] + "…")
    return (
        f'<text x="{LABEL_W - 6}" y="{y + 12}" {LABEL} text-anchor="end">{short}</text>'
        f'<rect x="{LABEL_W}" y="{y + 2}" width="{width:.1f}" height="{ROW - 6}" fill="{BAR}"/>'
        f'<text x="{LABEL_W + width + 5:.1f}" y="{y + 12}" {SMALL}>{escape(_value(value, unit))}</text>'
    )


def _value(value: float | None, unit: str) -> str:
    return "n/a" if value is None else f"{value:g}{unit}"
