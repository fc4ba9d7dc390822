"""Costs per wijk and per management form: totals and medians per year, cost per opening hour.

Only for beleid and redactie: yearly costs are never public.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from statistics import median

import opening_hours

from places import hours
from places.models import COST_FIELDS, YearlyCosts

REPORTED = ("rent", "operating_costs", "volunteer_fees", "subsidy")
A_MONDAY = datetime(2026, 1, 5)  # a week without public holidays


def hours_per_week(text):
    """Open hours in an ordinary week, or None when the hours are unknown or unreadable."""
    parsed = hours.parsed(text) if text else None
    if parsed is None:
        return None
    total = timedelta()
    for start, end, state, _comments in parsed.intervals(A_MONDAY, A_MONDAY + timedelta(days=7)):
        if state == opening_hours.State.OPEN and end is not None:
            total += end - start
    return round(total.total_seconds() / 3600, 2) or None


def cost_rows(places, year, group_by):
    """Per group (wijk or management form): totals, medians and cost per opening hour."""
    costs = YearlyCosts.objects.filter(place__in=places, year=year).select_related(
        "place__buurt__parent"
    )
    groups = defaultdict(list)
    for row in costs:
        groups[group_key(row.place, group_by)].append(row)
    return [summary(key, rows) for key, rows in sorted(groups.items(), key=lambda g: str(g[0]))]


def group_key(place, group_by):
    if group_by == "beheer":
        return place.get_management_form_display()
    return place.wijk.name if place.wijk else "—"


def summary(label, rows):
    figures = {"label": label, "places": len(rows)}
    for field in REPORTED:
        values = [float(getattr(row, field)) for row in rows]
        figures[f"{field}_total"] = round(sum(values), 2)
        figures[f"{field}_median"] = round(median(values), 2)
    per_hour = []
    for row in rows:
        weekly = hours_per_week(row.place.opening_hours)
        if weekly:
            per_hour.append(float(row.total_costs) / (weekly * 52))
    figures["cost_per_hour"] = round(median(per_hour), 2) if per_hour else None
    return figures


def years_available(places):
    return list(
        YearlyCosts.objects.filter(place__in=places)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def totals_per_year(places):
    """Total costs and subsidy per year, to compare years."""
    rows = defaultdict(lambda: dict.fromkeys(COST_FIELDS, 0.0))
    for cost in YearlyCosts.objects.filter(place__in=places):
        for field in COST_FIELDS:
            rows[cost.year][field] += float(getattr(cost, field))
    return sorted(rows.items(), reverse=True)
