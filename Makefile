# Ghișeul — `make run` serves the portal on the embedded defaults, `make test` proves it works.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-prerequisites lint check install frontend messages compilemessages migrate demo worker beat clean bench

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

portal/static/portal/dist/.built: frontend/package.json frontend/package-lock.json $(wildcard frontend/scss/*.scss)
	cd frontend && npm install --no-audit --no-fund && npm run build
	touch $@

frontend: portal/static/portal/dist/.built

compilemessages: install
	$(PY) manage.py compilemessages --ignore ".venv" --ignore "node_modules" -v 0

# allauth's account and two-factor pages are ours to word (GLOSSARY.md): their msgids join our catalogue, where our
# translation takes precedence over allauth's own.
messages: install
	rm -rf msgid-sources && mkdir -p msgid-sources
	cd "$$($(PY) -c 'import allauth, pathlib; print(pathlib.Path(allauth.__file__).parent)')" && \
	  cp -r --parents templates/account templates/mfa account/forms.py account/fields.py account/adapter.py mfa/adapter.py \
	    mfa/base/forms.py mfa/totp/forms.py mfa/recovery_codes/forms.py "$(CURDIR)/msgid-sources/"
	for lang in ro hu en; do \
	  $(PY) manage.py makemessages -l $$lang --ignore ".venv/*" --ignore "frontend/*" --ignore "var/*" \
	    --no-obsolete -v 0; \
	done
	rm -rf msgid-sources

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo_data

# DEBUG is off unless DEBUG=true is given (make run DEBUG=true): the portal's own error pages, static files served by
# WhiteNoise from the finders, as in production.
run: install frontend compilemessages demo
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

check: install
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

# The suite's system packages (Debian): redis-server for the broker round trip (tests/portal/test_celery_broker.py
# starts its own on a free port) and chromium for the browser journeys. Installed when root or password-less sudo
# can; otherwise `make test` stops at once with the command to run.
TEST_PACKAGES_COMMAND = apt-get install -y --no-install-recommends

test-prerequisites:
	@missing=""; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; \
	  else sudo="cannot"; fi; \
	  if [ "$$sudo" != cannot ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make test: installing$$missing"; \
	    $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive $(TEST_PACKAGES_COMMAND) -qq $$missing; \
	  else \
	    echo "make test needs$$missing. Run:  sudo $(TEST_PACKAGES_COMMAND)$$missing" >&2; exit 1; \
	  fi; \
	fi

# The suite runs in two processes (pytest-xdist), each with its own test database; PYTEST_WORKERS=0 runs it in one.
PYTEST_WORKERS ?= 2

test: test-prerequisites install frontend compilemessages lint check
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS)

# Benchmarks against a real server on loopback, not part of `make test`: every scenario of bench/ (bench/__init__.py
# lists them; `$(PY) -m bench.upload_memory` runs one). PostgreSQL on loopback is started as .ci/run starts it.
# BENCH_SIZES=1000,100000 shortens bench.backoffice; BENCH_KEEP_DB=1 keeps its large database for the next run.
bench: install
	@if ! pg_isready -h 127.0.0.1 -p 5432 -q; then \
	  pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql)" main start; \
	  for _ in $$(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; \
	fi
	$(PY) -m bench

worker: install
	$(VENV)/bin/celery -A portal worker -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info

clean:
	rm -rf $(VENV) var portal/static/portal/dist frontend/node_modules
