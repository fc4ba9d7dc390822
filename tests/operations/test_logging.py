"""LOG_FORMAT=json: one JSON object a line, each with the request id of the response's
X-Request-ID header; calls to PDOK logged with their status and duration, never the address."""

import copy
import importlib.util
import io
import json
import logging.config
import os
import subprocess
import sys

import pytest
from django.urls import reverse
from gunicorn.config import Config

from places.accounts import audit
from tests.helpers.paths import ROOT

ADDRESS = "Hoofdweg 495A Amsterdam"
# The street, and the house number with its letter as typed or URL-encoded. Not "495" alone:
# a duration or a millisecond may be 495.
ADDRESS_PARTS = ("hoofdweg", "495a", "495+a", "495%20a")


@pytest.fixture
def json_log(settings):
    """The project's logging as LOG_FORMAT=json configures it, written to a buffer: the log
    lines written so far, each read as JSON (a line that is not JSON fails the test)."""
    config = copy.deepcopy(settings.LOGGING)
    stream = io.StringIO()
    config["handlers"]["console"].update(formatter="json", stream=stream)
    logging.config.dictConfig(config)

    def lines():
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def pdok_lines(lines):
    return [line for line in lines if line.get("service") == "pdok"]


def no_address_in(lines):
    # The request id and time are left out: random hex and digits could spell anything.
    kept = [{k: v for k, v in line.items() if k not in {"request_id", "time"}} for line in lines]
    text = json.dumps(kept).lower()
    return not any(part in text for part in ADDRESS_PARTS)


def test_a_nearby_search_logs_json_lines_with_the_responses_request_id(
    client, places, pdok, json_log
):
    response = client.get(reverse("places:nearby"), {"adres": ADDRESS})
    assert response.context["origin_label"] == "Hoofdweg 495A, 1055SC Amsterdam"  # found
    request_id = response["X-Request-ID"]
    lines = json_log()
    (call,) = pdok_lines(lines)
    assert {line["request_id"] for line in lines} == {request_id}
    assert call["status"] == 200 and call["endpoint"] == "free" and call["level"] == "INFO"
    assert isinstance(call["duration_ms"], int) and call["duration_ms"] >= 0
    assert call["message"] == f"PDOK free: 200 in {call['duration_ms']} ms"
    assert no_address_in(lines)


def test_each_request_gets_its_own_id(client, places, pdok, json_log):
    first = client.get(reverse("places:nearby"), {"adres": ADDRESS})["X-Request-ID"]
    second = client.get(reverse("places:nearby"), {"adres": "1094 PW"})["X-Request-ID"]
    assert first != second
    assert [line["request_id"] for line in pdok_lines(json_log())] == [first, second]


def test_the_proxys_request_id_is_kept(client, places, pdok, json_log):
    given = "req-2026-12-03-abcdef"
    response = client.get(reverse("places:nearby"), {"adres": ADDRESS}, HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] == given
    assert pdok_lines(json_log())[0]["request_id"] == given


@pytest.mark.parametrize("hostile", ['abc" injected', "x" * 300, "a\tb\tc\td\te\tf", "short"])
def test_a_request_id_that_is_no_id_is_replaced(client, places, pdok, json_log, hostile):
    response = client.get(reverse("places:nearby"), {"adres": ADDRESS}, HTTP_X_REQUEST_ID=hostile)
    request_id = response["X-Request-ID"]
    assert request_id != hostile and len(request_id) == 32
    assert pdok_lines(json_log())[0]["request_id"] == request_id


def test_pdok_down_is_logged_with_its_status_and_without_the_address(
    client, places, pdok, json_log
):
    pdok.mode = "down"
    response = client.get(reverse("places:nearby"), {"adres": ADDRESS})
    assert "PDOK" in response.content.decode()  # the person is told, in Dutch
    lines = json_log()
    (call,) = pdok_lines(lines)
    assert call["status"] == 503 and call["level"] == "WARNING"
    assert isinstance(call["duration_ms"], int)
    assert no_address_in(lines)


def test_pdok_too_slow_is_logged_as_a_timeout(client, places, pdok, json_log):
    pdok.mode = "slow"
    client.get(reverse("places:nearby"), {"adres": ADDRESS})
    (call,) = pdok_lines(json_log())
    assert call["status"] == "timeout"
    assert call["duration_ms"] >= 400  # the test's GEOCODER_TIMEOUT is 0.5 s


def test_pdok_unreachable_is_logged_without_the_address(client, places, settings, json_log):
    settings.PDOK_LOCATIESERVER_URL = "http://127.0.0.1:9/free"  # nothing listens on port 9
    client.get(reverse("places:nearby"), {"adres": ADDRESS})
    lines = json_log()
    assert pdok_lines(lines)[0]["status"] == "unreachable"
    assert no_address_in(lines)


def test_an_audit_event_keeps_its_fields_and_outside_a_request_has_no_id(json_log, db):
    audit.record("export", actor="system", format="csv", places=3)
    (line,) = [line for line in json_log() if line["logger"] == "ontmoeting.audit"]
    assert line["message"] == "export" and line["request_id"] == "-"
    assert line["audit"]["format"] == "csv" and line["audit"]["places"] == 3


def settings_in_a_process(**env):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.LOGGING['handlers']['console'].get('formatter'), "
        "settings.LOGGING['handlers']['console'].get('stream'))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env, DJANGO_SETTINGS_MODULE="ontmoeting.settings", SECRET_KEY="x" * 50)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.mark.db_agnostic
def test_log_format_json_writes_json_to_stdout():
    assert settings_in_a_process(LOG_FORMAT="json").stdout.split() == ["json", "ext://sys.stdout"]


@pytest.mark.db_agnostic
def test_the_default_log_format_is_plain_text_on_stderr():
    assert settings_in_a_process(LOG_FORMAT="").stdout.split() == ["None", "None"]


@pytest.mark.db_agnostic
def test_an_unknown_log_format_stops_with_what_to_set():
    result = settings_in_a_process(LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json (got 'xml')" in result.stderr


def gunicorn_logger(tmp_path):
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    cfg = Config()
    cfg.set("errorlog", str(tmp_path / "error.log"))
    return conf.UTCLogger(cfg), tmp_path / "error.log"


@pytest.mark.db_agnostic
def test_gunicorn_writes_its_own_lines_as_json_too(tmp_path, monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")
    logger, path = gunicorn_logger(tmp_path)
    logger.error("Worker timeout (pid:%s)", 42)
    line = json.loads(path.read_text().splitlines()[-1])
    assert line["message"] == "Worker timeout (pid:42)" and line["level"] == "ERROR"
    assert line["logger"] == "gunicorn.error" and line["time"].endswith("Z")


@pytest.mark.db_agnostic
def test_gunicorn_keeps_its_plain_lines_in_utc_without_json(tmp_path, monkeypatch):
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    logger, path = gunicorn_logger(tmp_path)
    logger.error("Worker timeout (pid:%s)", 42)
    (last,) = path.read_text().splitlines()[-1:]
    assert last.endswith("[ERROR] Worker timeout (pid:42)") and "+0000" in last
