"""Rate limits counted in the shared cache (settings.CACHES["limits"]), per client address
by the same rule as the login lockout (django-axes: behind a trusted proxy, the address it
appended), so that every worker and every server counts the same hits."""

import hashlib

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches


def client_ip(request):
    """The client's address (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR, or behind the one
    trusted proxy (BEHIND_PROXY=1) the last address of X-Forwarded-For, which that proxy
    appended; the addresses before it come from the client and can be made up."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if forwarded[-1].strip():
            return forwarded[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_address(request):
    return get_client_ip_address(request) or ""


def exceeded(scope, key, limit, seconds=3600):
    """Count one more hit for (scope, key); True once there were more than `limit` within
    `seconds`. Keys are kept as hashes only: no address or e-mail is stored."""
    cache = caches["limits"]
    name = f"limit:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(name, 0, seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        count = 1
    return count > limit
