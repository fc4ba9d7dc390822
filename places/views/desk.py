"""The editors' desk for visitors' reports and unchecked places (issue 15): a report leads to
the place, can be answered by e-mail and is closed with a note; the places not checked for a
year are a list to sort, filter and remind in bulk."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from places import reminders
from places.accounts import audit
from places.models import Area, Place, PlaceType, Report
from places.text import one_line
from places.views.moderation import EditorMixin


class HandleForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer to the reporter (sent by e-mail)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the editors (what was done)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportView(EditorMixin, TemplateView):
    """One report: the place, the message, an answer to the reporter, and a closing note."""

    template_name = "places/moderation/report.html"

    def get_report(self):
        return get_object_or_404(
            Report.objects.select_related("place", "handled_by"), pk=self.kwargs["pk"]
        )

    def get(self, request, pk):
        return self.render_to_response({"report": self.get_report(), "form": HandleForm()})

    def post(self, request, pk):
        report = self.get_report()
        form = HandleForm(request.POST)
        if not form.is_valid():
            return self.render_to_response({"report": report, "form": form}, status=400)
        answer = form.cleaned_data["answer"].strip()
        if answer and report.email:
            try:
                send_mail(
                    _("Your report about %(place)s") % {"place": one_line(report.place.name)},
                    answer,
                    settings.DEFAULT_FROM_EMAIL,
                    [report.email],
                )
            except OSError:
                form.add_error(
                    "answer", _("The answer could not be sent; nothing is saved. Try again later.")
                )
                return self.render_to_response({"report": report, "form": form}, status=503)
            report.answered_at = timezone.now()
        report.status = Report.Status.HANDLED
        report.handled_by = request.user
        report.handled_at = timezone.now()
        report.note = form.cleaned_data["note"]
        report.save()
        audit.record(
            "report.handle", report.place, report=report.pk, answered=bool(report.answered_at)
        )
        messages.success(
            request,
            _("The report is handled.")
            + (" " + _("The reporter has your answer by e-mail.") if report.answered_at else ""),
        )
        return redirect("places:moderation")


class UnverifiedForm(forms.Form):
    """Sort and filter the places not checked for a year."""

    SORTS = {
        "name": ("sort_name",),
        "checked": ("last_verified_at", "sort_name"),
        "wijk": ("buurt__parent__name", "sort_name"),
    }
    wijk = forms.ModelChoiceField(
        label=gettext_lazy("District"),
        queryset=Area.objects.filter(kind=Area.Kind.WIJK).order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=gettext_lazy("all"),
    )
    type = forms.ModelChoiceField(
        label=gettext_lazy("Type"),
        queryset=PlaceType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("all"),
    )
    sort = forms.ChoiceField(
        label=gettext_lazy("Order"),
        choices=[
            ("name", gettext_lazy("name")),
            ("checked", gettext_lazy("last checked, longest ago first")),
            ("wijk", gettext_lazy("district")),
        ],
        required=False,
    )

    def places(self):
        places = reminders.stale().select_related("buurt__parent", "place_type")
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("wijk"):
            places = places.filter(buurt__parent=data["wijk"])
        if data.get("type"):
            places = places.filter(place_type=data["type"])
        order = self.SORTS.get(data.get("sort") or "name")
        if order[0] == "last_verified_at":
            return places.order_by(F("last_verified_at").asc(nulls_first=True), *order[1:])
        return places.order_by(*order)


class UnverifiedView(EditorMixin, TemplateView):
    """The places not checked for a year, with a reminder to their members in bulk."""

    template_name = "places/moderation/unverified.html"

    def get_context_data(self, **kwargs):
        form = UnverifiedForm(self.request.GET or None)
        places = form.places().prefetch_related("memberships__user")
        rows = [(place, len(reminders.addresses(place))) for place in places]
        return super().get_context_data(form=form, rows=rows, **kwargs)

    def post(self, request):
        chosen = Place.objects.filter(slug__in=request.POST.getlist("plek"))
        chosen = reminders.stale(chosen).prefetch_related("memberships__user")
        base_url = request.build_absolute_uri("/")[:-1]
        reminded, nobody, failed = 0, 0, []
        for place in chosen:
            try:
                count = reminders.remind(place, base_url)
            except OSError:
                failed.append(place.name)
                continue
            reminded, nobody = (reminded + 1, nobody) if count else (reminded, nobody + 1)
        audit.record("place.remind", None, places=[p.pk for p in chosen], sent=reminded)
        if reminded:
            messages.success(
                request, _("Reminders sent for %(count)d places.") % {"count": reminded}
            )
        if nobody:
            messages.warning(
                request,
                _("%(count)d places have no member with an e-mail address: nobody was reminded.")
                % {"count": nobody},
            )
        if failed:
            messages.error(
                request,
                _("Not sent (the mail server refused): %(places)s.")
                % {"places": ", ".join(failed)},
            )
        if not (reminded or nobody or failed):
            messages.warning(request, _("Choose the places to remind first."))
        return redirect(request.get_full_path())
