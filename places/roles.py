"""The roles of the register, as Django groups. Issue-by-issue they gain their own rules."""

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

EDITORS = "redactie"
POLICY = "beleid"
WIJKTEAM = "wijkteam"
INITIATORS = "initiatiefnemer"

ROLES = {
    EDITORS: _("editor: approves places, watches changes, runs survey rounds"),
    POLICY: _("policy staff: the whole picture, costs and exports"),
    WIJKTEAM: _("wijkteam member: places near a client, contact moments"),
    INITIATORS: _("initiator: edits their own place"),
}

# Editors keep the register in the admin.
EDITOR_MODELS = ("place", "activity", "yearlycosts", "organisation", "area")


def ensure_groups():
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    permissions = Permission.objects.filter(
        content_type__app_label="places", content_type__model__in=EDITOR_MODELS
    )
    groups[EDITORS].permissions.add(*permissions)
    return groups
