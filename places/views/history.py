"""A place's history in plain Dutch, and undoing one change of it."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, View

from places import editing
from places.history.pages import place_history
from places.history.words import when
from places.permissions import EditablePlaceMixin, safe_next


@method_decorator(never_cache, name="dispatch")
class PlaceHistoryView(EditablePlaceMixin, DetailView):
    template_name = "places/place_history.html"
    context_object_name = "place"

    def get_object(self, queryset=None):
        return self.get_place()

    def get_context_data(self, **kwargs):
        entries = place_history(self.object, self.request.user)
        return super().get_context_data(entries=entries, **kwargs)


class RevertView(EditablePlaceMixin, View):
    """Undo one change: the place goes back to how it was just before it."""

    def post(self, request, slug, history_id):
        place = self.get_place()
        record = get_object_or_404(place.history, history_id=history_id)
        if record.prev_record is None:
            messages.error(request, _("This is the first version: there is nothing to undo."))
            return redirect("places:history", slug=slug)
        reason = _("Undone: change of %(date)s") % {"date": when(record.history_date)}
        if editing.revert_to(record.prev_record, request.user, reason):
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
