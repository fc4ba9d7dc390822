"""From the identity provider's claims to our roles, at every sign-in.

The claim OIDC_ROLE_CLAIM (``roles`` unless set; a dotted path such as
``realm_access.roles`` reaches into Keycloak's nesting) holds values such as ``beleid``,
``redactie``, ``admin`` and ``wijkteam:Centrum-West``. OIDC_ROLE_PREFIX, when set, is what the
provider puts before our names (``ontmoeting-beleid``); values without it are not ours. The
provider decides these roles: one it no longer gives is taken away here. The initiator role and
memberships of places stay with the register.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Q

from places import roles
from places.models import Wijkteam

ADMIN = "admin"
# The roles the provider decides; ``admin`` is staff and superuser.
PROVIDER_ROLES = (roles.POLICY, roles.EDITORS, roles.WIJKTEAM)
# Methods of RFC 8176 that mean more than a password: multi-factor, a one-time code, a
# hardware or software key, a smart card.
MFA_METHODS = {"mfa", "otp", "hwk", "swk", "sc"}


@dataclass
class Wanted:
    groups: set = field(default_factory=set)
    teams: set = field(default_factory=set)
    admin: bool = False


def claim(claims, path):
    value = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value] if isinstance(value, list) else []


def ours(value):
    """The role name in a claim value, without the provider's prefix or Keycloak's slash;
    None when the value is not one of ours."""
    value = value.strip().lstrip("/")
    prefix = settings.OIDC_ROLE_PREFIX
    if prefix and not value.lower().startswith(prefix.lower()):
        return None
    return value[len(prefix) :]


def wanted_roles(claims):
    wanted = Wanted()
    for value in filter(None, map(ours, claim(claims, settings.OIDC_ROLE_CLAIM))):
        name, _colon, team = value.partition(":")
        name = name.strip().lower()
        if name == ADMIN:
            wanted.admin = True
        elif name in PROVIDER_ROLES:
            wanted.groups.add(name)
        if name == roles.WIJKTEAM and team.strip():
            wanted.teams.add(team.strip())
    return wanted


def did_mfa(id_token):
    """Whether the provider says it did more than a password (amr), or used one of the
    authentication levels (acr) listed in OIDC_MFA_ACR_VALUES."""
    methods = id_token.get("amr") or []
    methods = {methods} if isinstance(methods, str) else set(map(str, methods))
    return bool(methods & MFA_METHODS) or id_token.get("acr") in settings.OIDC_MFA_ACR_VALUES


def find_teams(names):
    """The wijkteams named (by name, or by the CBS code of one of their wijken), and the names
    that match none."""
    teams, unknown = set(), []
    for name in sorted(names):
        found = Wijkteam.objects.filter(Q(name__iexact=name) | Q(wijken__code__iexact=name))
        found = set(found.distinct())
        teams |= found
        if not found:
            unknown.append(name)
    return teams, unknown


def apply_roles(user, wanted):
    """Give the account exactly the roles the provider gives; return what changed."""
    groups = {group.name: group for group in Group.objects.filter(name__in=PROVIDER_ROLES)}
    if len(groups) < len(PROVIDER_ROLES):
        groups = roles.ensure_groups()
    have = set(user.groups.filter(name__in=PROVIDER_ROLES).values_list("name", flat=True))
    added, removed = wanted.groups - have, have - wanted.groups
    user.groups.add(*(groups[name] for name in sorted(added)))
    user.groups.remove(*(groups[name] for name in sorted(removed)))
    was_admin = user.is_staff and user.is_superuser
    if (user.is_staff, user.is_superuser) != (wanted.admin, wanted.admin):
        user.is_staff = user.is_superuser = wanted.admin
        user.save(update_fields=["is_staff", "is_superuser"])
    if wanted.admin != was_admin:
        (added if wanted.admin else removed).add(ADMIN)
    user.__dict__.pop("_group_names", None)  # roles.in_group's memory of the old groups
    return {
        "roles": sorted(wanted.groups | ({ADMIN} if wanted.admin else set())),
        "roles_added": sorted(added),
        "roles_removed": sorted(removed),
        **apply_teams(user, wanted),
    }


def apply_teams(user, wanted):
    """Without the wijkteam role, no wijkteams; with it and named teams, exactly those; with it
    but no team named, the wijkteams the register gave (an editor can set them)."""
    if roles.WIJKTEAM in wanted.groups and not wanted.teams:
        return {}
    teams, unknown = find_teams(wanted.teams)
    before = set(user.wijkteams.values_list("pk", flat=True))
    after = {team.pk for team in teams}
    user.wijkteams.set(teams)
    return {
        "wijkteams_added": sorted(after - before),
        "wijkteams_removed": sorted(before - after),
        "wijkteams_unknown": unknown,
    }
