"""The container (issue 18, item 3). No Docker engine runs here or in CI, so the image is never
built: its start and scheduler scripts run for real on this machine, and the Dockerfile and
compose.yaml are read for what they promise (hadolint checks the Dockerfile's form)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers.paths import ROOT
from tests.operations.test_probes import free_port

pytestmark = pytest.mark.db_agnostic  # each script gets its own SpatiaLite file
START, SCHEDULER = ROOT / "docker" / "start.sh", ROOT / "docker" / "scheduler.sh"


def script_env(tmp_path, **extra):
    """The image's environment: the virtualenv's python first on PATH, data in VAR_DIR."""
    env = {key: os.environ[key] for key in ("HOME", "LANG") if key in os.environ}
    env.update(
        PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        DJANGO_SETTINGS_MODULE="ontmoeting.settings",
        SECRET_KEY="x" * 50,
        VAR_DIR=str(tmp_path),
        DATABASE_URL=f"spatialite:///{tmp_path / 'ontmoeting.sqlite3'}",
    )
    env.update(extra)
    return env


def run(command, env, timeout=300):
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


MIGRATIONS_APPLIED = [sys.executable, "manage.py", "migrate", "--check"]  # exit 1: some not


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A data folder whose database docker/start.sh migrated (MIGRATE=1)."""
    folder = tmp_path_factory.mktemp("var")
    before = run([str(START), *MIGRATIONS_APPLIED], script_env(folder))
    after = run([str(START), *MIGRATIONS_APPLIED], script_env(folder, MIGRATE="1"))
    return folder, before, after


def test_start_migrates_only_when_asked(migrated):
    _, before, after = migrated
    assert before.returncode != 0  # without MIGRATE=1 the new database stays empty
    assert after.returncode == 0, after.stdout + after.stderr
    assert "Applying places.0001_initial... OK" in after.stdout


def test_start_gives_up_on_a_database_that_does_not_answer(tmp_path):
    url = f"postgis://ontmoeting@127.0.0.1:{free_port()}/ontmoeting"
    env = script_env(tmp_path, DATABASE_URL=url, WAIT_FOR_DB_SECONDS="2")
    began = time.monotonic()
    result = run([str(START), "echo", "served"], env)
    assert time.monotonic() - began >= 2  # it waited before giving up
    assert result.returncode != 0 and "served" not in result.stdout
    assert "did not answer within 2 seconds" in result.stderr
    assert "Check DATABASE_URL" in result.stderr


def test_the_scheduler_aggregates_and_reminds_once_a_month(migrated):
    folder, _, _ = migrated
    env = script_env(folder, AGGREGATE_EVERY="1", BASE_URL="https://ontmoeting.example.nl")
    scheduler = subprocess.Popen(
        [str(SCHEDULER)], env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(12)  # a few rounds of aggregate_map, each a Django start
    scheduler.send_signal(signal.SIGTERM)
    out, err = (stream.decode() for stream in scheduler.communicate(timeout=60))
    assert scheduler.returncode == 0, err
    assert "failed" not in err, err
    assert (folder / ".reminders-month").read_text().strip() == time.strftime("%Y-%m")
    # aggregate_map reports every round, remind_unverified once this month.
    assert out.count("Kaartclusters opnieuw opgebouwd") == 1, out  # the first time
    assert "De kaartclusters zijn bijgewerkt." in out, out  # --if-stale: nothing changed since
    assert out.count("herinneringen verstuurd voor 0.") == 1, out


def test_the_scheduler_runs_commands_that_exist_with_those_options():
    from django.core.management import load_command_class

    calls = re.findall(r"manage\.py (\w+)((?: --[\w-]+)*)", SCHEDULER.read_text())
    assert {name for name, _ in calls} == {"aggregate_map", "remind_unverified"}
    for name, options in calls:
        command = load_command_class("places", name)
        parser = command.create_parser("manage.py", name)
        known = {option for action in parser._actions for option in action.option_strings}
        for flag in options.split():
            assert flag in known, (name, flag)


# --- What the files promise ---------------------------------------------------------------


def stages(dockerfile):
    return re.split(r"^FROM ", dockerfile, flags=re.M)[1:]


def test_the_image_runs_as_uid_1000_with_runtime_libraries_only():
    final = stages((ROOT / "Dockerfile").read_text())[-1]
    assert final.startswith("debian:bookworm-slim")
    assert re.search(r"^USER 1000(:1000)?$", final, re.M)
    for library in ("libgdal32", "libgeos-c1v5", "libproj25", "libsqlite3-mod-spatialite"):
        assert library in final
    for build_only in ("-dev ", "gettext", "gcc", "build-essential", " uv "):
        assert build_only not in final, build_only
    assert "collectstatic" in final  # static files in the image
    assert "/_healthz/livez" in final.split("HEALTHCHECK", 1)[1]
    assert 'ENTRYPOINT ["docker/start.sh"]' in final
    assert os.access(START, os.X_OK) and os.access(SCHEDULER, os.X_OK)


def test_the_build_installs_from_the_lock_without_development_tools():
    build = stages((ROOT / "Dockerfile").read_text())[1]
    assert "uv sync --frozen --no-dev" in build
    assert "msgfmt" in build  # compiled translations


def test_the_build_context_leaves_out_local_secrets_and_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in ("var", ".venv", ".git", "tests"):
        assert path in ignored  # var/ holds the secret key, the database and the audit log


def test_hadolint_passes():
    hadolint = Path(sys.executable).parent / "hadolint"
    result = run([str(hadolint), str(ROOT / "Dockerfile")], dict(os.environ))
    assert result.returncode == 0, result.stdout + result.stderr


def compose():
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_postgis_redis_web_and_the_scheduler():
    services = compose()["services"]
    assert set(services) == {"db", "redis", "web", "scheduler"}
    assert services["db"]["image"].startswith("postgis/postgis:")
    assert services["redis"]["image"].startswith("redis:")
    web, scheduler = services["web"], services["scheduler"]
    assert web["environment"]["DATABASE_URL"].startswith("postgis://")
    assert "@db:5432/" in web["environment"]["DATABASE_URL"]
    assert web["environment"]["CACHE_URL"] == "redis://redis:6379/0"
    assert web["environment"]["MIGRATE"] == "1" and "MIGRATE" not in scheduler["environment"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert scheduler["command"] == ["docker/scheduler.sh"]
    assert scheduler["depends_on"]["web"]["condition"] == "service_healthy"
    assert scheduler["image"] == web["image"]


def test_compose_keeps_the_data_folder_the_image_uses():
    var_dir = re.search(r"VAR_DIR=(\S+)", (ROOT / "Dockerfile").read_text()).group(1)
    for name in ("web", "scheduler"):
        assert f"app-data:{var_dir}" in compose()["services"][name]["volumes"]


def test_docker_compose_accepts_the_file():
    if not shutil.which("docker") or run(["docker", "compose", "version"], os.environ).returncode:
        pytest.skip("the docker compose plugin is not installed; the YAML is read above")
    env = dict(os.environ, SECRET_KEY="x" * 50)
    result = run(["docker", "compose", "-f", str(ROOT / "compose.yaml"), "config", "-q"], env)
    assert result.returncode == 0, result.stderr
