from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from places import roles
from places.models import Municipality, PlaceType


def map_settings(request):
    # A lazy queryset: only pages that draw a map or legend query it.
    return {"place_types": PlaceType.objects.all()}


def user_roles(request):
    # A request refused before the login middleware (a host not in ALLOWED_HOSTS) has none.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_roles": {
            "editor": roles.is_editor(user),
            "policy": roles.is_policy(user),
            "wijkteam": roles.is_wijkteam(user),
        }
    }


def municipality(request):
    # Lazy: read (from the cache) only by pages that show it.
    return {"municipality": SimpleLazyObject(Municipality.current)}
