"""The read-only API's rate limit: at most settings.API_RATE_LIMIT requests a minute from one
client address (0: no limit), counted in the default cache. That cache is the process's own
unless CACHE_URL names a shared one, so without it each worker counts for itself. One cache
increment per request: the limit must not slow the API it protects (docs/benchmarks.md)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from places.accounts.limits import client_ip

WINDOW = 60  # seconds
clock = time.time  # the tests hold it mid-minute: a window may end between two requests


def seconds_to_wait(request, now=None):
    """Count this request; the seconds until the client may ask again when it is one too many
    in this minute, else 0. Addresses are kept as hashes only."""
    limit = settings.API_RATE_LIMIT
    if not limit:
        return 0
    now = clock() if now is None else now
    window = int(now // WINDOW)
    client = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"api-rate:{window}:{client}"
    try:
        count = cache.incr(key)
    except ValueError:  # the first request of this window (or the key just expired)
        count = 1 if cache.add(key, 1, WINDOW + 1) else cache.incr(key)
    if count <= limit:
        return 0
    return max(1, int((window + 1) * WINDOW - now + 0.999))
