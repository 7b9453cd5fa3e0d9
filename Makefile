# Resultat: the two commands of the README, and a few helpers.
#   make run   – environment, SQLite, the Västerbotten example, http://127.0.0.1:8000
#   make test  – the whole test suite (SQLite, PostgreSQL, browser)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := RESULTAT_DEV=1 DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test env setup test-sqlite test-postgres lint audit lock messages clean

env: $(VENV)/.installed

# uv with the committed lock; without uv, pip installs the same pinned versions
# from requirements/dev.txt (exported from uv.lock by `make lock`).
$(VENV)/.installed: pyproject.toml uv.lock requirements/dev.txt
	@if command -v uv >/dev/null 2>&1; then \
		echo "Skapar miljön med uv (uv.lock)"; \
		uv sync --frozen --python $(PYTHON); \
	else \
		echo "uv saknas: skapar miljön med pip (requirements/dev.txt)"; \
		$(PYTHON) -m venv $(VENV) || { echo "Kunde inte skapa venv. På Debian: apt-get install python3-venv"; exit 1; }; \
		$(BIN)/pip install --quiet --upgrade pip; \
		$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt; \
		$(BIN)/pip install --quiet --no-deps --no-build-isolation -e . 2>/dev/null || $(BIN)/pip install --quiet --no-deps -e .; \
	fi
	@touch $@

setup: env
	$(DEV_ENV) $(BIN)/resultat migrate --noinput
	$(DEV_ENV) $(BIN)/resultat demo setup

run: setup
	@echo "Resultat körs på http://$(HOST):$(PORT)/ (avsluta med Ctrl-C)"
	$(DEV_ENV) $(BIN)/resultat runserver $(HOST):$(PORT)

# Lint (ruff), then SQLite (everything, browser tests included), then every
# database test again on PostgreSQL (the server in RESULTAT_TEST_POSTGRES_URL, or a
# throwaway cluster the test plugin starts from Debian's binaries).
# Every step always runs; the target fails if any failed. Each pass runs on every
# core (pytest-xdist, JOBS=auto; JOBS=0 runs in one process). Extra pytest arguments:
# make test PYTEST_ARGS="-x -k strategy"
PYTEST_ARGS ?=
JOBS ?= auto
XDIST := -n $(JOBS) --dist loadfile
test: env
	@status=0; \
	echo "== Lint: ruff"; \
	$(BIN)/ruff check resultat tests bench || status=1; \
	echo "== Pass 1/2: SQLite (allt, webbläsartester också)"; \
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS) || status=1; \
	echo "== Pass 2/2: PostgreSQL (databastesterna)"; \
	RESULTAT_TEST_DB=postgres $(BIN)/python -m pytest $(XDIST) -m "not browser" $(PYTEST_ARGS) || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: minst ett steg misslyckades"; fi; \
	exit $$status

test-sqlite: env
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

test-postgres: env
	RESULTAT_TEST_DB=postgres $(BIN)/python -m pytest $(XDIST) -m "not browser" $(PYTEST_ARGS)

lint: env
	$(BIN)/ruff check resultat tests bench

# The one check that needs the network (PyPI's JSON API): pip-audit over
# requirements/prod.txt. Marked `live`, so make test never runs it.
audit: env
	$(BIN)/python -m pytest -m live tests/security/test_pip_audit.py -p no:cacheprovider -q

lock:
	uv lock
	uv export --frozen --all-groups --no-emit-project --format requirements-txt -o requirements/dev.txt --quiet
	uv export --frozen --no-dev --no-emit-project --format requirements-txt -o requirements/prod.txt --quiet

# The English catalogue. makemessages also extracts the core's N_("…") msgids
# (resultat/core/i18n.py: the core has no Django, so it marks its texts and the Django
# side translates them); Django's command has no option for an extra keyword, hence
# the subclass. See docs/i18n.md.
MAKEMESSAGES := import django; django.setup(); \
	from django.core.management import call_command; \
	from django.core.management.commands import makemessages as m; \
	Command = type("Command", (m.Command,), {"xgettext_options": m.Command.xgettext_options + ["--keyword=N_"]}); \
	call_command(Command(), locale=["en"])
messages: env
	cd resultat && DJANGO_SETTINGS_MODULE=resultat.config.settings $(DEV_ENV) ../$(BIN)/python -c '$(MAKEMESSAGES)'
	cd resultat && DJANGO_SETTINGS_MODULE=resultat.config.settings $(DEV_ENV) ../$(BIN)/python -m django compilemessages -l en
	@msgfmt --statistics -o /dev/null resultat/locale/en/LC_MESSAGES/django.po

clean:
	rm -rf $(VENV) var .pytest_cache
