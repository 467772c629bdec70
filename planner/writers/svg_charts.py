"""Charts as inline SVG strings: no scripts, no fonts, no remote files, deterministic bytes."""

from __future__ import annotations

from html import escape

from planner.money import usd

PALETTE = ["#2f6fba", "#e08a1e", "#3a9d5d", "#c0392b", "#8e5cb5", "#6b7b8c", "#d4a017", "#17a2b8"]


def bar_chart(items: list[tuple[str, float]], *, width: int = 640, title: str = "") -> str:
    """Horizontal bars, largest first, labelled with the money amount."""
    items = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    row = 26
    label_w = 170
    height = row * len(items) + 30
    top = max((v for _, v in items), default=0.0) or 1.0
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="chart">')]
    if title:
        parts.append(f'<title>{escape(title)}</title>')
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        bar = (width - label_w - 110) * (value / top)
        colour = PALETTE[i % len(PALETTE)]
        parts.append(f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" fill="{colour}" rx="3"/>')
        parts.append(f'<text x="{label_w + bar + 6:.1f}" y="{y + 16}" font-size="13">{escape(usd(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(series: dict[str, list[float | None]], *, width: int = 640, height: int = 240, title: str = "",
               x_label: str = "month") -> str:
    """One line per series over a shared x axis of 1..N (e.g. monthly cost of each bucket)."""
    names = sorted(series)
    length = max((len(v) for v in series.values()), default=0)
    top = max((v for vs in series.values() for v in vs if v is not None), default=0.0) or 1.0
    left, bottom, right, top_pad = 70, 30, 150, 14
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" class="chart">')]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    parts.append(f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{left + plot_w}" y2="{top_pad + plot_h}" stroke="#999"/>')
    parts.append(f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + plot_h}" stroke="#999"/>')
    for frac in (0.0, 0.5, 1.0):
        y = top_pad + plot_h * (1 - frac)
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{escape(usd(top * frac))}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" font-size="11">'
                 f'{escape(x_label)} 1–{length}</text>')
    step = plot_w / max(1, length - 1)
    for i, name in enumerate(names):
        values = series[name]
        colour = PALETTE[i % len(PALETTE)]
        for run in _runs(values):  # unknown months (None) break the line instead of dropping to $0
            points = " ".join(f"{left + j * step:.1f},{top_pad + plot_h * (1 - v / top):.1f}" for j, v in run)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        parts.append(f'<text x="{left + plot_w + 8}" y="{top_pad + 14 + i * 16}" font-size="12" fill="{colour}">'
                     f'{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _runs(values: list[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive known values as (index, value) runs."""
    runs: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for j, v in enumerate(values):
        if v is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((j, v))
    if current:
        runs.append(current)
    return runs
