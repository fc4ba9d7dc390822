"""Test settings: the project settings with a throwaway key and faster hashing.

DATABASE_URL chooses the database: postgis://… for PostGIS, unset for SpatiaLite.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from ontmoeting.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"].endswith("spatialite"):  # noqa: F405
    # TEST_DATABASE_NAME lets a second run work beside the first without sharing the file.
    name = os.environ.get("TEST_DATABASE_NAME", "test-ontmoeting.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / name)}  # noqa: F405

STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# The contract tests send hundreds of API requests a minute from one address; the rate limit's
# own tests set a small one (tests/api/test_rate_limit.py).
API_RATE_LIMIT = 100_000
