"""What a table import did per row, for the command, the staff page and a CSV file."""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ACTIONS = {
    "new": gettext_lazy("new"),
    "updated": gettext_lazy("updated"),
    "unchanged": gettext_lazy("unchanged"),
    "skipped": gettext_lazy("skipped"),
    "refused": gettext_lazy("refused"),
}


@dataclass
class Outcome:
    line: int
    name: str
    action: str
    reason: str = ""

    @property
    def action_label(self):
        return ACTIONS[self.action]


@dataclass
class TableReport:
    total: int = 0
    outcomes: list = field(default_factory=list)
    unknown: dict = field(default_factory=lambda: defaultdict(Counter))
    created_types: list = field(default_factory=list)

    def add(self, line, name, action, reason=""):
        self.outcomes.append(Outcome(line, name, action, reason))

    def sort(self):
        self.outcomes.sort(key=lambda outcome: outcome.line)

    def count(self, action):
        return sum(1 for outcome in self.outcomes if outcome.action == action)

    def counts(self):
        return [(ACTIONS[action], self.count(action)) for action in ACTIONS]

    def unknown_values(self):
        """[(field, [(value, rows)])] for the dry run: values no map or type names."""
        return [(name, counter.most_common()) for name, counter in self.unknown.items()]

    def lines(self):
        yield ", ".join(f"{label}: {count}" for label, count in self.counts())
        for name, values in self.unknown_values():
            listed = ", ".join(f"“{value}” ({rows}×)" for value, rows in values)
            yield _("Unknown values for %(field)s: %(values)s") % {"field": name, "values": listed}
        if self.created_types:
            yield _("New types: %(names)s") % {"names": ", ".join(self.created_types)}
        for outcome in self.outcomes:
            if outcome.action != "unchanged" or outcome.reason:
                reason = f": {outcome.reason}" if outcome.reason else ""
                label = outcome.action_label
                yield f"  {_('line')} {outcome.line} {outcome.name} — {label}{reason}"

    def write_csv(self, handle):
        """The report as a CSV a Dutch spreadsheet opens as it is (UTF-8 with BOM, ';')."""
        handle.write("\ufeff")
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([_("line"), _("name"), _("outcome"), _("why")])
        for outcome in self.outcomes:
            writer.writerow(
                [outcome.line, guard(outcome.name), outcome.action_label, guard(outcome.reason)]
            )


def guard(text):
    """A cell a spreadsheet would run as a formula starts with a quote instead."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text
