from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _


class DryRun(Exception):
    """Raised inside the import transaction to roll it back when --commit was not given."""


@dataclass
class ImportReport:
    """What an import did, per category, and which rows it refused and why."""

    actions: dict = field(default_factory=lambda: defaultdict(Counter))
    skipped: Counter = field(default_factory=Counter)
    refused: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def done(self, category, action):
        self.actions[category][action] += 1

    def refuse(self, row_id, reason):
        self.refused.append((row_id, reason))

    def warn(self, row_id, message):
        self.warnings.append((row_id, message))

    def total(self, action):
        return sum(counter[action] for counter in self.actions.values())

    def lines(self):
        labels = {"created": _("new"), "updated": _("updated"), "unchanged": _("unchanged")}
        for category, counter in sorted(self.actions.items()):
            counts = ", ".join(f"{labels.get(a, a)} {n}" for a, n in sorted(counter.items()))
            yield f"  {category}: {counts}"
        if self.skipped:
            yield _("Skipped (category not imported): %(count)d") % {
                "count": sum(self.skipped.values())
            }
            for category, count in self.skipped.most_common():
                yield f"  {category}: {count}"
        if self.warnings:
            yield _("Imported with a remark: %(count)d") % {"count": len(self.warnings)}
            for row_id, message in self.warnings:
                yield f"  {row_id}: {message}"
        if self.refused:
            yield _("Refused: %(count)d") % {"count": len(self.refused)}
            for row_id, reason in self.refused:
                yield f"  {row_id}: {reason}"
