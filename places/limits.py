"""Rate limits counted in the shared cache (settings.CACHES["limits"]), per client address
by the same rule as the login lockout (django-axes: behind a trusted proxy, the address it
appended), so that every worker and every server counts the same hits."""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import caches


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
