"""Small SVG charts for sitreps: one range bar per date (low to high when sources disagree) with a line
through the midpoints. Plain SVG with presentation attributes only, so it passes a strict CSP and
fpdf2 can draw it into the PDF."""

from __future__ import annotations

from xml.sax.saxutils import escape

from .build import Chart, fmt_number

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 560, 220, 70, 20, 30, 40


def chart_svg(chart: Chart) -> str:
    points = chart.points
    top_value = max(high for _, _, high in points) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points), 1)

    def y(value: float) -> float:
        return TOP + plot_h - (value / top_value) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-label="{escape(chart.title)}">',
             f'<title>{escape(chart.title)}</title>',
             f'<text x="{LEFT}" y="18" font-family="DejaVu Sans, sans-serif" font-size="13" fill="#222">{escape(chart.title)} ({escape(chart.unit)})</text>',
             f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#555" stroke-width="1"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#555" stroke-width="1"/>']
    for frac in (0.0, 0.5, 1.0):
        value = top_value * frac
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" font-family="DejaVu Sans, sans-serif" font-size="10" '
                     f'text-anchor="end" fill="#333">{fmt_number(value)}</text>')
    mids = []
    for i, (day, low, high) in enumerate(points):
        x = LEFT + step * (i + 0.5)
        bar = max(step * 0.5, 4)
        parts.append(f'<rect x="{x - bar / 2:.1f}" y="{y(high):.1f}" width="{bar:.1f}" height="{max(y(0) - y(high), 1):.1f}" '
                     f'fill="#9ec1dc" stroke="#2b6a99" stroke-width="1"/>')
        if high != low:
            parts.append(f'<line x1="{x - bar / 2:.1f}" y1="{y(low):.1f}" x2="{x + bar / 2:.1f}" y2="{y(low):.1f}" '
                         f'stroke="#b03030" stroke-width="2"/>')
        mids.append(f"{x:.1f},{y((low + high) / 2):.1f}")
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" font-family="DejaVu Sans, sans-serif" font-size="9" '
                     f'text-anchor="middle" fill="#333">{day.isoformat()[5:]}</text>')
    if len(mids) > 1:
        parts.append(f'<polyline points="{" ".join(mids)}" fill="none" stroke="#1d3f5e" stroke-width="1.5"/>')
    parts.append("</svg>")
    return "".join(parts)
