# Palu IKM — the two commands: `make run` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test lint format check messages assets clean bench

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

run: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=true $(PY) manage.py seed_demo
	DJANGO_DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(PY) -m pytest -n auto --dist worksteal $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py check
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# Rebuild the translation catalogues (needs GNU gettext).
messages: $(STAMP)
	DJANGO_DEBUG=true $(PY) manage.py makemessages -l en --no-obsolete -i ".venv/*" -i "node_modules/*"
	DJANGO_DEBUG=true $(PY) manage.py makemessages -d djangojs -l en --no-obsolete -i ".venv/*" -i "node_modules/*" -i "static/vendor/*"
	DJANGO_DEBUG=true $(PY) manage.py compilemessages -i ".venv"

# Refresh the vendored front-end assets from the npm registry (versions pinned in package.json).
assets:
	npm ci --no-audit --no-fund
	rm -rf static/vendor && mkdir -p static/vendor/bootstrap static/vendor/bootstrap-icons static/vendor/chartjs
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map static/vendor/bootstrap/
	cp node_modules/bootstrap/LICENSE static/vendor/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/LICENSE static/vendor/bootstrap-icons/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map node_modules/chart.js/LICENSE.md static/vendor/chartjs/

# Load test against gunicorn (docs/PERFORMANCE.md). A fresh database per size, e.g.
#   createdb -h 127.0.0.1 -U postgres palu_bench
#   make bench BENCH_DB=postgres://postgres@127.0.0.1:5432/palu_bench BENCH_SALES=1000000
# Without BENCH_DB: SQLite in benchmarks/results/bench.sqlite3.
BENCH_SALES ?= 100000
BENCH_REQUESTS ?= 30
bench: $(STAMP)
	$(PY) -m benchmarks.run --sales $(BENCH_SALES) --requests $(BENCH_REQUESTS) $(if $(BENCH_DB),--db $(BENCH_DB))

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
