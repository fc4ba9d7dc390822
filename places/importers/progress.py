"""How far the import of an upload is: a small file beside it, so that any worker can answer
the page's progress line while another runs the import."""

import json
import time

from places.importers import uploads

EVERY_SECONDS = 0.5


def path_of(token):
    return uploads.folder_of(token) / "voortgang.json"


def recorder(token):
    path, last = path_of(token), [0.0]
    path.write_text("[0, 0]", encoding="utf-8")  # not the previous run's count

    def record(done, total):
        now = time.monotonic()
        if done in (1, total) or now - last[0] >= EVERY_SECONDS:
            path.write_text(json.dumps([done, total]), encoding="utf-8")
            last[0] = now

    return record


def read(token):
    try:
        done, total = json.loads(path_of(token).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return 0, 0
    return done, total
