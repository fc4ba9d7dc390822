"""A small Wijk- en buurtkaart GeoPackage with CBS's layer and field names, built with GDAL.

Two made-up gemeenten, Beekdal (GM1999) and Heuvelrand (GM1998), in RD New like CBS's file.
Beekdal's Haven wijk has a buurt that is mainly water and one whose figure is secret.
"""

import json
import subprocess

ORIGIN = (155_000, 463_000)  # RD New, metres


def square(x, y, size):
    x0, y0 = ORIGIN[0] + x, ORIGIN[1] + y
    ring = [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


def rectangle(x, y, width, height):
    x0, y0 = ORIGIN[0] + x, ORIGIN[1] + y
    ring = [[x0, y0], [x0 + width, y0], [x0 + width, y0 + height], [x0, y0 + height], [x0, y0]]
    return {"type": "MultiPolygon", "coordinates": [[ring]]}


GEMEENTEN = [
    ("GM1999", "Beekdal", 8_000, "NEE", rectangle(0, 0, 2_000, 1_000)),
    ("GM1998", "Heuvelrand", 500, "NEE", square(3_000, 0, 1_000)),
]
WIJKEN = [
    ("WK199901", "Centrum", 8_000, "NEE", square(0, 0, 1_000)),
    ("WK199902", "Haven", -99997, "NEE", square(1_000, 0, 1_000)),
    ("WK199801", "Heuvel", 500, "NEE", square(3_000, 0, 1_000)),
]
BUURTEN = [
    ("BU19990101", "Oude Kern", 5_000, "NEE", rectangle(0, 0, 1_000, 500)),
    ("BU19990102", "Nieuwe Kern", 3_000, "NEE", rectangle(0, 500, 1_000, 500)),
    ("BU19990201", "Havenbekken", -99997, "JA", rectangle(1_000, 0, 1_000, 500)),
    ("BU19990202", "Kadewerf", -99995, "NEE", rectangle(1_000, 500, 1_000, 500)),
    ("BU19980101", "Heuveltop", 500, "NEE", square(3_000, 0, 1_000)),
]


def layer(rows, code_field, name_field, year):
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "jrstatcode": f"{year}{code}",
                    code_field: code,
                    name_field: name,
                    **parents(code),
                    "water": water,
                    "aantal_inwoners": inhabitants,
                    "jaar": year,
                },
                "geometry": geometry,
            }
            for code, name, inhabitants, water, geometry in rows
        ],
    }


def parents(code):
    gemeente = {"gemeentecode": "GM" + code[2:6]}
    if code.startswith("BU"):
        return {"wijkcode": "WK" + code[2:8], **gemeente}
    return gemeente if code.startswith("WK") else {}


def build_kaart(folder, year=2024):
    """wijkenbuurten_<year>_v1.gpkg in folder, as CBS names its file."""
    path = folder / f"wijkenbuurten_{year}_v1.gpkg"
    layers = [
        ("gemeenten", GEMEENTEN, "gemeentecode", "gemeentenaam"),
        ("wijken", WIJKEN, "wijkcode", "wijknaam"),
        ("buurten", BUURTEN, "buurtcode", "buurtnaam"),
    ]
    for name, rows, code_field, name_field in layers:
        source = folder / f"{name}.geojson"
        source.write_text(json.dumps(layer(rows, code_field, name_field, year)))
        mode = ["-update"] if path.exists() else []
        subprocess.run(
            [
                "ogr2ogr",
                "-f",
                "GPKG",
                *mode,
                "-a_srs",
                "EPSG:28992",
                "-nln",
                name,
                str(path),
                str(source),
            ],
            check=True,
            capture_output=True,
        )
    return path
