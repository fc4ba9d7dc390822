"""A small static map for print: numbered places (and the search point) as inline SVG.

No tiles and no script: the points are projected into a small box on the server, so the
handout prints the same on any printer, in black and white. The projection is a local
equirectangular one (metres east and north of the middle), true enough for a few km.
"""

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT, MARGIN = 360, 240, 26
RADIUS = 11
MIN_EXTENT = 400  # metres across, so that one place is not drawn at an absurd zoom
SCALE_STEPS = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)
METRES_PER_DEGREE = 111_320


@dataclass(frozen=True)
class Marker:
    label: str  # "1", "2"… or "" for the search point
    lng: float
    lat: float


def project(markers):
    """Pixel positions (x, y) of the markers and the metres one pixel stands for."""
    middle_lat = (min(m.lat for m in markers) + max(m.lat for m in markers)) / 2
    east = math.cos(math.radians(middle_lat)) * METRES_PER_DEGREE
    xs = [m.lng * east for m in markers]
    ys = [m.lat * METRES_PER_DEGREE for m in markers]
    inner_width, inner_height = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    per_pixel = max(
        (max(xs) - min(xs)) / inner_width,
        (max(ys) - min(ys)) / inner_height,
        MIN_EXTENT / inner_width,
    )
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return [
        (WIDTH / 2 + (x - centre_x) / per_pixel, HEIGHT / 2 - (y - centre_y) / per_pixel)
        for x, y in zip(xs, ys, strict=True)
    ], per_pixel


def spread(positions):
    """Markers at (nearly) the same spot side by side, so that every number can be read."""
    placed = []
    for x, y in positions:
        while any(math.hypot(x - px, y - py) < 2 * RADIUS - 2 for px, py in placed):
            x += 2 * RADIUS - 2
        placed.append((x, y))
    return placed


def scale_bar(per_pixel):
    """(pixels, label) of a round distance about a quarter of the map wide."""
    metres = next((step for step in SCALE_STEPS if step / per_pixel >= WIDTH / 6), SCALE_STEPS[-1])
    label = f"{metres // 1000} km" if metres >= 1000 and metres % 1000 == 0 else f"{metres} m"
    return metres / per_pixel, label


def sketch_map(markers, title):
    """The SVG of the markers in a WIDTH × HEIGHT box; empty without markers. Every text is
    escaped; the numbers match the numbered list beside it."""
    if not markers:
        return ""
    positions, per_pixel = project(markers)
    positions = spread(positions)
    bar, bar_label = scale_bar(per_pixel)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="sketch-map" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" fill="#fff" '
        'stroke="#000"/>',
        '<g font-family="Arial, sans-serif" font-weight="700" text-anchor="middle">'
        f'<path d="M{WIDTH - 18} 30 l6 -16 l6 16 l-6 -5 z" fill="#000"/>'
        f'<text x="{WIDTH - 12}" y="42" font-size="11">N</text></g>',
    ]
    for marker, (x, y) in zip(markers, positions, strict=True):
        parts.append(marker_svg(marker, x, y))
    parts.append(
        f'<g font-family="Arial, sans-serif" font-size="11">'
        f'<path d="M10 {HEIGHT - 14} v5 h{bar:.1f} v-5" fill="none" stroke="#000" '
        f'stroke-width="1.5"/><text x="{bar + 16:.1f}" y="{HEIGHT - 9}">{bar_label}</text></g>'
    )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def marker_svg(marker, x, y):
    if not marker.label:  # the search point: a black square with a white dot
        return (
            f'<rect x="{x - 7:.1f}" y="{y - 7:.1f}" width="14" height="14" fill="#000" '
            f'transform="rotate(45 {x:.1f} {y:.1f})"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#fff"/>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="#000" stroke="#fff" '
        f'stroke-width="1.5"/><text x="{x:.1f}" y="{y + 4:.1f}" fill="#fff" font-size="12" '
        f'font-family="Arial, sans-serif" font-weight="700" text-anchor="middle">'
        f"{escape(marker.label)}</text>"
    )
