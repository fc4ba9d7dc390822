"""Members of a place, claims, and the wijkteams' contact moments."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Max, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView, View

from places import roles
from places.accounts.invitations import end_invitations
from places.maps.nearest import map_features
from places.models import ClaimRequest, ContactMoment, Place, Wijkteam
from places.permissions import EditablePlaceMixin, require


@method_decorator(never_cache, name="dispatch")
class MembersView(EditablePlaceMixin, TemplateView):
    template_name = "places/members.html"

    def get_context_data(self, **kwargs):
        place = self.get_place()
        return super().get_context_data(
            place=place,
            memberships=place.memberships.select_related("user", "invited_by"),
            is_editor=roles.is_editor(self.request.user),
            **kwargs,
        )


class RevokeMembershipView(EditablePlaceMixin, View):
    """Editors revoke anyone's membership; a member can leave a place themselves."""

    def post(self, request, slug, pk):
        place = self.get_place()
        membership = get_object_or_404(place.memberships, pk=pk)
        require(roles.is_editor(request.user) or membership.user == request.user)
        membership.delete()
        end_invitations(place, membership.user.email)
        messages.success(request, _("The membership has ended."))
        if membership.user == request.user and not roles.is_editor(request.user):
            return redirect("places:mine")
        return redirect("places:members", slug=slug)


class ClaimForm(forms.ModelForm):
    class Meta:
        model = ClaimRequest
        fields = ["message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


@method_decorator(never_cache, name="dispatch")
class ClaimView(LoginRequiredMixin, TemplateView):
    """A logged-in person asks to become a member of a place."""

    template_name = "places/claim.html"

    def dispatch(self, request, *args, **kwargs):
        self.place = get_object_or_404(Place.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        return self.render_to_response({"place": self.place, "form": ClaimForm()})

    def post(self, request, slug):
        form = ClaimForm(request.POST)
        if not form.is_valid():
            return self.render_to_response({"place": self.place, "form": form}, status=400)
        if not ClaimRequest.objects.filter(
            user=request.user, place=self.place, status=ClaimRequest.Status.PENDING
        ):
            ClaimRequest.objects.create(
                user=request.user, place=self.place, message=form.cleaned_data["message"]
            )
        messages.success(request, _("Your request is sent. An editor will decide on it."))
        return redirect(self.place)


class ContactMomentForm(forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["date", "kind", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A contact moment cannot lie in the future."))
        return date


class ContactMomentView(LoginRequiredMixin, View):
    """A wijkteam member logs a visit or call to a place in their wijkteam's wijken."""

    def post(self, request, slug):
        require(roles.is_wijkteam(request.user))
        place = get_object_or_404(Place.objects.published(), slug=slug)
        team = place.wijkteams_of(request.user).first()
        require(team is not None)  # a contact moment always belongs to the place's wijkteam
        form = ContactMomentForm(request.POST)
        if not form.is_valid():
            return place_page_with(request, slug, form)
        moment = form.save(commit=False)
        moment.place, moment.user, moment.wijkteam = place, request.user, team
        moment.save()
        messages.success(request, _("The contact moment is saved."))
        return redirect(place)


def place_page_with(request, slug, form):
    """The place's page again with the contact form as typed, each error next to its field."""
    from places.views.public import PlaceDetailView  # public imports this module's form

    page = PlaceDetailView(extra_context={"contact_form": form})
    page.setup(request, slug=slug)
    page.object = page.get_object()
    return page.render_to_response(page.get_context_data(), status=400)


@method_decorator(never_cache, name="dispatch")
class WijkteamView(LoginRequiredMixin, DetailView):
    """The places in a wijkteam's wijken that nobody of the team contacted lately."""

    template_name = "places/wijkteam.html"
    context_object_name = "wijkteam"

    def get_queryset(self):
        user = self.request.user
        if roles.is_policy(user):
            return Wijkteam.objects.all()
        return user.wijkteams.all()

    def get_context_data(self, **kwargs):
        months = settings.WIJKTEAM_STALE_MONTHS
        since = timezone.localdate() - timezone.timedelta(days=round(months * 30.44))
        places = (
            self.object.places()
            .not_closed()
            .annotate(last_contact=Max("contact_moments__date"))
            .filter(Q(last_contact__lt=since) | Q(last_contact=None))
            .for_listing()
            .order_by("last_contact", "name")
        )
        return super().get_context_data(
            stale=places, months=months, features=map_features(places), **kwargs
        )


class WijkteamIndexView(LoginRequiredMixin, View):
    def get(self, request):
        team = request.user.wijkteams.first()
        if team is None and roles.is_policy(request.user):
            team = Wijkteam.objects.first()
        require(team is not None)
        return redirect(team)
