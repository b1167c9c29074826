# The two commands of the project: `make book` builds the book, `make test` runs every test.
# Both set up everything they need on a fresh machine with Python 3 (and, for the browser tests,
# Debian's chromium, installed with apt-get, and axe-core, installed with npm).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BOOK_FLAGS := -n -W --keep-going
# pytest on every core (pytest-xdist). --dist loadfile keeps a file's tests on one worker: the
# cells of a notebook share one kernel under nbval, and a module's fixtures (the builds of
# tests/build/test_freshness.py) run once.
XDIST := -n auto --dist loadfile
# apt-get needs root: use sudo only when not already root (CI runs as root).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install freeze book test unit nbval browser browser-deps execute check export lint format benchmark clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3" > /dev/null
	touch $(STAMP)

## freeze: rewrite requirements.txt from what .venv holds (after a deliberate upgrade)
freeze: install
	{ echo "# Pinned, full dependency set (pip freeze). Regenerate with: make freeze"; \
	  $(BIN)/pip freeze --exclude-editable; echo "-e ."; } > requirements.txt

## book: build the HTML book into _build/html (warnings are errors)
book: install
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)

## test: lint, then two pytest sessions at once: the unit, build and strict nbval tests on every
## core, and the rendered book in Chromium (tests/browser has its own conftest; it mostly waits
## for pages, so it runs beside the other session instead of after it; its report follows).
## Fails if either fails.
test: install lint browser-deps book
	@mkdir -p artifacts
	@$(BIN)/pytest tests/browser -p no:cacheprovider $(PYTEST_ARGS) > artifacts/browser-tests.log 2>&1 & web=$$!; \
	$(BIN)/pytest $(XDIST) --nbval tests book --ignore=tests/browser -p no:cacheprovider $(PYTEST_ARGS); unit=$$?; \
	wait $$web; browser=$$?; \
	echo "=== the browser tests (tests/browser), run alongside: artifacts/browser-tests.log ==="; \
	cat artifacts/browser-tests.log; \
	exit $$(( unit != 0 || browser != 0 ))

## unit: the unit, bad-input and build tests (warnings are errors; the browser tests run
## separately). Builds the book first: the determinism tests compare with its tables.
unit: install book
	$(BIN)/pytest $(XDIST) --ignore=tests/browser -p no:cacheprovider

## nbval: re-run every notebook and compare with its stored outputs (strict, not --nbval-lax)
nbval: install
	$(BIN)/pytest $(XDIST) --nbval book/ -p no:cacheprovider

## browser: open the built book in headless Chromium (tests/browser/)
browser: install browser-deps book
	$(BIN)/pytest tests/browser -p no:cacheprovider

## browser-deps: Debian's chromium, and axe-core (pinned in package.json/package-lock.json) with npm
browser-deps: node_modules/.installed
	@command -v chromium > /dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null; }

node_modules/.installed: package.json package-lock.json
	@command -v npm > /dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm > /dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## execute: re-execute every notebook in place (after changing data/ or src/crisis/)
execute: install
	$(BIN)/python -m crisis.build.notebooks

check: install
	$(BIN)/python -m crisis check

export: install
	$(BIN)/python -m crisis export artifacts/derived

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

benchmark: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build book/_generated artifacts .pytest_cache
