"""Bar charts as SVG, drawn on the server: no script, numbers written on the bars."""

from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT, BAR, GAP, TOP, BOTTOM = 320, 180, 44, 16, 24, 40


def distribution_svg(result, chart_id):
    """A bar per score 1-5; colour is never the only carrier: counts and labels are text."""
    title = _("%(theme)s: number of places per score (1 = weak, 5 = strong)") % {
        "theme": result.name
    }
    most = max(result.counts.values()) or 1
    usable = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<line x1="8" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - 8}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#333" stroke-width="1"/>',
    ]
    for index, score in enumerate(range(1, 6)):
        count = result.counts.get(score, 0)
        height = round(usable * count / most)
        x = 16 + index * (BAR + GAP)
        y = HEIGHT - BOTTOM - height
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BAR}" height="{height}" fill="#1f5fa8"/>'
            f'<text x="{x + BAR / 2}" y="{y - 6}" text-anchor="middle" font-size="13" '
            f'fill="#1b1b1b">{count}</text>'
            f'<text x="{x + BAR / 2}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="13" fill="#1b1b1b">{score}</text>'
        )
    axis = escape(_("score"))
    parts.append(
        f'<text x="{WIDTH / 2}" y="{HEIGHT - 6}" text-anchor="middle" font-size="12" '
        f'fill="#333">{axis}</text></svg>'
    )
    return "".join(parts)
