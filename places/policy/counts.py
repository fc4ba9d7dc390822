"""The number of active published places per buurt, type and management form, kept in a table
(PlaceCount), so that the dashboard's counts and breakdowns of a whole country need no pass over
a million places on every request.

The dashboard reads it when it reads the coverage table (places.policy.coverage.serves: its
filter chooses nothing but the area); otherwise it counts the filtered places in the database.
Both answer the same questions with the same field names (`buurt`, `place_type__name`,
`management_form`), so `count_by` takes either.

Kept up to date in the transaction that changes a place (places.policy.coverage_updates): the
place's buurten before and after are counted again, under a lock, so that it commits or rolls
back with the change and two transactions never leave an old count. Raw SQL sends no signals:
generate_places rebuilds the table itself, and `manage.py rebuild_place_counts` does it by hand.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import Count, Q, Sum

from places.models import Area, PlaceCount
from places.policy.coverage import counted_places

COLUMNS = ("buurt", "place_type", "management_form")


def kept_rows(buurten=None):
    """The table's rows for these buurten (a queryset), or every row (also the places outside
    every buurt): the national view."""
    rows = PlaceCount.objects.all()
    return rows if buurten is None else rows.filter(buurt__in=buurten)


def every_buurt(buurten):
    """Whether a queryset of buurten is all of them (Area.objects.buurten(), the national view)."""
    return str(buurten.query) == str(Area.objects.buurten().query)


def count_by(source, field):
    """{value: number of places} by a field: of a queryset of places, or of PlaceCount rows."""
    total = Sum("count") if source.model is PlaceCount else Count("pk")
    return dict(source.order_by().values_list(field).annotate(n=total).values_list(field, "n"))


def scope(buurten):
    """The places (or rows) of these buurt ids; None stands for 'outside every buurt'."""
    ids = sorted(b for b in buurten if b is not None)
    found = Q(buurt__in=ids) if ids else Q(pk__in=[])
    return found | Q(buurt=None) if None in buurten else found


def refresh(buurten):
    """Count again the places of these buurten (ids; None: the places without a buurt)."""
    buurten = set(buurten)
    if not buurten:
        return
    with transaction.atomic():
        lock()
        PlaceCount.objects.filter(scope(buurten)).delete()
        insert(counted_places().filter(scope(buurten)))


def rebuild():
    """Count every place again; returns the number of rows."""
    with transaction.atomic():
        lock()
        PlaceCount.objects.all().delete()
        insert(counted_places())
    return PlaceCount.objects.count()


def insert(places):
    """INSERT … SELECT of the places' counts: the database groups, nothing passes through Python."""
    grouped = places.order_by().values(*COLUMNS).annotate(n=Count("pk"))
    try:
        select, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # nothing to count
        return
    table = PlaceCount._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (buurt_id, place_type_id, management_form, count) {select}",  # noqa: S608
            params,
        )


def lock():
    """Counts one after another: each counts what was committed before it, and its own change."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('places_placecount'))")


def ensure_filled():
    """After migrate: count the places when the table is empty and there are places."""
    if not PlaceCount.objects.exists() and counted_places().exists():
        rebuild()


def differences():
    """The rows where the table differs from a full count: {(buurt, type, form): (kept, real)}."""
    kept = {row[:3]: row[3] for row in PlaceCount.objects.values_list(*COLUMNS, "count")}
    real = {
        row[:3]: row[3]
        for row in counted_places().order_by().values_list(*COLUMNS).annotate(n=Count("pk"))
    }
    return {
        key: (kept.get(key, 0), real.get(key, 0))
        for key in kept.keys() | real.keys()
        if kept.get(key, 0) != real.get(key, 0)
    }
