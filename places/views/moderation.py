"""The editors' work: recent changes, concepts, claims, invitations, merges and reports."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from places import story
from places.accounts import invitations
from places.history.pages import recent_changes
from places.models import ClaimRequest, EventProposal, Membership, Place, Report
from places.permissions import EditorRequiredMixin, safe_next


@method_decorator(never_cache, name="dispatch")
class EditorMixin(EditorRequiredMixin):
    """Editors' pages: never cached."""


class DashboardView(EditorMixin, TemplateView):
    template_name = "places/moderation/dashboard.html"

    def get_context_data(self, **kwargs):
        stale = timezone.now() - timezone.timedelta(days=settings.VERIFY_AFTER_DAYS)
        return super().get_context_data(
            concepts=Place.objects.filter(is_published=False, merged_into=None).for_listing(),
            claims=ClaimRequest.objects.filter(status=ClaimRequest.Status.PENDING).select_related(
                "user", "place"
            ),
            reports=Report.objects.filter(status=Report.Status.OPEN).select_related("place"),
            proposals=[(p, story.proposed(p)) for p in EventProposal.objects.for_desk()],
            unverified=Place.objects.published()
            .not_closed()
            .filter(last_verified_at__lt=stale)
            .for_listing()[:200],
            never_verified=Place.objects.published()
            .not_closed()
            .filter(last_verified_at=None)
            .count(),
            **kwargs,
        )


class RecentChangesView(EditorMixin, TemplateView):
    """Every change to a place, newest first, in sentences, filtered, with one-click undo;
    an import run is one line."""

    template_name = "places/moderation/recent_changes.html"

    def get_context_data(self, **kwargs):
        request = self.request
        change_filter, page, entries = recent_changes(
            request.GET, request.user, request.GET.get("pagina")
        )
        return super().get_context_data(filter=change_filter, page=page, entries=entries, **kwargs)


class PublishView(EditorMixin, View):
    def post(self, request, slug):
        with transaction.atomic():
            # Locked while it changes, so a member's save in between is not overwritten.
            place = get_object_or_404(Place.objects.select_for_update(), slug=slug)
            place.is_published = request.POST.get("publish") == "1"
            place.save()  # in the audit trail through places.audit_signals
        if place.is_published:
            messages.success(request, _("%(name)s is published.") % {"name": place.name})
        else:
            messages.success(request, _("%(name)s is no longer public.") % {"name": place.name})
        return redirect(safe_next(request, place.get_absolute_url()))


class ClaimDecisionView(EditorMixin, View):
    def post(self, request, pk):
        claim = get_object_or_404(ClaimRequest, pk=pk, status=ClaimRequest.Status.PENDING)
        approve = request.POST.get("decision") == "approve"
        with transaction.atomic():
            claim.status = ClaimRequest.Status.APPROVED if approve else ClaimRequest.Status.REJECTED
            claim.decided_by, claim.decided_at = request.user, timezone.now()
            claim.save()
            if approve:
                Membership.objects.get_or_create(
                    user=claim.user, place=claim.place, defaults={"invited_by": request.user}
                )
        messages.success(request, _("The request is handled."))
        return redirect("places:moderation")


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the person to invite"))


class InviteView(EditorMixin, FormView):
    template_name = "places/moderation/invite.html"
    form_class = InviteForm

    def dispatch(self, request, *args, **kwargs):
        self.place = get_object_or_404(Place, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=self.place, **kwargs)

    def form_valid(self, form):
        invitations.send(self.request, self.place, form.cleaned_data["email"])
        messages.success(
            self.request,
            _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("places:members", slug=self.place.slug)
