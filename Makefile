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
# PostgreSQL for the tests: PG_PORT picks the server (make postgres starts or creates a local
# cluster there when nothing answers; make fresh-check uses 5433 beside this machine's 5432).
PG_PORT     ?= 5432
# The tests' database URL, read by the shell when used: PG_URL when given, else the one make
# postgres verified and saved (it may hold a generated password, so make never prints it),
# else password-less as postgres.
PG_URL_SH    = $${PG_URL:-$$(cat $(VAR)/postgres-$(PG_PORT).url 2>/dev/null || echo postgis://postgres@127.0.0.1:$(PG_PORT)/ontmoeting)}
SECRET_FILE := $(VAR)/secret_key
AUDIT_FILE  := $(VAR)/audit.log
DEMO_STAMP  := $(VAR)/.demo-data-loaded
DEMO_DETAILS_STAMP := $(VAR)/.demo-details-added
POPULATION_STAMP := $(VAR)/.population-loaded
# What make run's Django commands get: the secret, and the audit trail in a file of its own
# (README, Configuration: AUDIT_LOG_FILE), so the terminal shows no JSON lines.
RUN_ENV      = SECRET_KEY="$$(cat $(SECRET_FILE))" AUDIT_LOG_FILE=$(AUDIT_FILE)
# A set-up step: shows the command, and when it fails says in one line what to do (the advice).
STEP        := bash scripts/step.sh
IMPORT_ADVICE := a failed import changes nothing: fix what it says above and run make run again

RUN_PACKAGES  := gdal-bin libsqlite3-mod-spatialite gettext python3-venv
# libatomic1: Playwright's driver (its bundled node) needs it and Chromium does not pull it in.
TEST_PACKAGES := $(RUN_PACKAGES) postgresql postgresql-15-postgis-3 chromium fonts-dejavu-core libatomic1

.PHONY: help run setup bench loadtest backup restore test test-postgis test-spatialite lint \
        audit format clean system-packages test-system-packages venv postgres messages \
        demo-data demo-accounts demo-details browser-check fresh-check oracle screenshots \
        oidc-provider

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

run: setup ## Set everything up and serve http://127.0.0.1:8000 with the Amsterdam demo data
	@echo "Ontmoeting: http://$(HOST):$(PORT)/  (Ctrl-C stops; the audit trail goes to $(AUDIT_FILE))"
	@$(RUN_ENV) $(STEP) "if $(HOST):$(PORT) is taken, use make run PORT=<another>" \
	    $(VENV)/bin/gunicorn ontmoeting.wsgi -c gunicorn.conf.py \
	    --bind $(HOST):$(PORT) --workers 2 --threads 2 --control-socket $(VAR)/gunicorn.ctl

setup: system-packages venv $(SECRET_FILE) $(AUDIT_FILE) messages ## Install, migrate, load demo data and accounts
	@$(RUN_ENV) $(STEP) "fix what it says above, or start over with an empty database: rm $(VAR)/ontmoeting.sqlite3" \
	    $(MANAGE) migrate --noinput
	@$(RUN_ENV) $(STEP) "fix what it says above (is $(VAR)/ writable?)" $(MANAGE) collectstatic --noinput -v 0
	@$(MAKE) --no-print-directory demo-data demo-accounts demo-details

demo-data: $(DEMO_STAMP) $(POPULATION_STAMP) ## Import the Amsterdam areas, places and inhabitants (once; again when the files change)

$(DEMO_STAMP): data/areas-amsterdam-2024.geojson data/places-amsterdam.geojson
	@$(RUN_ENV) $(STEP) "$(IMPORT_ADVICE)" $(MANAGE) import_areas data/areas-amsterdam-2024.geojson --commit
	@$(RUN_ENV) $(STEP) "$(IMPORT_ADVICE)" $(MANAGE) import_places data/places-amsterdam.geojson --commit
	@$(RUN_ENV) $(STEP) "$(IMPORT_ADVICE)" $(MANAGE) generate_demo_answers --commit
	@touch $@

# CBS inhabitants per area (data/PROVENANCE.md, section 6); after the areas they belong to.
$(POPULATION_STAMP): data/population-amsterdam-2024.csv $(DEMO_STAMP)
	@$(RUN_ENV) $(STEP) "$(IMPORT_ADVICE)" $(MANAGE) import_population data/population-amsterdam-2024.csv --commit
	@touch $@

# After the accounts: the demo wijkteam logs contact moments. Once; again after a re-import.
demo-details: $(DEMO_DETAILS_STAMP) ## Fill the places' empty details with example data, marked as demo

$(DEMO_DETAILS_STAMP): $(DEMO_STAMP)
	@$(RUN_ENV) $(STEP) "$(IMPORT_ADVICE)" $(MANAGE) generate_demo_details --commit
	@touch $@

demo-accounts: ## Create the demo accounts (passwords are printed once, when created)
	@$(RUN_ENV) $(MANAGE) create_demo_accounts --password-file $(VAR)/demo-accounts.txt \
	  || { echo "make: creating the demo accounts failed: fix what it says above and run make run again." >&2; exit 1; }

# coreutils only: this may run before any Python is installed.
$(SECRET_FILE):
	@mkdir -p $(VAR)
	@umask 077 && head -c 48 /dev/urandom | base64 -w0 | tr '+/' '-_' > $@

# The audit trail of make run: readable by its owner only (it names accounts and addresses).
$(AUDIT_FILE):
	@mkdir -p $(VAR)
	@install -m 600 /dev/null $@

messages: venv ## Compile the translations
	@DEBUG=1 $(MANAGE) compilemessages -v 0 --ignore=.venv --ignore=var \
	  || { echo "make: compiling the translations failed: msgfmt comes with apt-get install gettext (make system-packages)." >&2; exit 1; }

test: test-system-packages venv postgres messages oracle oidc-provider lint audit ## Run the whole suite on PostGIS, then the database tests on SpatiaLite
	@$(MAKE) --no-print-directory test-postgis test-spatialite

test-postgis: browser-check ## The whole suite on PostGIS (browser tests included)
	@echo "pytest on PostGIS, 127.0.0.1:$(PG_PORT) (URL in $(VAR)/postgres-$(PG_PORT).url, or PG_URL)"
	@DATABASE_URL="$(PG_URL_SH)" DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -p no:cacheprovider

test-spatialite: ## The database tests again on SpatiaLite
	DATABASE_URL= $(PY) -m pytest -p no:cacheprovider -m "not browser"

screenshots: test-system-packages venv postgres messages browser-check ## The journeys at 390 and 1366 px, a picture per step, into var/screenshots/
	@rm -rf $(VAR)/screenshots
	@SCREENSHOTS_DIR=$(VAR)/screenshots DATABASE_URL="$(PG_URL_SH)" DJANGO_ALLOW_ASYNC_UNSAFE=true \
	    $(PY) -m pytest -p no:cacheprovider -q tests/browser/test_journey_*.py
	@ls $(VAR)/screenshots

bench: test-system-packages venv postgres messages ## Benchmarks: S, M and 1M synthetic places on PostGIS (docs/benchmarks.md)
	bash bench/run.sh

loadtest: test-system-packages venv postgres messages ## Load run: 20 users, 60 s, PostGIS restarted halfway (docs/loadtest.md)
	@PG_PORT=$(PG_PORT) PG_URL="$(PG_URL_SH)" bash bench/loadtest/run.sh

backup: venv ## Back up the database (DATABASE_URL, or the SpatiaLite file) into var/backups/
	$(PY) scripts/backup.py backup

restore: venv ## Restore a backup into a new database: make restore FILE=var/backups/… [TO=name]
	$(PY) scripts/backup.py restore "$(FILE)" $(if $(TO),--to "$(TO)")

lint: venv ## ruff, the dependency rules (import-linter), the migrations check, hadolint (Dockerfile) and publiccode.yml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/hadolint Dockerfile
	$(PY) scripts/check_publiccode.py

audit: venv ## pip-audit on uv.lock: fails on a known vulnerability (README, "Dependency audit")
	$(PY) scripts/audit.py

format: venv ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

system-packages: ## apt packages the app needs (GDAL, SpatiaLite, gettext)
	@bash scripts/apt-ensure.sh $(RUN_PACKAGES)

test-system-packages: ## apt packages the tests need as well (PostGIS, Chromium)
	@bash scripts/apt-ensure.sh $(TEST_PACKAGES)

oracle: tests/oracle/node_modules/.installed ## opening_hours.js, the OSM reference evaluator, for the opening-hours oracle test

tests/oracle/node_modules/.installed: tests/oracle/package.json tests/oracle/package-lock.json
	@command -v npm >/dev/null || bash scripts/apt-ensure.sh nodejs npm
	@cd tests/oracle && npm ci --no-audit --no-fund --loglevel=error \
	    || { echo "npm ci in tests/oracle failed: check that the npm registry answers, then run make test again" >&2; exit 1; }
	@touch $@

oidc-provider: tests/oidc/node_modules/.installed ## node's oidc-provider, the OpenID Connect provider the sign-in tests start

tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json
	@command -v npm >/dev/null || bash scripts/apt-ensure.sh nodejs npm
	@cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error \
	    || { echo "npm ci in tests/oidc failed: check that the npm registry answers, then run make test again" >&2; exit 1; }
	@touch $@

browser-check: venv ## Check that Playwright's driver and Chromium start (one line on what is missing)
	@bash scripts/browser-check.sh $(PY)

fresh-check: ## As root, ~20 min: the README's lines on a fresh Debian 12 (debootstrap); not in make test
	@bash scripts/fresh-check.sh

venv: $(VENV)/.synced ## The virtualenv, from uv.lock, on a Python whose sqlite3 loads extensions

$(VENV)/.synced: pyproject.toml uv.lock scripts/venv.sh
	@bash scripts/venv.sh $(VENV)
	@touch $@

postgres: test-system-packages ## Make sure PostgreSQL answers on 127.0.0.1:PG_PORT (5432) and has PostGIS
	@PG_PORT=$(PG_PORT) VAR_DIR=$(VAR) bash scripts/postgres-ensure.sh

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) $(VAR)
