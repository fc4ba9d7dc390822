"""Horizontal bar charts as SVG, drawn on the server with the numbers as text."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

ROW, LABEL, BAR_MAX, WIDTH = 26, 220, 260, 540


def bar_chart(rows, title):
    """rows: [(label, number)]; every text is escaped."""
    if not rows:
        return ""
    most = max(count for _label, count in rows) or 1
    height = ROW * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, count) in enumerate(rows):
        y = 5 + index * ROW
        width = round(BAR_MAX * count / most)
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#1b1b1b">{escape(str(label))}</text>'
            f'<rect x="{LABEL}" y="{y + 3}" width="{width}" height="{ROW - 8}" fill="#1f5fa8"/>'
            f'<text x="{LABEL + width + 6}" y="{y + 16}" font-size="13" '
            f'fill="#1b1b1b">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def net_chart(rows, title, label=LABEL):
    """rows: [(label, number)] that may be negative: bars to the right of the zero line for
    growth, to the left for shrinking, the number (with its sign) as text beside each bar.
    `label`: the width of the labels' column (years need less, so a phone scales less)."""
    if not rows:
        return ""
    most = max(abs(count) for _label, count in rows) or 1
    half = BAR_MAX // 2
    zero = label + 40 + half  # room on the left for a shrinking year's number
    width = zero + half + 60  # and on the right for a growing one's
    height = ROW * len(rows) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{zero}" y1="0" x2="{zero}" y2="{height}" stroke="#555"/>',
    ]
    for index, (name, count) in enumerate(rows):
        y = 5 + index * ROW
        bar = round(half * abs(count) / most)
        left = zero if count >= 0 else zero - bar
        number = f"+{count}" if count > 0 else str(count).replace("-", "−")
        text_x, anchor = (zero + bar + 6, "start") if count >= 0 else (zero - bar - 6, "end")
        colour = "#1f5fa8" if count >= 0 else "#a33b20"
        parts.append(
            f'<text x="{label - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#1b1b1b">{escape(str(name))}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{bar}" height="{ROW - 8}" fill="{colour}"/>'
            f'<text x="{text_x}" y="{y + 16}" text-anchor="{anchor}" font-size="13" '
            f'fill="#1b1b1b">{number}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
