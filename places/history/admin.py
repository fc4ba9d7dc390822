"""The admin's history of a place in the same sentences as the history page."""

from simple_history.admin import SimpleHistoryAdmin

from places.history.timeline import place_entries


class PlainHistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "places/admin/history_list.html"

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        records = list(historical_records)
        entries = {entry.record.history_id: entry for entry in place_entries(records, request.user)}
        for record in records:
            record.entry = entries.get(record.history_id)
