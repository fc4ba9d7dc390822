"""HTTP benchmark against a running gunicorn on 127.0.0.1 (started by `make bench`).

Every endpoint is measured at 1 and 4 concurrent clients with a bounded number of requests,
next to baselines from the same run: B0 the framework floor (/healthz), B1 the same bytes as a
static file. Loopback only. Prints JSON; bench/report.py turns the figures into a table.
"""

import gzip
import http.client
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HOST, PORT = "127.0.0.1", int(os.environ.get("BENCH_PORT", "8765"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "var/static"))


def log_in(username):
    """A session cookie for the account (password BENCH_PASSWORD), as a Cookie header."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", "/account/login/")
    response = conn.getresponse()
    page = response.read().decode()
    cookies = dict(c.split(";")[0].split("=", 1) for c in response.msg.get_all("Set-Cookie"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": os.environ["BENCH_PASSWORD"],
        }
    )
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    conn.request("POST", "/account/login/", form, headers)
    response = conn.getresponse()
    response.read()
    if response.status != 302:
        raise SystemExit(f"bench: logging in as {username} failed ({response.status})")
    cookies.update(c.split(";")[0].split("=", 1) for c in response.msg.get_all("Set-Cookie"))
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def fetch(path, headers=None, connection=None):
    conn = connection or http.client.HTTPConnection(HOST, PORT, timeout=30)
    start = time.perf_counter()
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return response.status, dict(response.getheaders()), body, elapsed, conn


def percentile(values, share):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def load(path, clients, total, headers=None):
    """`total` requests spread over `clients` keep-alive connections."""
    times, errors, lock = [], [], threading.Lock()
    per_client = max(1, total // clients)

    def worker():
        conn = None
        for _ in range(per_client):
            try:
                status, _h, _b, ms, conn = fetch(path, headers, conn)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(str(error))
                conn = None
                continue
            with lock:
                (times if status < 500 else errors).append(ms)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(times),
        "errors": len(errors),
        "p50_ms": percentile(times, 0.50) if times else None,
        "p95_ms": percentile(times, 0.95) if times else None,
        "p99_ms": percentile(times, 0.99) if times else None,
        "req_per_s": round(len(times) / wall, 1),
    }


def measure(name, path, total=REQUESTS, session=None):
    session = session or {}
    # The machine may be shared: the load before measuring says how busy it was.
    load_before = round(os.getloadavg()[0], 2)
    status, headers, body, _ms, _c = fetch(path, {"Accept-Encoding": "identity", **session})
    etag = headers.get("ETag")
    revalidated = None
    if etag:
        times = [fetch(path, {"If-None-Match": etag, **session})[3] for _ in range(50)]
        revalidated = round(statistics.median(times), 2)
    result = {
        "name": name,
        "path": path,
        "status": status,
        "bytes": len(body),
        "bytes_gzip": len(gzip.compress(body)),
        "revalidated_p50_ms": revalidated,
        "runs": [load(path, 1, total, session), load(path, 4, total, session)],
        "load_1min": load_before,
    }
    print(f"  {name}: p50 {result['runs'][0]['p50_ms']} ms", file=sys.stderr)
    return result


def static_copy(name, path):
    """B1: the same bytes as a static file, served by whitenoise from the same server."""
    _s, _h, body, _ms, _c = fetch(path, {"Accept-Encoding": "identity"})
    target = STATIC_ROOT / "bench" / f"{name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)


def worker_rss():
    """Resident memory of each gunicorn worker, in MB."""
    sizes = []
    for pid in os.environ.get("BENCH_WORKER_PIDS", "").split():
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def slug(name):
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def main():
    """`prepare ENDPOINTS`: write B1 copies; `measure ENDPOINTS`: measure everything. An
    endpoint is [name, path] or [name, path, account]: then measured logged in, without B1."""
    command, endpoints = sys.argv[1], json.loads(sys.argv[2])
    if command == "prepare":
        for name, path, *_account in endpoints:
            if not _account:
                static_copy(slug(name), path)
        return
    results = [measure("B0 framework floor (/healthz)", "/healthz")]
    for name, path, *account in endpoints:
        session = log_in(account[0]) if account else {}
        first = fetch(path, session)[3]
        results.append({**measure(name, path, session=session), "first_ms": round(first, 2)})
        copy = f"/static/bench/{slug(name)}.json"
        if not account and fetch(copy)[0] == 200:
            results.append(measure(f"B1 same bytes as a static file: {name}", copy))
    print(json.dumps({"results": results, "worker_rss_mb": worker_rss()}, indent=1))


if __name__ == "__main__":
    main()
