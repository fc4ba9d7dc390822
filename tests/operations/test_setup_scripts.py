"""The set-up scripts on a machine where what they probe is absent (issue 22), and the output of
`make run` (no audit JSON on the console, one time zone in gunicorn's log).

A fresh Debian 12 machine has no PostgreSQL, no configured cluster, maybe no usable Python and
not every library Playwright's driver needs. Every script that probes for these takes the
probed paths from environment variables; these tests point them at missing folders and put
fakes first on PATH for the commands that would change the machine (apt-get, dpkg-query), so
they run anywhere. One test creates a real PostgreSQL cluster on a free port (never the
machine's own server) and drops it again; it runs in the PostGIS run only.
"""

import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers.paths import ROOT

pytestmark = pytest.mark.db_agnostic


def run(script, *args, env=None, cwd=ROOT, timeout=120):
    environment = {k: v for k, v in os.environ.items() if k not in ("PG_URL", "PGPASSWORD")}
    environment.update(env or {})
    return subprocess.run(
        ["bash", str(ROOT / script), *args],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def fakes(tmp_path, **programs):
    """A folder of fake programs (name: shell body), and a PATH that finds them first."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    for name, body in programs.items():
        program = folder / name
        program.write_text(f"#!/bin/sh\n{body}\n")
        program.chmod(0o755)
    return f"{folder}:{os.environ['PATH']}"


def one_line(stderr):
    """The message of a failed step: exactly one line."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line, got:\n{stderr}"
    return lines[0]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- scripts/apt-ensure.sh -------------------------------------------------------------------

APT_FAKES = {
    "dpkg-query": "exit 1",  # nothing is installed
    "sudo": 'exec "$@"',  # when the tests do not run as root
}


def test_apt_ensure_installs_on_a_machine_without_postgresql(tmp_path):
    calls = tmp_path / "apt-get.calls"
    path = fakes(tmp_path, **APT_FAKES, **{"apt-get": f'echo "$*" >> {calls}'})
    result = run(
        "scripts/apt-ensure.sh",
        "gdal-bin",
        "postgresql-15-postgis-3",
        env={"PATH": path, "PG_LIB_DIR": str(tmp_path / "missing")},
    )
    assert result.returncode == 0, result.stderr
    update, install = calls.read_text().splitlines()
    assert update == "update -qq"
    assert install.endswith("--no-install-recommends gdal-bin postgresql-15-postgis-3")


def test_apt_ensure_follows_the_installed_postgresql_server(tmp_path):
    calls = tmp_path / "apt-get.calls"
    servers = tmp_path / "postgresql"
    (servers / "16").mkdir(parents=True)
    path = fakes(tmp_path, **APT_FAKES, **{"apt-get": f'echo "$*" >> {calls}'})
    result = run(
        "scripts/apt-ensure.sh",
        "postgresql-15-postgis-3",
        env={"PATH": path, "PG_LIB_DIR": str(servers)},
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines()[-1].endswith(" postgresql-16-postgis-3")


def test_apt_ensure_says_in_one_line_when_apt_fails(tmp_path):
    path = fakes(tmp_path, **APT_FAKES, **{"apt-get": "exit 100"})
    result = run(
        "scripts/apt-ensure.sh", "gdal-bin", env={"PATH": path, "PG_LIB_DIR": str(tmp_path)}
    )
    assert result.returncode == 1
    assert "apt-get update failed" in one_line(result.stderr)


# --- scripts/postgres-ensure.sh ---------------------------------------------------------------


def test_postgres_ensure_says_what_to_install_when_there_is_no_postgresql(tmp_path):
    """Nothing answers on the port, no cluster is configured and no server is installed."""
    missing = str(tmp_path / "missing")
    result = run(
        "scripts/postgres-ensure.sh",
        env={
            "PG_PORT": str(free_port()),
            "PG_CLUSTER_CONF_ROOT": missing,
            "PG_LIB_DIR": missing,
            "VAR_DIR": str(tmp_path / "var"),
        },
    )
    assert result.returncode == 1
    assert "apt-get install postgresql" in one_line(result.stderr)
    assert not (tmp_path / "var").exists()


def postgis_installed():
    return any(Path("/usr/share/postgresql").glob("*/extension/postgis.control"))


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgis"),
    reason="creates a PostgreSQL cluster: once, in the PostGIS run",
)
@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("pg_createcluster") or not postgis_installed(),
    reason="needs root, postgresql-common and PostGIS",
)
def test_postgres_ensure_creates_then_starts_a_cluster_where_nothing_answers(tmp_path):
    """The path CI never took: a port where no server answers. The script creates its own
    cluster there (Debian's default authentication: no password-less login over TCP), gives
    the role it uses a generated password, and on the next run starts the stopped cluster."""
    import psycopg

    port = free_port()
    env = {"PG_PORT": str(port), "VAR_DIR": str(tmp_path)}
    try:
        first = run("scripts/postgres-ensure.sh", env=env)
        assert first.returncode == 0, first.stderr
        assert "creating the local PostgreSQL cluster" in first.stdout
        url_file = tmp_path / f"postgres-{port}.url"
        assert stat.S_IMODE(url_file.stat().st_mode) == 0o600
        url = url_file.read_text().strip()
        assert url.startswith("postgis://ontmoeting:")
        assert url.endswith(f"@127.0.0.1:{port}/ontmoeting")
        with psycopg.connect("postgresql://" + url.split("://", 1)[1]) as connection:
            row = connection.execute(
                "select pg_encoding_to_char(encoding), "
                "(select count(*) from pg_extension where extname = 'postgis') "
                "from pg_database where datname = current_database()"
            ).fetchone()
        assert row == ("UTF8", 1)

        version, name = run("scripts/postgres-ensure.sh", "--cluster", env=env).stdout.split()
        assert name == f"ontmoeting-{port}"
        subprocess.run(["pg_ctlcluster", version, name, "stop"], check=True)
        second = run("scripts/postgres-ensure.sh", env=env)
        assert second.returncode == 0, second.stderr
        assert "Starting the local PostgreSQL cluster" in second.stdout
        assert "creating" not in second.stdout and url_file.read_text().strip() == url
    finally:
        clusters = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
        for line in clusters.stdout.splitlines():
            version, name = line.split()[:2]
            if name == f"ontmoeting-{port}":
                subprocess.run(["pg_dropcluster", "--stop", version, name], check=True)


# --- scripts/venv.sh ------------------------------------------------------------------------


def test_venv_says_what_to_install_when_there_is_no_suitable_python(tmp_path):
    result = run(
        "scripts/venv.sh",
        str(tmp_path / ".venv"),
        env={"PYTHON_CANDIDATES": f"{tmp_path}/missing/python3 {tmp_path}/missing/python3.11"},
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "apt-get install python3 python3-venv" in one_line(result.stderr)


def test_venv_says_what_to_install_when_python_has_no_venv_module(tmp_path):
    """Debian's python3 without python3-venv: uv cannot be bootstrapped."""
    python = tmp_path / "python3"
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  mkdir -p "$3"\n'
        "  echo 'The virtual environment was not created successfully because' >&2\n"
        "  echo 'ensurepip is not available.  On Debian/Ubuntu systems, you need' >&2\n"
        "  exit 1\n"
        "fi\n"
        f'exec {sys.executable} "$@"\n'
    )
    python.chmod(0o755)
    bootstrap = tmp_path / "var" / "uv-bootstrap"
    result = run(
        "scripts/venv.sh",
        str(tmp_path / ".venv"),
        env={"PYTHON_CANDIDATES": str(python), "UV_BIN": "", "UV_BOOTSTRAP": str(bootstrap)},
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "apt-get install python3-venv" in one_line(result.stderr)
    assert not bootstrap.exists()  # the next run starts clean


# --- bench/loadtest/run.sh ----------------------------------------------------------------------


def test_loadtest_runs_without_the_restart_when_no_cluster_is_configured(tmp_path):
    result = run(
        "bench/loadtest/run.sh",
        "--probe",
        env={"PG_PORT": str(free_port()), "PG_CLUSTER_CONF_ROOT": str(tmp_path / "missing")},
    )
    assert result.returncode == 0, result.stderr
    assert "restart: none" in result.stdout
    assert "without the restart" in one_line(result.stderr)


def test_loadtest_restarts_the_cluster_configured_on_the_port(tmp_path):
    if not shutil.which("pg_lsclusters"):
        pytest.skip("needs postgresql-common's pg_lsclusters")
    config = tmp_path / "etc" / "15" / "main"
    config.mkdir(parents=True)
    (config / "postgresql.conf").write_text(f"port = 5999\ndata_directory = '{tmp_path}'\n")
    result = run(
        "bench/loadtest/run.sh",
        "--probe",
        env={"PG_PORT": "5999", "PG_CLUSTER_CONF_ROOT": str(tmp_path / "etc")},
    )
    assert result.returncode == 0, result.stderr
    assert "restart: pg_ctlcluster --skip-systemctl-redirect 15 main restart" in result.stdout


# --- scripts/browser-check.sh ---------------------------------------------------------------


def test_browser_check_names_the_missing_library_of_the_driver(tmp_path):
    """Playwright's bundled node without libatomic1: one line at set-up, not 55 test errors."""
    driver = tmp_path / "node"
    driver.write_text(
        "#!/bin/sh\necho 'node: error while loading shared libraries: libatomic.so.1: cannot "
        "open shared object file: No such file or directory' >&2\nexit 127\n"
    )
    driver.chmod(0o755)
    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\necho {driver}\n")
    python.chmod(0o755)
    result = run("scripts/browser-check.sh", str(python))
    assert result.returncode == 1
    assert "libatomic.so.1 is missing: apt-get install libatomic1" in one_line(result.stderr)


# --- make run's output ----------------------------------------------------------------------


def app_env(tmp_path, **extra):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    sqlite = tmp_path / "empty.sqlite3"
    environment.update(SECRET_KEY="x" * 50, DATABASE_URL=f"spatialite:///{sqlite}", **extra)
    environment["DJANGO_SETTINGS_MODULE"] = "ontmoeting.settings"
    return environment


def test_audit_lines_go_to_the_audit_log_file_not_the_console(tmp_path):
    audit_file = tmp_path / "audit.log"
    script = (
        "import django; django.setup()\n"
        "from places.accounts import audit\n"
        "audit.record('export', actor='system', result='ok')\n"
        "import logging; logging.getLogger('places').warning('an ordinary line')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=app_env(tmp_path, AUDIT_LOG_FILE=str(audit_file)),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '"action"' not in result.stderr and "an ordinary line" in result.stderr
    assert '"action": "export"' in audit_file.read_text()


def test_gunicorn_master_and_workers_log_in_one_time_zone(tmp_path):
    """The workers load Django, which sets the process time zone to Europe/Amsterdam; the master
    does not. With gunicorn.conf.py every line says +0000."""
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "ontmoeting.wsgi", "-c", "gunicorn.conf.py"]
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket"],
        env=app_env(tmp_path, TZ="UTC"),
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):  # the app is loaded once the worker answers anything
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
    finally:
        server.send_signal(signal.SIGTERM)
        _, log = server.communicate(timeout=30)
    zones = re.findall(r"^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ([+-]\d{4})\] \[(\d+)\]", log, re.M)
    processes = {pid for _, pid in zones}
    assert len(processes) >= 2, log  # the master and a worker both wrote lines
    assert {zone for zone, _ in zones} == {"+0000"}, log
