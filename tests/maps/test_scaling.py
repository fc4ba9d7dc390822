"""What can be tested here of running on several machines (see docs/scaling.md)."""

import os
import socket
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.helpers.paths import ROOT


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


def settings_value(expression, **env):
    environment = {
        **os.environ,
        "SECRET_KEY": "x" * 40,
        "DJANGO_SETTINGS_MODULE": "ontmoeting.settings",
        **env,
    }
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_cache_url_selects_redis():
    backend = settings_value(
        "settings.CACHES['default']['BACKEND']", CACHE_URL="redis://127.0.0.1:6379/3"
    )
    assert backend == "django.core.cache.backends.redis.RedisCache"


def test_replica_url_routes_map_data_to_the_replica():
    assert settings_value("settings.MAP_DATABASE") == "default"
    assert (
        settings_value(
            "settings.MAP_DATABASE", DATABASE_REPLICA_URL="postgis://u@replica.example/ontm"
        )
        == "replica"
    )


@pytest.mark.skipif(not redis_answers(), reason="no Redis on 127.0.0.1:6379")
@pytest.mark.django_db
def test_map_data_is_shared_through_redis(client, places, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        }
    }
    from django.core.cache import cache

    cache.clear()
    response = client.get(reverse("places:map-data"))
    assert response.status_code == 200
    import redis

    keys = redis.Redis.from_url("redis://127.0.0.1:6379/3").keys("*map-data*")
    assert keys  # another app server would find the same entry
    cache.clear()
