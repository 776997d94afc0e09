# The two commands that matter: `make run` (the demo) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Embedded default for local use; production sets DEBUG=0 with SECRET_KEY and ALLOWED_HOSTS.
export DEBUG ?= 1

.PHONY: run test worker install lint format check-deploy govuk-frontend axe-core bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Fresh machine to a running demo on http://127.0.0.1:8000. With REDIS_URL set, a Celery
# worker runs beside the web server and stops with it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		$(BIN)/celery -A integrated_inspections worker --beat --loglevel=info & \
		worker=$$!; trap "kill $$worker" EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000; \
	else \
		$(BIN)/python manage.py runserver 127.0.0.1:8000; \
	fi

test: install
	$(BIN)/python -m pytest

worker: install
	$(BIN)/celery -A integrated_inspections worker --beat --loglevel=info

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the committed GOV.UK Frontend build from npm (version pinned in the script).
govuk-frontend:
	bash scripts/refresh_govuk_frontend.sh

# Refresh the axe-core that the browser tests inject into every page (version pinned here).
AXE_CORE_VERSION := 4.14.1
axe-core:
	bash tests/browser/vendor/refresh_axe_core.sh $(AXE_CORE_VERSION)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
