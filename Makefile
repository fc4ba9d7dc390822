# Ontmoeting: `make run` serves the app with the Amsterdam demo data; `make test` runs the suite.
# Every target installs what it needs and is safe to run again.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
PY          := $(VENV)/bin/python
MANAGE      := $(PY) manage.py
VAR         := var
SUDO        := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
HOST        ?= 127.0.0.1
PORT        ?= 8000
PG_URL      ?= postgis://postgres@127.0.0.1:5432/ontmoeting
SECRET_FILE := $(VAR)/secret_key
DEMO_STAMP  := $(VAR)/.demo-data-loaded

RUN_PACKAGES  := gdal-bin libsqlite3-mod-spatialite gettext python3-venv
TEST_PACKAGES := $(RUN_PACKAGES) postgresql postgresql-15-postgis-3 chromium fonts-dejavu-core

.PHONY: help run serve setup bench loadtest backup restore test test-postgis test-spatialite lint \
        audit format check clean system-packages test-system-packages venv postgres messages \
        demo-data demo-accounts

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: setup ## Set everything up and serve http://127.0.0.1:8000 with the Amsterdam demo data
	@echo "Ontmoeting: http://$(HOST):$(PORT)/  (Ctrl-C stops)"
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(VENV)/bin/gunicorn ontmoeting.wsgi \
	    --bind $(HOST):$(PORT) --workers 2 --threads 2 \
	    --control-socket $(VAR)/gunicorn.ctl

setup: system-packages venv $(SECRET_FILE) messages ## Install, migrate, load demo data and accounts
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) migrate --noinput
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) collectstatic --noinput -v 0
	@$(MAKE) --no-print-directory demo-data demo-accounts

demo-data: $(DEMO_STAMP) ## Import the Amsterdam areas and places (once; again when the files change)

$(DEMO_STAMP): data/areas-amsterdam-2024.geojson data/places-amsterdam.geojson
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) import_areas data/areas-amsterdam-2024.geojson --commit
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) import_places data/places-amsterdam.geojson --commit
	SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) generate_demo_answers --commit
	touch $@

demo-accounts: ## Create the demo accounts (passwords are printed once, when created)
	@SECRET_KEY="$$(cat $(SECRET_FILE))" $(MANAGE) create_demo_accounts --password-file $(VAR)/demo-accounts.txt

$(SECRET_FILE):
	@mkdir -p $(VAR)
	@umask 077 && /usr/bin/env python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

messages: venv ## Compile the translations
	@DEBUG=1 $(MANAGE) compilemessages -v 0 --ignore=.venv

test: test-system-packages venv postgres messages lint audit ## Run the whole suite on PostGIS, then the database tests on SpatiaLite
	@$(MAKE) --no-print-directory test-postgis test-spatialite

test-postgis: ## The whole suite on PostGIS (browser tests included)
	DATABASE_URL=$(PG_URL) DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -p no:cacheprovider

test-spatialite: ## The database tests again on SpatiaLite
	DATABASE_URL= $(PY) -m pytest -p no:cacheprovider -m "not browser"

bench: test-system-packages venv postgres messages ## Benchmarks: S, M and 1M synthetic places on PostGIS (docs/benchmarks.md)
	bash bench/run.sh

loadtest: test-system-packages venv postgres messages ## Load run: 20 users, 60 s, PostGIS restarted halfway (docs/loadtest.md)
	bash bench/loadtest.sh

backup: venv ## Back up the database (DATABASE_URL, or the SpatiaLite file) into var/backups/
	$(PY) scripts/backup.py backup

restore: venv ## Restore a backup into a new database: make restore FILE=var/backups/… [TO=name]
	$(PY) scripts/backup.py restore "$(FILE)" $(if $(TO),--to "$(TO)")

lint: venv ## ruff and the migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run

audit: venv ## pip-audit on uv.lock: fails on a known vulnerability (README, "Dependency audit")
	$(PY) scripts/audit.py

format: venv ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

system-packages: ## apt packages the app needs (GDAL, SpatiaLite, gettext)
	@bash scripts/apt-ensure.sh $(RUN_PACKAGES)

test-system-packages: ## apt packages the tests need as well (PostGIS, Chromium)
	@bash scripts/apt-ensure.sh $(TEST_PACKAGES)

venv: $(VENV)/.synced ## The virtualenv, from uv.lock, on a Python whose sqlite3 loads extensions

$(VENV)/.synced: pyproject.toml uv.lock scripts/venv.sh
	@bash scripts/venv.sh $(VENV)
	@touch $@

postgres: ## Make sure PostgreSQL answers on 127.0.0.1:5432 and has PostGIS
	@bash scripts/postgres-ensure.sh

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) $(VAR)
