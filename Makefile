# The two commands that matter: `make run` (the demo) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Embedded default for local use; production sets DEBUG=0 with SECRET_KEY, ALLOWED_HOSTS
# and SITE_URL.
export DEBUG ?= 1

.PHONY: run test test-processes worker install install-dev lint format check-deploy govuk-frontend axe-core bench clean

# When $(PYTHON) has pip 22.3 or newer, that pip installs into the venv (`--python`) and the venv
# gets no pip of its own: making one installs and byte-compiles pip and setuptools, which took 15 s
# of a first `make run` on a busy machine. Without it, the venv's own pip does the work.
HOST_PIP := $(shell $(PYTHON) -c "import sys, pip; sys.exit(tuple(map(int, pip.__version__.split('.')[:2])) < (22, 3))" 2>/dev/null && echo yes)
PIP := $(if $(HOST_PIP),$(PYTHON) -m pip --python $(BIN)/python,$(BIN)/python -m pip)

$(BIN)/python:
	$(PYTHON) -m venv $(if $(HOST_PIP),--without-pip) $(VENV)

# What the demo needs, and nothing else: the runtime dependencies of pyproject.toml. The code runs
# from the checkout, so the project itself is not built; and pip does not byte-compile every
# installed module up front (Python compiles what the demo imports, as it imports it). Together
# that halves a newcomer's first `make run` (README).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python scripts/requirements.py > $(VENV)/requirements.txt
	$(PIP) install --quiet --no-compile -r $(VENV)/requirements.txt
	touch $@

# The tools, one extra and one stamp each (see pyproject.toml), so that `make run` after
# `make test` installs nothing again, and `make test` after `make run` adds only the test tools.
$(VENV)/.installed-%: $(VENV)/.installed
	$(BIN)/python scripts/requirements.py $* > $(VENV)/requirements-$*.txt
	$(PIP) install --quiet --no-compile -r $(VENV)/requirements-$*.txt
	touch $@

install: $(VENV)/.installed

# Everything CI and an editor need: the test, lint and benchmark tools.
install-dev: $(VENV)/.installed-test $(VENV)/.installed-lint $(VENV)/.installed-bench

# Fresh machine to a running demo on http://127.0.0.1:8000. With REDIS_URL set, a Celery
# worker runs beside the web server and stops with it.
run: install
	@# Migrate (with the system checks) and load the demo in one process: every start of Django
	@# costs seconds on a busy machine. runserver then skips the checks that already ran.
	$(BIN)/python manage.py shell --no-imports -c "from django.core.management import call_command; \
		call_command('migrate', interactive=False, skip_checks=False); call_command('seed_demo')"
	@if [ -n "$$REDIS_URL" ]; then \
		$(BIN)/celery -A integrated_inspections worker --beat --loglevel=info & \
		worker=$$!; trap "kill $$worker" EXIT INT TERM; \
		$(BIN)/python manage.py runserver --skip-checks 127.0.0.1:8000; \
	else \
		$(BIN)/python manage.py runserver --skip-checks 127.0.0.1:8000; \
	fi

# The whole suite on every core (pytest-xdist): each worker has its own test database, and
# every test that queues tasks does so on a queue of its own, so workers never share state.
# A module's tests stay on one worker (its module fixtures are made once). TEST_WORKERS=0 runs
# everything in one process.
TEST_WORKERS ?= auto
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# Two web servers (gunicorn, two ports) and Celery workers over one PostgreSQL, one Redis and a
# SeaweedFS object store, a worker killed mid-render (tests/integrated_inspections/
# test_several_processes.py). Needs DATABASE_URL and REDIS_URL, as `make test` does in CI.
test-processes: $(VENV)/.installed-test
	$(BIN)/python -m pytest -p no:cacheprovider tests/integrated_inspections/test_several_processes.py

worker: install
	$(BIN)/celery -A integrated_inspections worker --beat --loglevel=info

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-lint
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the committed GOV.UK Frontend build from npm (version pinned in the script).
govuk-frontend:
	bash scripts/refresh_govuk_frontend.sh

# Refresh the axe-core that the browser tests inject into every page (version pinned here).
AXE_CORE_VERSION := 4.14.1
axe-core:
	bash tests/browser/vendor/refresh_axe_core.sh $(AXE_CORE_VERSION)

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
