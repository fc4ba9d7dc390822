"""`make backup` / `make restore`: a backup of the real Amsterdam register, restored into a
fresh database, holds every row of every table (issue 8, item 12)."""

import io
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from places.models import Area, Membership, Place
from tests.helpers.paths import REAL_AREAS, ROOT
from tests.helpers.surveys import answer, make_round

SCRIPT = ROOT / "scripts" / "backup.py"
REAL_PLACES = REAL_AREAS.parent / "places-amsterdam.geojson"
pytestmark = pytest.mark.django_db(transaction=True)  # the script reads committed rows
postgis_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostGIS")
spatialite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="SpatiaLite")


def script(*args):
    """scripts/backup.py as `make backup` runs it, against the test database."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
        url = f"postgis://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    else:
        url = f"spatialite:///{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def backup(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path))
    result = script("backup")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip().removeprefix("Backup written: "))
    assert path.parent == tmp_path and path.stat().st_mode & 0o077 == 0  # personal data
    assert not list(tmp_path.glob("*.partial"))
    return path


@pytest.fixture
def register(real_areas, django_user_model):
    """The real Amsterdam areas and places, with history, an account, a membership and a
    survey answer: a row in most tables."""
    call_command("import_places", str(REAL_PLACES), "--commit", stdout=io.StringIO())
    place = Place.objects.order_by("pk").first()
    user = django_user_model.objects.create_user("eigenaar", "e@example.org", "een-lang-wachtwoord")
    Membership.objects.create(user=user, place=place)
    survey, questions = make_round()
    answer(survey, questions, place, 4, 5)
    assert Area.objects.count() == 629 and Place.objects.count() > 300


# --- PostGIS ---------------------------------------------------------------------------


def pg(dbname):
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=dbname,
        autocommit=True,
    )


def fingerprint(dbname):
    """Per table: the number of rows and a hash over all of them; and every sequence."""
    with pg(dbname) as conn:
        tables = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
        rows = {
            table: conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text),"
                    " '')) FROM {} t"
                ).format(sql.Identifier(table))
            ).fetchone()
            for (table,) in tables
        }
        sequences = dict(
            conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return rows, sequences


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored"
    with pg("postgres") as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    yield name
    with pg("postgres") as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@postgis_only
def test_a_dump_restored_into_a_fresh_database_has_every_row(
    register, restored_name, tmp_path, monkeypatch
):
    dump = backup(tmp_path, monkeypatch)
    assert dump.suffix == ".dump"
    result = script("restore", str(dump), "--to", restored_name)
    assert result.returncode == 0, result.stderr
    assert f"/{restored_name}" in result.stdout

    original, original_sequences = fingerprint(connection.settings_dict["NAME"])
    copy, copy_sequences = fingerprint(restored_name)
    assert {"places_place", "places_area", "auth_user", "surveys_answer"} <= set(original)
    assert original["places_place"][0] == Place.objects.count()
    assert original["places_area"][0] == 629
    assert copy == original  # the same tables, the same counts, the same rows
    assert copy_sequences == original_sequences  # new rows get new ids

    # Restoring again into a database that exists is refused, and leaves it alone.
    Place.objects.update(name="Gewijzigd na de backup")
    again = script("restore", str(dump), "--to", connection.settings_dict["NAME"])
    assert again.returncode == 1
    assert "Nothing was changed" in again.stderr and "already exists" in again.stderr
    assert not Place.objects.exclude(name="Gewijzigd na de backup").exists()


def test_restore_without_a_backup_file_says_so(tmp_path):
    result = script("restore", str(tmp_path / "missing.dump"))
    assert result.returncode == 1 and "No backup file" in result.stderr


# --- SpatiaLite --------------------------------------------------------------------------


def sqlite_rows(path):
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
        ).fetchall()
        return {
            table: conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for (table,) in tables
        }


@spatialite_only
def test_a_spatialite_backup_restored_has_every_row(register, tmp_path, monkeypatch):
    copy = backup(tmp_path, monkeypatch)
    assert copy.suffix == ".sqlite3"
    target = tmp_path / "restored.sqlite3"
    result = script("restore", str(copy), "--to", str(target))
    assert result.returncode == 0, result.stderr
    original = sqlite_rows(connection.settings_dict["NAME"])
    assert len(original["places_place"]) == Place.objects.count()
    assert sqlite_rows(target) == original
    again = script("restore", str(copy), "--to", str(target))
    assert again.returncode == 1 and "exists already" in again.stderr
