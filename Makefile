# Council Solutions Hub: `make run` sets everything up and serves the site;
# `make test` sets up what is missing and runs every check and the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Both cores: pytest-django gives each worker its own test database; the 25 slowest
# tests are listed at the end, to keep CI short.
PYTEST_ARGS ?= -n auto --durations=25


.PHONY: run setup install assets migrate demo harvest test lint format check-django pytest mutation clean

run: setup demo ## Set up and serve the demo site at http://127.0.0.1:$(PORT)
	@echo "Serving the Council Solutions Hub at http://127.0.0.1:$(PORT)/"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

setup: install assets migrate

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: hub/static/hub/dist/hub.css

hub/static/hub/dist/hub.css: node_modules/.installed assets/build.mjs $(wildcard assets/scss/*.scss assets/scss/*/*.scss)
	npm run --silent build

migrate: install
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate ## Councils, demo organisations, the demo catalogue, then the admin's credentials
	PORT=$(PORT) $(BIN)/python manage.py setup_demo

harvest: migrate ## Harvest the seeded GitHub sources (set GITHUB_TOKEN; see the README)
	$(BIN)/python manage.py seed_harvest_sources
	$(BIN)/python manage.py harvest $(HARVEST_ARGS)

test: install assets check-django lint pytest ## Every check and the whole test suite

check-django:
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The browser tests' Chromium: CHROMIUM, Debian's chromium, or Playwright's download
# (tests/browser/chromium.py); without one, one line says how to install it.
pytest:
	@chromium="$$($(BIN)/python -m tests.browser.chromium)" || exit 1; \
	echo "CHROMIUM=$$chromium $(BIN)/pytest $(PYTEST_ARGS)"; \
	CHROMIUM="$$chromium" $(BIN)/pytest $(PYTEST_ARGS)

# On demand only (not in `make test` or CI): mutmut over the services and permissions
# modules named in pyproject's [tool.mutmut]; results are kept in mutants/ and a rerun
# tests only what changed. `make mutation MUTANTS='hub.services.*'` reruns those mutants.
mutation: install ## Mutation testing of the services and permissions modules (docs/mutation.md)
	$(BIN)/python bench/mutation.py $(MUTANTS)

clean:
	rm -rf $(VENV) node_modules hub/static/hub/dist staticfiles mutants
