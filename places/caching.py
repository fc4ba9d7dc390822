"""One ETag (and cache key) for everything built from the register's data."""

import hashlib

from places.models import DataVersion


def data_etag(request, *extra):
    """Changes whenever a place changes (one cheap row: DataVersion), or the query, whether
    the person sees concepts (staff), or any of `extra` differ."""
    parts = (DataVersion.current(), request.user.is_staff, request.GET.urlencode(), *extra)
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]
