# syntax=docker/dockerfile:1
# Ontmoeting's container image (README, "Container"). Not built in CI: no Docker engine runs
# there; `make lint` checks this file with hadolint and tests/operations check what it runs.

# --- uv, the installer that reads uv.lock ------------------------------------------------
FROM ghcr.io/astral-sh/uv:0.13.9 AS uv

# --- build: the virtualenv from uv.lock and the compiled translations -----------------------
FROM debian:bookworm-slim AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 gettext ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=uv /uv /usr/local/bin/uv
# Debian's Python 3.11 (its sqlite3 loads SpatiaLite), the same in the final stage; no Python
# downloaded by uv, no development tools (the dev group) in the image.
ENV UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --python /usr/bin/python3
COPY locale/ locale/
RUN for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check-format -o "${po%.po}.mo" "$po"; done

# --- the image: Python, the GDAL/GEOS/PROJ/SpatiaLite runtime libraries and the app -------
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3 libgdal32 libgeos-c1v5 libproj25 libsqlite3-mod-spatialite ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 1000 ontmoeting \
    && useradd --uid 1000 --gid 1000 --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin ontmoeting
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    GUNICORN_BIND=0.0.0.0:8000 \
    GUNICORN_WORKERS=2 \
    GUNICORN_THREADS=4 \
    GUNICORN_ACCESSLOG=-
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY . .
COPY --from=build /app/locale/ locale/
# Static files are collected into the image (owned by root: the app only reads them); the
# data folder VAR_DIR (SpatiaLite file, mail files, uploads) is the one place it writes.
RUN python manage.py collectstatic --noinput -v 0 \
    && mkdir -p var \
    && chown ontmoeting:ontmoeting var
USER 1000:1000
EXPOSE 8000
# Liveness only: the process answers. Orchestrators ask /_healthz/readyz before sending traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/_healthz/livez', timeout=4)"]
ENTRYPOINT ["docker/start.sh"]
