"""The settings fail fast, with a message that says how to fix them."""

import os
import re
import subprocess
import sys

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from tests.helpers.paths import ROOT


def load_settings(code=None, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="ontmoeting.settings")
    code = code or (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; print(db['ENGINE'], db['NAME'], settings.DEBUG)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


SERVE = "import ontmoeting.wsgi"  # what gunicorn and runserver load


def test_missing_secret_key_stops_the_app_without_debug():
    result = load_settings(SERVE)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_development_key_is_refused_without_debug():
    result = load_settings(SERVE, SECRET_KEY="django-insecure-development-only-key")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_a_real_key_serves():
    assert load_settings(SERVE, SECRET_KEY="a-real-secret-for-this-test").returncode == 0


def test_commands_that_sign_nothing_run_without_a_key():
    code = (
        "import sys; from django.core.management import call_command; import django; "
        "django.setup(); call_command('makemigrations', '--check', '--dry-run')"
    )
    result = load_settings(code)
    assert result.returncode == 0, result.stderr


def test_deploy_check_reports_a_missing_key():
    code = (
        "import django; django.setup(); from django.core.checks import run_checks; "
        "print([m.id for m in run_checks(include_deployment_checks=True)])"
    )
    assert "ontmoeting.E001" in load_settings(code).stdout


def test_debug_is_off_unless_asked_for():
    result = load_settings(SECRET_KEY="a-real-secret-for-this-test")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_no_database_url_means_spatialite_in_var():
    result = load_settings(SECRET_KEY="a-real-secret-for-this-test")
    engine, name, _debug = result.stdout.split()
    assert engine == "django.contrib.gis.db.backends.spatialite"
    assert name == str(ROOT / "var" / "ontmoeting.sqlite3")


def test_postgis_url_means_postgis():
    result = load_settings(SECRET_KEY="x" * 40, DATABASE_URL="postgis://u@db.example:5432/ontm")
    assert result.stdout.split()[0] == "django.contrib.gis.db.backends.postgis"


def test_a_non_spatial_database_url_is_refused():
    result = load_settings(SECRET_KEY="x" * 40, DATABASE_URL="postgres://u@db.example/ontm")
    assert result.returncode != 0 and "postgis://" in result.stderr


def test_no_migration_hard_codes_the_srid():
    for migration in (ROOT / "places" / "migrations").glob("*.py"):
        assert not re.search(r"srid=\d", migration.read_text()), migration.name


@pytest.mark.parametrize("srid, error_id", [(4326, "places.E002"), (999999, "places.E001")])
def test_a_storage_srid_that_is_not_metric_fails_the_checks(srid, error_id):
    with override_settings(STORAGE_SRID=srid):
        assert error_id in {message.id for message in run_checks()}


def test_the_default_storage_srid_passes_the_checks():
    assert not [m for m in run_checks() if m.id.startswith("places.")]
