"""'Klopt er iets niet?': anyone reports an outdated listing; it lands with the editors."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from places.accounts import limits
from places.models import Place, Report

LIMIT_PER_HOUR = 5


class ReportForm(forms.ModelForm):
    # A field people do not see and screen readers do not read (off-screen, aria-hidden, out
    # of the tab order, never autofilled); robots that fill in every field fill it in.
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        template_name="places/widgets/honeypot.html",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Report
        fields = ["message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))


def too_many(request):
    """At most LIMIT_PER_HOUR reports an hour from one address (places.limits)."""
    return limits.exceeded("report", limits.client_address(request), LIMIT_PER_HOUR)


class ReportView(TemplateView):
    template_name = "places/report.html"

    def dispatch(self, request, *args, **kwargs):
        self.place = get_object_or_404(Place.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        return self.render_to_response({"place": self.place, "form": ReportForm()})

    def post(self, request, slug):
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.render_to_response({"place": self.place, "form": form}, status=400)
        if too_many(request):
            form.add_error(None, _("You sent many reports just now. Try again in an hour."))
            return self.render_to_response({"place": self.place, "form": form}, status=429)
        if not form.is_spam():
            report = form.save(commit=False)
            report.place = self.place
            report.save()
        messages.success(request, _("Thank you. The editors will look at your report."))
        return redirect(self.place)
