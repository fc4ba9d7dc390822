"""The redactie imports a table of places: upload, preview, map the columns, dry run, import;
and a table of dated events (places' past): upload, dry run, import.

The same importers as `manage.py import_places_table` (places.importers.table_import) and
`import_place_events` (event_import); the pages keep the upload, the mapping last tried and
its report under a token (uploads).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from places.importers import progress, uploads
from places.importers.event_import import import_events
from places.importers.forms import EventsUploadForm, MappingForm, UploadForm
from places.importers.mapping import text_of
from places.importers.table_import import import_table
from places.importers.tables import read_table
from places.models import Municipality
from places.views.moderation import EditorMixin

PREVIEW_ROWS = 5


class UploadView(EditorMixin, FormView):
    """The first step: the file is kept under a token, and read once to refuse what cannot
    be read; then the next step (`next_step`) for that token."""

    template_name = "places/imports/upload.html"
    form_class = UploadForm
    suffixes, wrong_kind = uploads.SUFFIXES, uploads.WRONG_KIND
    next_step = "places:import-map"

    def form_valid(self, form):
        upload = form.cleaned_data["table"]
        try:
            token = uploads.save_upload(upload, self.suffixes, self.wrong_kind)
            read_table(uploads.table_path(token), upload.name)
        except ValidationError as error:
            form.add_error("table", error)
            return self.form_invalid(form)
        return redirect(self.next_step, token=token)


class MappingView(EditorMixin, View):
    """GET: the preview and the mapping form. POST: a dry run (action=dry) or the import
    (action=commit), shown with its report under the form."""

    template_name = "places/imports/mapping.html"

    def table(self):
        """The upload's table (404 for an unknown token), after the role was checked."""
        self.token = self.kwargs["token"]
        self.name = uploads.original_name(self.token)
        return read_table(uploads.table_path(self.token), self.name)

    def get(self, request, token):
        table = self.table()
        form = MappingForm(table.columns, initial=self.initial())
        return self.render(table, form)

    def initial(self):
        return {"gemeente": Municipality.current().geocoder_gemeente}

    def post(self, request, token):
        table = self.table()
        form = MappingForm(table.columns, request.POST)
        if not form.is_valid():
            return self.render(table, form)
        commit = request.POST.get("action") == "commit"
        uploads.save_mapping(token, form.mapping_dict)
        try:
            report = import_table(
                table,
                form.mapping,
                commit=commit,
                create_types=form.cleaned_data["create_types"],
                overwrite_edited=form.cleaned_data["overwrite_edited"],
                progress=progress.recorder(token),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.render(table, form)
        except DatabaseError:
            form.add_error(None, _("The database stopped the import: nothing was imported."))
            return self.render(table, form)
        with open(uploads.report_path(token), "w", encoding="utf-8", newline="") as handle:
            report.write_csv(handle)
        if commit:
            messages.success(request, _("The import is written: the places are on the map."))
        return self.render(table, form, report=report, committed=commit)

    def render(self, table, form, **context):
        return render(
            self.request,
            self.template_name,
            {
                "token": self.token,
                "file_name": self.name,
                "table": table,
                "preview": [
                    [text_of(row.get(c)) for c in table.columns]
                    for row in table.rows[:PREVIEW_ROWS]
                ],
                "form": form,
                "progress_url": reverse("places:import-progress", args=[self.token]),
                **context,
            },
        )


class ReportView(EditorMixin, View):
    def get(self, request, token):
        path = uploads.report_path(token)
        if not path.exists():
            return redirect("places:import-map", token=token)
        return FileResponse(
            open(path, "rb"),  # noqa: SIM115 (FileResponse closes it)
            as_attachment=True,
            filename="importrapport.csv",
            content_type="text/csv; charset=utf-8",
        )


class ProgressView(EditorMixin, View):
    """How far the import of this upload is, for the progress line (static/js/import.js)."""

    def get(self, request, token):
        uploads.folder_of(token)
        done, total = progress.read(token)
        return JsonResponse({"done": done, "total": total})


class EventsUploadView(UploadView):
    template_name = "places/imports/events_upload.html"
    form_class = EventsUploadForm
    suffixes, wrong_kind = uploads.EVENT_SUFFIXES, uploads.EVENT_WRONG_KIND
    next_step = "places:import-events-run"


class EventsImportView(EditorMixin, View):
    """GET: the dry run's report. POST: the import, with its report; a second POST finds
    every event there already and writes nothing."""

    template_name = "places/imports/events.html"

    def get(self, request, token):
        return self.run(token, commit=False)

    def post(self, request, token):
        return self.run(token, commit=True)

    def run(self, token, commit):
        name = uploads.original_name(token)
        context = {"token": token, "file_name": name, "committed": commit}
        try:
            table = read_table(uploads.table_path(token), name)
            report = import_events(table, commit=commit, source=name[:100])
        except ValidationError as error:
            return render(self.request, self.template_name, {**context, "error": error}, status=400)
        except DatabaseError:
            error = _("The database stopped the import: nothing was imported.")
            return render(self.request, self.template_name, {**context, "error": error}, status=503)
        with open(uploads.report_path(token), "w", encoding="utf-8", newline="") as handle:
            report.write_csv(handle)
        if commit:
            messages.success(self.request, _("The events are written into the places' stories."))
        return render(self.request, self.template_name, {**context, "report": report})
