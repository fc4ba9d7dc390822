"""An opening-hours editor: days × time ranges in, valid `opening_hours` text out.

People fill in a week grid, tick "by appointment" or "closed on public holidays" and may
add a short remark such as "inloop"; they never need the OpenStreetMap syntax. Text the
grid cannot express is kept in an "advanced" field, so nothing typed is lost.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from places.hours import suggest, validate_opening_hours

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAY_NAMES = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
RANGES_PER_DAY = 2
APPOINTMENT = "op afspraak"
TIME = r"\d{2}:\d{2}"
RULE = re.compile(
    rf"^(?P<days>[A-Za-z,\-]+) (?P<ranges>{TIME}-{TIME}(?:,{TIME}-{TIME})*)"
    rf'(?: unknown "{APPOINTMENT}(?:, (?P<acomment>[^"]*))?"| open "(?P<comment>[^"]*)")?$'
)


def day_spans(indexes):
    """[0,1,2,4] -> 'Mo-We,Fr'."""
    spans, start = [], None
    for position, index in enumerate(indexes):
        if start is None:
            start = index
        following = indexes[position + 1] if position + 1 < len(indexes) else None
        if following != index + 1:
            first, last = DAYS[start], DAYS[index]
            spans.append(
                first
                if start == index
                else f"{first}-{last}"
                if index - start > 1
                else f"{first},{last}"
            )
            start = None
    return ",".join(spans)


def build(days, appointment=False, holidays_closed=False, comment=""):
    """Opening-hours text from 7 lists of (start, end) 'HH:MM' pairs."""
    comment = comment.replace('"', "").replace(";", ",").strip()
    suffix = ""
    if appointment:
        suffix = f' unknown "{APPOINTMENT}{", " + comment if comment else ""}"'
    elif comment:
        # 'open' before the remark: a rule with only a comment is unknown (OSM specification).
        suffix = f' open "{comment}"'
    rules, seen = [], {}
    for index, ranges in enumerate(days):
        if ranges:
            seen.setdefault(",".join(f"{s}-{e}" for s, e in ranges), []).append(index)
    for ranges, indexes in seen.items():
        rules.append((indexes[0], f"{day_spans(indexes)} {ranges}{suffix}"))
    texts = [text for _first, text in sorted(rules)]
    if not texts and appointment:
        texts.append(f'unknown "{APPOINTMENT}{", " + comment if comment else ""}"')
    if texts and holidays_closed:
        texts.append("PH off")
    return "; ".join(texts)


def expand(days_text):
    indexes = []
    for part in days_text.split(","):
        first, _sep, last = part.partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(part)
        indexes.extend(range(DAYS.index(first), DAYS.index(last or first) + 1))
    return indexes


def parse(text):
    """The grid for text that `build` could have written, or None."""
    days = [[] for _day in DAYS]
    appointment, holidays_closed, comment = False, False, ""
    for rule in [r.strip() for r in (text or "").split(";") if r.strip()]:
        if rule == "PH off":
            holidays_closed = True
            continue
        match = RULE.match(rule)
        if match is None:
            return None
        try:
            indexes = expand(match["days"])
        except ValueError:
            return None
        ranges = [tuple(pair.split("-")) for pair in match["ranges"].split(",")]
        for index in indexes:
            days[index] = ranges
        appointment = appointment or " unknown " in rule
        comment = match["acomment"] or match["comment"] or comment
    grid = (days, appointment, holidays_closed, comment)
    return grid if build(*grid) == " ".join((text or "").split()) else None


def time_input(label):
    return forms.TimeInput(format="%H:%M", attrs={"type": "time", "aria-label": label})


class OpeningHoursWidget(forms.MultiWidget):
    template_name = "places/widgets/opening_hours.html"

    def __init__(self, attrs=None):
        widgets = []
        for name in DAY_NAMES:
            for number in range(1, RANGES_PER_DAY + 1):
                widgets.append(time_input(_("%(day)s, opens (%(n)s)") % {"day": name, "n": number}))
                widgets.append(
                    time_input(_("%(day)s, closes (%(n)s)") % {"day": name, "n": number})
                )
        widgets += [
            forms.CheckboxInput(),
            forms.CheckboxInput(),
            forms.TextInput(),
            forms.TextInput(),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        grid = parse(value)
        if grid is None:
            return [None] * (len(DAYS) * RANGES_PER_DAY * 2) + [False, False, "", value or ""]
        days, appointment, holidays_closed, comment = grid
        times = []
        for ranges in days:
            padded = list(ranges) + [(None, None)] * (RANGES_PER_DAY - len(ranges))
            # A time input cannot show 24:00; midnight as closing time is 00:00 there.
            times += ["00:00" if time == "24:00" else time for pair in padded for time in pair]
        return times + [appointment, holidays_closed, comment, ""]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        per_day = RANGES_PER_DAY * 2
        context["days"] = [
            (DAY_NAMES[i], subwidgets[i * per_day : (i + 1) * per_day]) for i in range(len(DAYS))
        ]
        context["appointment"], context["holidays"], context["comment"], context["advanced"] = (
            subwidgets[len(DAYS) * per_day :]
        )
        context["accept_name"] = f"{name}_accept"
        context["suggestion"] = suggestion_for(context["advanced"]["value"])
        return context

    def value_from_datadict(self, data, files, name):
        """The accepted suggestion ('Bedoelt u …? Gebruik deze notatie') replaces the typed text."""
        values = super().value_from_datadict(data, files, name)
        accepted = data.get(f"{name}_accept")
        if accepted:
            values[-1] = accepted
        return values


def suggestion_for(text):
    """The notation to offer for unreadable advanced text, or None."""
    if not text:
        return None
    try:
        validate_opening_hours(text)
    except ValidationError:
        return suggest(text)
    return None


class OpeningHoursFormField(forms.MultiValueField):
    widget = OpeningHoursWidget

    def __init__(self, *args, max_length=None, **kwargs):
        kwargs.pop("empty_value", None)
        times = [forms.TimeField(required=False) for _i in range(len(DAYS) * RANGES_PER_DAY * 2)]
        fields = [
            *times,
            forms.BooleanField(required=False, label=_("Only by appointment")),
            forms.BooleanField(required=False, label=_("Closed on public holidays")),
            forms.CharField(required=False, max_length=80, label=_("Remark, e.g. 'inloop'")),
            forms.CharField(required=False, max_length=max_length or 500),
        ]
        super().__init__(fields, *args, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values:
            return ""
        per_day = RANGES_PER_DAY * 2
        *times, appointment, holidays_closed, comment, advanced = values
        if advanced:
            return advanced.strip()
        days = []
        for index, name in enumerate(DAY_NAMES):
            chunk = times[index * per_day : (index + 1) * per_day]
            days.append(day_ranges(name, chunk))
        return build(days, appointment, holidays_closed, comment or "")

    def validate(self, value):
        super().validate(value)
        validate_opening_hours(value)


def day_ranges(name, chunk):
    ranges = []
    for start, end in zip(chunk[::2], chunk[1::2], strict=True):
        if start is None and end is None:
            continue
        if start is None or end is None:
            raise forms.ValidationError(
                _("%(day)s: fill in both the opening and the closing time.") % {"day": name}
            )
        closing = "24:00" if end.strftime("%H:%M") == "00:00" else end.strftime("%H:%M")
        ranges.append((start.strftime("%H:%M"), closing))
    return ranges
