"""An owner proposes an event for their place's story; an editor confirms or rejects it
(places.models.event_proposals, issue 19)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from places import story
from places.event_proposal_form import DecideForm, ProposeEventForm
from places.models import EventProposal, PlaceEvent
from places.permissions import EditablePlaceMixin
from places.views.moderation import EditorMixin


@method_decorator(never_cache, name="dispatch")
class ProposeEventView(EditablePlaceMixin, TemplateView):
    """Members of a place (and editors) propose an event; others get a 404."""

    template_name = "places/propose_event.html"

    def get(self, request, slug):
        return self.show(self.get_place(), ProposeEventForm())

    def post(self, request, slug):
        place = self.get_place()
        form = ProposeEventForm(request.POST)
        if not form.is_valid():
            return self.show(place, form, status=400)
        form.proposal(place, request.user)
        messages.success(
            request,
            _("Thank you. Your proposal waits for the editors; you see here what they decide."),
        )
        return redirect(place)

    def show(self, place, form, status=200):
        context = {"place": place, "form": form, "proposals": story.proposals(place)}
        return self.render_to_response(context, status=status)


class DecideProposalView(EditorMixin, View):
    def post(self, request, pk):
        proposal = get_object_or_404(EventProposal.objects.select_related("place"), pk=pk)
        form = DecideForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("places:moderation")
        note = form.cleaned_data["note"].strip()
        try:
            if form.cleaned_data["decision"] == "confirm":
                done = proposal.confirm(request.user, note)
            else:
                done = proposal.reject(request.user, note)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("places:moderation")
        if done and proposal.kind == PlaceEvent.Kind.MOVED:
            # The story tells the move; the address and the pin are the editor's next step.
            messages.success(
                request,
                _("The move is in the place's story. Now give its new address and pin: %(new)s")
                % {"new": proposal.new_value},
            )
            return redirect("places:edit", slug=proposal.place.slug)
        if done:
            messages.success(request, _("The proposal is handled."))
        else:
            messages.warning(request, _("Another editor handled this proposal already."))
        return redirect("places:moderation")
