"""Pages where members and editors change places."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView, View

from places import editing, hours, roles
from places.models import Membership, Place, YearlyCosts
from places.permissions import EditablePlaceMixin, safe_next
from places.todo import todo


@method_decorator(never_cache, name="dispatch")
class PlaceEditView(EditablePlaceMixin, TemplateView):
    """Edit a place: members their own, editors every one. Others get a 404."""

    template_name = "places/place_form.html"

    def forms(self, place, data=None):
        form = editing.form_class_for(self.request.user)(data, instance=place)
        form.fields["location"].widget.csp_nonce = self.request.csp_nonce
        formsets = [
            editing.ActivityFormSet(data, instance=place, prefix="activities"),
            editing.CostsFormSet(data, instance=place, prefix="costs"),
            editing.FiguresFormSet(data, instance=place, prefix="figures"),
        ]
        return form, formsets

    def get(self, request, slug):
        place = self.get_place()
        form, formsets = self.forms(place)
        return self.render_to_response(self.context(place, form, formsets))

    def post(self, request, slug):
        place = self.get_place()
        form, formsets = self.forms(place, request.POST)
        if not (form.is_valid() and all(f.is_valid() for f in formsets)):
            return self.render_to_response(self.context(place, form, formsets), status=400)
        try:
            place = editing.save_with_version(form, formsets)
        except editing.Conflict:
            return self.conflict(place, form, formsets)
        messages.success(request, _("Your changes are saved and visible at once."))
        warn_about_hours(request, place.opening_hours)
        return redirect(place)

    def conflict(self, place, form, formsets):
        current = Place.objects.get(pk=place.pk)
        rows = editing.differences(form, current)
        data = form.data.copy()
        data["version"] = current.version  # saving again now overwrites knowingly
        form, _formsets = self.forms(current, data)
        form.is_valid()
        context = self.context(current, form, formsets, conflict=rows)
        return self.render_to_response(context, status=409)

    def context(self, place, form, formsets, **extra):
        return {"place": place, "form": form, "formsets": formsets, **extra}


def warn_about_hours(request, text):
    """Saved, but probably not meant: a time range without days holds for every day."""
    for rule in hours.warnings_for(text or ""):
        messages.warning(
            request,
            _(
                "Note: '%(rule)s' has no days, so it holds for every day, weekends included. "
                "Times of one day are written with a comma: 'Mo-Fr 09:00-12:00,13:00-17:00'."
            )
            % {"rule": rule},
        )


class VerifyView(EditablePlaceMixin, View):
    """'Klopt nog': a member confirms with one click that the listing is still right."""

    def post(self, request, slug):
        place = self.get_place()
        editing.mark_verified(place)
        messages.success(request, _("Thank you: the listing is marked as checked today."))
        return redirect(place)


@method_decorator(never_cache, name="dispatch")
class PlaceHistoryView(EditablePlaceMixin, DetailView):
    template_name = "places/place_history.html"
    context_object_name = "place"

    def get_object(self, queryset=None):
        return self.get_place()

    def get_context_data(self, **kwargs):
        place = self.object
        records = place.history.select_related("history_user").order_by("-history_date")
        return super().get_context_data(
            changes=[change_of(r, self.request.user) for r in records[:200]],
            cost_changes=YearlyCosts.history.filter(place_id=place.pk)
            .select_related("history_user")
            .order_by("-history_date")[:100],
            member_changes=Membership.history.filter(place_id=place.pk)
            .select_related("history_user", "user")
            .order_by("-history_date")[:100],
            **kwargs,
        )


def change_of(record, user):
    """A history record with its field-by-field difference from the one before, as far as
    this person may see it, and whether they may undo any of it."""
    previous = record.prev_record
    rows, undoable = [], False
    if previous is not None:
        hidden = ["version", "buurt", *editing.hidden_fields(user)]
        delta = record.diff_against(previous, excluded_fields=hidden)
        allowed = editing.undoable_fields(user)
        for change in delta.changes:
            field = record.instance._meta.get_field(change.field)
            rows.append(
                (field.verbose_name, editing.display(change.old), editing.display(change.new))
            )
            undoable = undoable or change.field in allowed
    return {"record": record, "rows": rows, "previous": previous, "undoable": undoable}


class RevertView(EditablePlaceMixin, View):
    """Undo one change: the place goes back to how it was just before it."""

    def post(self, request, slug, history_id):
        place = self.get_place()
        record = get_object_or_404(place.history, history_id=history_id)
        if record.prev_record is None:
            messages.error(request, _("This is the first version: there is nothing to undo."))
            return redirect("places:history", slug=slug)
        changed = editing.revert_to(
            record.prev_record,
            request.user,
            _("Undone: change of %(date)s")
            % {"date": record.history_date.strftime("%d-%m-%Y %H:%M")},
        )
        if changed:
            messages.success(request, _("The change has been undone."))
        else:
            messages.error(
                request,
                _(
                    "Nothing was undone: the fields of this change are already as before, "
                    "or only the editors may set them."
                ),
            )
        return HttpResponseRedirect(safe_next(request, place.get_absolute_url()))


@method_decorator(never_cache, name="dispatch")
class MyPlacesView(LoginRequiredMixin, ListView):
    template_name = "places/my_places.html"
    context_object_name = "places"

    def get_queryset(self):
        return Place.objects.filter(memberships__user=self.request.user).for_listing()

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            todos=[todo(place, user) for place in self.object_list],
            is_editor=roles.is_editor(user),
            wijkteams=user.wijkteams.all(),
            claims=user.claimrequest_set.select_related("place"),
            **kwargs,
        )
