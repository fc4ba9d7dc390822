"""Pages where members and editors change places."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView, TemplateView, View

from places import editing, event_forms, hours, roles
from places.models import Place
from places.permissions import EditablePlaceMixin
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
        if roles.is_editor(self.request.user) and (data is None or "events-TOTAL_FORMS" in data):
            formsets.append(event_forms.EventsFormSet(data, instance=place, prefix="events"))
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
