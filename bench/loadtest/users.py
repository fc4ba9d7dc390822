"""`make loadtest`: virtual users against gunicorn on 127.0.0.1, the database restarted halfway.

    loadtest.py ACCOUNTS_JSON > run.json

USERS users (OWNERS of them logged in as owners of a place, two per place) browse for
SECONDS: map data, nearby (page and API), place pages and the list page, and the owners edit
their place through the real edit form (GET the form, POST it back with its version). At
RESTART_AT seconds LOADTEST_RESTART (pg_ctlcluster … restart) is run; the restart window runs
from that moment until a probe gets a database answer again. Every request is recorded with
its start, end and status; bench/loadtest/check.py checks the edits against the database and
writes the report. Standard library only; loopback only.
"""

import http.client
import json
import os
import random
import shlex
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

HOST, PORT = "127.0.0.1", int(os.environ.get("LOADTEST_PORT", "8766"))
SECONDS = float(os.environ.get("LOADTEST_SECONDS", "60"))
USERS = int(os.environ.get("LOADTEST_USERS", "20"))
RESTART_AT = float(os.environ.get("LOADTEST_RESTART_AT", "25"))
RESTART = os.environ.get("LOADTEST_RESTART", "")
THINK = (0.0, 0.5)  # seconds between two actions of one user
EDITED_FIELDS = ("description", "visitor_cost_note")
AMSTERDAM = (4.80, 52.32, 4.98, 52.41)  # west, south, east, north

started = time.monotonic()
records = []  # one dict per request; list.append is atomic
edits = []  # one dict per edit attempt


def now():
    return time.monotonic() - started


class Browser:
    """One user's cookies; a fresh loopback connection per request (no stale keep-alive)."""

    def __init__(self, user):
        self.user, self.cookies = user, {}

    def request(self, group, method, path, fields=None):
        body = urlencode(fields) if fields is not None else None
        headers = {"Connection": "close", "Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        record = {"group": group, "method": method, "path": path, "user": self.user, "t0": now()}
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            conn.close()
        except (OSError, http.client.HTTPException) as error:
            record.update(t1=now(), status=0, error=type(error).__name__)
            records.append(record)
            return 0, {}, b""
        record.update(t1=now(), status=response.status)
        if response.status == 503:
            record["retry_after"] = response.getheader("Retry-After")
        records.append(record)
        for header in response.msg.get_all("Set-Cookie") or []:
            name, _sep, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in header.lower() or value in ("", '""'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return response.status, response.msg, content


class Forms(HTMLParser):
    """The forms of a page, with the values a browser would post."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self.select, self.option, self.textarea = [], None, None, None
        self.feed(html)

    def field(self, name, value):
        if self.forms and name:
            self.forms[-1].append((name, value))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        kind = (a.get("type") or "text").lower()
        if tag == "form":
            self.forms.append([])
        elif tag == "input" and kind not in ("submit", "button", "image", "reset", "file"):
            if kind not in ("checkbox", "radio") or "checked" in a:
                self.field(a.get("name"), a.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select = {"name": a.get("name"), "multiple": "multiple" in a, "chosen": []}
            self.select["first"] = None
        elif tag == "option" and self.select is not None:
            value = a.get("value") or ""
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in a:
                self.select["chosen"].append(value)
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            if not chosen and not self.select["multiple"] and self.select["first"] is not None:
                chosen = [self.select["first"]]
            for value in chosen:
                self.field(self.select["name"], value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.field(name, value[1:] if value.startswith("\n") else value)  # as browsers do
            self.textarea = None

    def with_field(self, name):
        return next((form for form in self.forms if any(k == name for k, _v in form)), None)


def random_point(rng):
    west, south, east, north = AMSTERDAM
    return round(rng.uniform(south, north), 5), round(rng.uniform(west, east), 5)


def browse(browser, rng, slugs):
    """One anonymous-style action: what a visitor of the map and list does."""
    lat, lng = random_point(rng)
    actions = [
        (20, "map data", "/kaart.geojson?zoom=12&bbox=4.80,52.32,4.98,52.41"),
        (8, "map data", f"/kaart.geojson?zoom=15&bbox={lng - 0.01},{lat - 0.01},{lng},{lat}"),
        (12, "nearby page", f"/in-de-buurt/?lat={lat}&lng={lng}"),
        (13, "nearby API", f"/api/in-de-buurt.json?lat={lat}&lng={lng}&k=10"),
        (25, "place page", f"/plek/{rng.choice(slugs)}/"),
        (12, "list page", "/"),
        (5, "list page", "/?type=buurtkamer"),
    ]
    _weight, group, path = rng.choices(actions, weights=[a[0] for a in actions])[0]
    browser.request(group, "GET", path)


def log_in(browser, username, password):
    status, _h, page = browser.request("login", "GET", "/account/login/")
    form = Forms(page.decode()).with_field("username") if status == 200 else None
    if form is None:
        return False
    fields = [(k, v) for k, v in form if k not in ("username", "password")]
    fields += [("username", username), ("password", password)]
    status, _h, _b = browser.request("login", "POST", "/account/login/", fields)
    return status == 302


def edit(browser, rng, slug, number):
    """Open the edit form, change one field, post it back with the version it carried."""
    path = f"/plek/{slug}/bewerken/"
    status, _h, page = browser.request("edit form", "GET", path)
    if status != 200:
        return
    form = Forms(page.decode()).with_field("version")
    version = int(dict(form)["version"])
    field = rng.choice(EDITED_FIELDS)
    value = f"Belasting {browser.user} #{number} {time.time():.3f}"
    fields = [(k, v) for k, v in form if k != field] + [(field, value)]
    attempt = {"slug": slug, "field": field, "value": value, "version": version, "t0": now()}
    status, _h, _b = browser.request("edit save", "POST", path, fields)
    edits.append({**attempt, "t1": now(), "status": status, "user": browser.user})


def user(index, account, slugs, stop_at):
    rng = random.Random(index)  # noqa: S311 (load pattern, not security)
    browser = Browser(account["username"] if account else f"bezoeker-{index}")
    if account and not log_in(browser, account["username"], account["password"]):
        print(f"user {index}: login failed", file=sys.stderr)
    number = 0
    while now() < stop_at:
        if account and rng.random() < 0.4:
            number += 1
            edit(browser, rng, account["place"], number)
        else:
            browse(browser, rng, slugs)
        time.sleep(rng.uniform(*THINK))


def restart_database(window):
    """Restart PostgreSQL; the window ends when a probe gets a database answer again."""
    time.sleep(max(0, RESTART_AT - now()))
    window["start"] = now()
    command = subprocess.run(shlex.split(RESTART), capture_output=True, text=True)  # noqa: S603
    window["command_seconds"] = round(now() - window["start"], 2)
    window["command_status"] = command.returncode
    probe = Browser("probe")
    while now() < SECONDS + 30:
        status, _h, _b = probe.request("probe", "GET", "/api/in-de-buurt.json?lat=52.37&lng=4.9")
        if status == 200:
            break
        time.sleep(0.05)
    window["end"] = now()


def main():
    accounts = json.loads(Path(sys.argv[1]).read_text())
    owners, slugs = accounts["owners"], accounts["slugs"]
    threads = [
        threading.Thread(
            target=user, args=(n, owners[n] if n < len(owners) else None, slugs, SECONDS)
        )
        for n in range(USERS)
    ]
    window = {}
    if RESTART:
        threads.append(threading.Thread(target=restart_database, args=(window,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    config = {"seconds": SECONDS, "users": USERS, "owners": len(owners), "think_s": THINK}
    config.update(restart_at=RESTART_AT, restart_command=RESTART, edited_fields=EDITED_FIELDS)
    json.dump({"config": config, "window": window, "records": records, "edits": edits}, sys.stdout)


if __name__ == "__main__":
    main()
