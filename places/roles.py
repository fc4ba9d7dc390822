"""The roles of the register, as Django groups, and the questions asked about them."""

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

# Editors keep the register in the admin too.
EDITOR_MODELS = ("place", "activity", "yearlycosts", "organisation", "area", "membership")


def in_group(user, name):
    if not user.is_authenticated:
        return False
    if not hasattr(user, "_group_names"):
        user._group_names = set(user.groups.values_list("name", flat=True))
    return name in user._group_names


def is_editor(user):
    return user.is_authenticated and (user.is_superuser or in_group(user, EDITORS))


def needs_two_factor(user):
    """Editors and admins confirm every login with a code (places/twofactor.py)."""
    return user.is_authenticated and (user.is_staff or is_editor(user))


def is_policy(user):
    return in_group(user, POLICY) or is_editor(user)


def is_wijkteam(user):
    return in_group(user, WIJKTEAM)


def ensure_groups():
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    permissions = Permission.objects.filter(
        content_type__app_label="places", content_type__model__in=EDITOR_MODELS
    )
    groups[EDITORS].permissions.add(*permissions)
    return groups
