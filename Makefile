# prongsai: `make run` serves the demo, `make test` runs every quality gate.
# Both bootstrap .venv themselves and install the few Debian packages they need.

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3
# Fonts and Thai dictionary for the PDF memos (run and test); Chromium and poppler for tests.
APT_RUN := fonts-tlwg-laksaman-ttf fonts-dejavu-core libthai-data
APT_TEST := $(APT_RUN) chromium poppler-utils

export PIP_DISABLE_PIP_VERSION_CHECK := 1
TEST_ENV := PRONGSAI_VAR_DIR=$(CURDIR)/var/test

.PHONY: run test lint imports typecheck migrations test-sqlite test-postgres bench clean os-deps-run os-deps-test venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

os-deps-run:
	@scripts/apt-ensure $(APT_RUN)

os-deps-test:
	@scripts/apt-ensure $(APT_TEST)

# The production server (`prongsai serve`, gunicorn) on SQLite; DEBUG only for the
# development SECRET_KEY and plain HTTP.
run: os-deps-run $(STAMP)
	DEBUG=true $(BIN)/prongsai demo
	DEBUG=true scripts/worker-beside $$PPID $(BIN)/prongsai &
	DEBUG=true $(BIN)/prongsai serve --bind 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The package layering, the Django-free core and no cycles (contracts in pyproject.toml).
imports: $(STAMP)
	$(BIN)/lint-imports

# Needs nothing exported: the django-stubs plugin loads tests.settings, which has defaults.
typecheck: $(STAMP)
	$(BIN)/mypy

migrations: $(STAMP)
	DEBUG=true $(TEST_ENV) $(BIN)/prongsai makemigrations --check --dry-run

# Branch coverage of the SQLite run, printed (files fully covered are left out); no floor.
test-sqlite: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest --cov --cov-report=term-missing:skip-covered

test-postgres: $(STAMP)
	$(TEST_ENV) scripts/with-postgres $(BIN)/pytest -m "not browser"

test: os-deps-test $(STAMP) lint typecheck imports migrations
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

bench: $(STAMP)
	for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
