"""Uploaded tables waiting for their import, in a private folder (VAR_DIR/imports/TOKEN/).

The staff import page works in steps (upload, map, dry run, import): between requests the
file, the mapping last tried and its report are kept here under an unguessable token. A day
after its upload a folder is removed with the next upload.
"""

import json
import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_BYTES = 10 * 1024 * 1024
SUFFIXES = {".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg"}
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")
KEEP_SECONDS = 24 * 60 * 60


def root():
    return Path(settings.VAR_DIR) / "imports"


WRONG_KIND = gettext_lazy("Upload a CSV, XLSX, GeoJSON or GeoPackage file.")
EVENT_SUFFIXES = {".csv", ".txt", ".xlsx"}  # a table of events has no geometry
EVENT_WRONG_KIND = gettext_lazy("Upload a CSV or XLSX file.")


def save_upload(upload, suffixes=SUFFIXES, wrong_kind=WRONG_KIND):
    suffix = Path(upload.name).suffix.lower()
    if suffix not in suffixes:
        raise ValidationError(wrong_kind)
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    remove_old()
    token = secrets.token_urlsafe(18)
    folder = root() / token
    folder.mkdir(parents=True, mode=0o700)
    with open(folder / f"tabel{suffix}", "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    (folder / "naam.txt").write_text(Path(upload.name).name[:200], encoding="utf-8")
    return token


def folder_of(token):
    folder = root() / token
    if not TOKEN.match(token) or not folder.is_dir():
        raise Http404
    return folder


def table_path(token):
    folder = folder_of(token)
    return next(p for p in folder.iterdir() if p.stem == "tabel")


def original_name(token):
    return (folder_of(token) / "naam.txt").read_text(encoding="utf-8")


def save_mapping(token, data):
    (folder_of(token) / "koppeling.json").write_text(json.dumps(data), encoding="utf-8")


def load_mapping(token):
    try:
        return json.loads((folder_of(token) / "koppeling.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def report_path(token):
    return folder_of(token) / "rapport.csv"


def remove_old():
    if not root().is_dir():
        return
    for folder in root().iterdir():
        if folder.is_dir() and time.time() - folder.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(folder, ignore_errors=True)
