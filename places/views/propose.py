"""Proposing a new place (issue 15): the address first, the pin placed from it, likely
duplicates and a doubtful buurt shown before anything is saved, then the concept."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from places import editing
from places.geo import to_storage
from places.models import Membership
from places.proposals import fingerprint, pin_from_address, review
from places.views.edit import warn_about_hours

CONFIRM = "bevestigd"


class ProposeForm(editing.PlaceForm):
    """The place form with the pin optional: without one it is placed on the address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].required = False
        self.fields["location"].help_text = _(
            "Not needed: the pin is placed on the address when you send the form. Drag it to "
            "the entrance if it is not right."
        )
        self.pin_placed = False

    def clean(self):
        data = super().clean()
        if data.get("location") is None and not self.has_error("location"):
            point, problem = pin_from_address(data)
            if point is None:
                self.add_error("street", problem)
            else:
                data["location"] = to_storage(point)
                self.pin_placed = True
        return data


class PlaceCreateView(LoginRequiredMixin, TemplateView):
    """Propose a new place: it stays a concept until an editor publishes it."""

    template_name = "places/place_form.html"

    def form(self, data=None):
        form = ProposeForm(data)
        form.fields["location"].widget.csp_nonce = self.request.csp_nonce
        return form

    def show(self, form, status=200, **extra):
        context = {"form": form, "formsets": [], "new": True, **extra}
        return self.render_to_response(context, status=status)

    def get(self, request):
        return self.show(self.form())

    def post(self, request):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.show(form, status=400)
        checks = review(form.cleaned_data, form.pin_placed)
        if checks and request.POST.get(CONFIRM) != fingerprint(form.cleaned_data):
            confirm = fingerprint(form.cleaned_data)
            return self.show(self.with_pin(form), review=checks, confirm=confirm)
        with transaction.atomic():
            place = form.save(commit=False)
            place.is_published = False
            place.source = "voorgesteld"
            place.save()
            form.save_m2m()
            Membership.objects.create(user=request.user, place=place)
        messages.success(
            request,
            _("Thank you. Your proposal waits for the editors' check; we publish it after that."),
        )
        warn_about_hours(request, place.opening_hours)
        return redirect(place)

    def with_pin(self, form):
        """The form shown again with the pin where the address put it, to drag if needed."""
        data = form.data.copy()
        data["location"] = form.cleaned_data["location"].transform(4326, clone=True).json
        shown = self.form(data)
        shown.is_valid()
        return shown
