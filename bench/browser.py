"""Time until the home map shows its markers, in headless Chromium (Debian's)."""

import json
import os
import statistics
import sys
import time

from playwright.sync_api import sync_playwright

PORT = int(os.environ.get("BENCH_PORT", "8765"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def main(label, runs=5):
    url = f"http://127.0.0.1:{PORT}/"
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(runs):
            context = browser.new_context()
            # Tiles come from the internet in production; here they are answered at once.
            context.route(
                "**/*",
                lambda r: r.continue_() if r.request.url.startswith(url) else r.fulfill(status=204),
            )
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("#places-map[data-loaded]", timeout=30_000)
            page.locator(".leaflet-marker-icon").first.wait_for(timeout=30_000)
            times.append((time.perf_counter() - start) * 1000)
            context.close()
        browser.close()
    print(
        json.dumps(
            {
                "set": label,
                "runs": runs,
                "median_ms": round(statistics.median(times)),
                "max_ms": round(max(times)),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
