"""The municipality's settings in the admin: one page, no list, no delete; a logo upload."""

from django import forms
from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from places.models import Area, Municipality

LOGO_MAX_BYTES = 200 * 1024
# The first bytes of the image formats a browser shows as a logo (no SVG: it can run script).
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def image_type(data):
    for signature, content_type in SIGNATURES.items():
        if data.startswith(signature):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class MunicipalityForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 200 kB."),
    )
    remove_logo = forms.BooleanField(label=_("remove the logo"), required=False)

    class Meta:
        model = Municipality
        fields = [
            "name",
            "gemeente",
            "base_map",
            "accessibility_contact",
            "privacy_contact",
            "survey_introduction",
            "nearby_radius",
            "geocoder_gemeente",
            "credits",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Area.objects.gemeenten().defer("geometry")

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is larger than 200 kB."))
        data = upload.read()
        content_type = image_type(data)
        if content_type is None:
            raise forms.ValidationError(_("The logo is not a PNG, JPEG or WebP image."))
        return data, content_type

    def save(self, commit=True):
        municipality = super().save(commit=False)
        if self.cleaned_data.get("remove_logo"):
            municipality.logo, municipality.logo_type = b"", ""
        elif self.cleaned_data.get("logo_file"):
            municipality.logo, municipality.logo_type = self.cleaned_data["logo_file"]
        if commit:
            municipality.save()
        return municipality


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    form = MunicipalityForm

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """One row: the list is its page."""
        municipality = Municipality.current()
        return redirect(reverse("admin:places_municipality_change", args=[municipality.pk]))
