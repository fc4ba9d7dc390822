"""What the history page and the redactie's recent changes show."""

from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places.history.filters import ChangeFilter
from places.history.related import related_entries
from places.history.timeline import Entry, Visibility, place_entries
from places.history.words import Words
from places.models import Place
from places.models.history import ChangeKind

PAGE_SIZE = 50


def newest_first(entries):
    return sorted(entries, key=lambda entry: entry.date, reverse=True)


def place_history(place, user):
    """Every change of a place and of what belongs to it, newest first."""
    words = Words()
    records = place.history.select_related("history_user").order_by("-history_date", "-history_id")
    entries = place_entries(records[:200], user, words)
    entries += related_entries(place, Visibility(user).sees_costs(place), words)
    return newest_first(entries)


def recent_changes(data, user, page_number):
    """The filter, the page of changes and the import runs among them, one line per run."""
    records = Place.history.select_related("history_user").order_by("-history_date", "-history_id")
    change_filter = ChangeFilter(data, queryset=records)
    valid = change_filter.is_valid()
    found = change_filter.qs if valid else records.none()
    edits = found.exclude(change_kind=ChangeKind.IMPORT)
    page = Paginator(edits, PAGE_SIZE).get_page(page_number)
    entries = place_entries(page.object_list, user, Words(), show_place=True)
    runs = found.filter(change_kind=ChangeKind.IMPORT)
    if valid and change_filter.form.cleaned_data.get("persoon"):
        runs = runs.none()  # an import is nobody's change
    entries += import_runs(runs, page)
    return change_filter, page, newest_first(entries)


def import_runs(records, page):
    """One entry per import run whose start falls on this page of changes."""
    runs = records.values("import_run").annotate(
        start=Min("history_date"),
        added=Count("history_id", filter=Q(history_type="+")),
        changed=Count("history_id", filter=Q(history_type="~")),
    )
    listed = page.object_list
    if page.has_next() and listed:
        runs = runs.filter(start__gte=listed[len(listed) - 1].history_date)
    if page.has_previous() and listed:
        runs = runs.filter(start__lte=listed[0].history_date)
    return [run_entry(run) for run in runs.order_by("-start")[:PAGE_SIZE]]


def run_entry(run):
    source = run["import_run"].split("@")[0]
    counts = [
        ngettext("%(count)d place added", "%(count)d places added", run["added"])
        % {"count": run["added"]},
        ngettext("%(count)d place changed", "%(count)d places changed", run["changed"])
        % {"count": run["changed"]},
    ]
    return Entry(
        date=run["start"],
        who=_("the system"),
        kind=str(ChangeKind.IMPORT.label),
        title=_("Import from ‘%(source)s’") % {"source": source},
        sentences=[", ".join(counts)],
    )
