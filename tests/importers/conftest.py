import threading
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command

from tests.conftest import FakeLocatieserver, LocatieserverHandler
from tests.helpers.paths import PDOK_ANSWERS, TEST_DATA
from tests.importers.cbs_kaart import build_kaart

BEEKDAL = TEST_DATA / "beekdal"
BEEKDAL_ANSWERS = {"oosterlaan 7, 3811cd beekdal": "beekdal-oosterlaan-7.json"}


class BeekdalLocatieserver(FakeLocatieserver):
    """PDOK for Beekdal's addresses; every other address is not found."""

    def answer(self, query, endpoint="free"):
        name = BEEKDAL_ANSWERS.get(query.lower().strip(), "nothing-found.json")
        return (PDOK_ANSWERS / name).read_bytes()


class FilterRecordingHandler(LocatieserverHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.filters.append(parse_qs(urlparse(self.path).query).get("fq", []))
        super().do_GET()


@pytest.fixture
def beekdal_pdok(settings):
    server = BeekdalLocatieserver(("127.0.0.1", 0), FilterRecordingHandler)
    server.requests, server.endpoints, server.filters = [], [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.PDOK_LOCATIESERVER_URL = f"http://127.0.0.1:{server.server_port}/free"
    settings.GEOCODER_TIMEOUT = 0.5
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def beekdal_areas(tmp_path_factory, vocabularies):
    """Beekdal's CBS boundaries, from the small Wijk- en buurtkaart."""
    kaart = build_kaart(tmp_path_factory.mktemp("kaart"))
    call_command("import_areas", str(kaart), "--gemeente", "GM1999", "--commit")
