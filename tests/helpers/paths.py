"""Where the repository, the real data and the recorded answers are."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "data"
TEST_DATA = ROOT / "tests" / "data"
REAL_AREAS = DATA / "areas-amsterdam-2024.geojson"
REAL_PLACES = DATA / "places-amsterdam.geojson"
PDOK_ANSWERS = TEST_DATA / "pdok"
