# Two commands for everything (see README.md):
#   make serve   install what is missing, then serve the site at
#                http://127.0.0.1:8000/course/ (the path of site_url)
#   make test    install what is missing, then run the whole test suite
# Extra pytest arguments: make test ARGS="-k padding"
.PHONY: serve test

VENV := .venv
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# The explorer's JavaScript tests run in Node.js >= 18: the one on PATH, or Debian's.
NODE := $(or $(shell command -v node),/usr/bin/node)
NPM := $(or $(shell command -v npm),/usr/bin/npm)
# axe-core (accessibility tests) and Biome (tests/repository/test_biome.py), pinned by package-lock.json.
AXE := node_modules/axe-core/axe.min.js
export NO_MKDOCS_2_WARNING := 1

# Everything the build reads, so that editing any of it rebuilds the served
# site: docs/ and mkdocs.yml (watched anyway), the snippets, the shape model,
# the course package (plugin, extensions, theme templates) and the test results
# (.verification/, made here so that the first make test's results show
# without a restart). Python code is loaded once per serve (mkdocs#3993):
# after changing it (course/ or shapes/), restart make serve.
WATCH := snippets shapes course .verification

serve: $(INSTALLED)
	mkdir -p .verification
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 $(addprefix --watch ,$(WATCH))

# On every core (pytest-xdist): the builds and the site tour run once for all.
PYTEST := $(VENV)/bin/pytest -n auto
LESSON_TESTS := tests/docs/test_exercises.py tests/builds/test_notebooks.py \
	tests/builds/test_explorer_embed.py

test: $(INSTALLED) $(CHROMIUM) $(NODE) $(AXE)
	$(PYTEST) $(ARGS)

build: $(INSTALLED)
	$(VENV)/bin/mkdocs build --strict

lesson: $(INSTALLED)
	@test -n "$(LESSON)" || { echo 'make lesson LESSON=<name of docs/lessons/<name>.md>'; exit 2; }
	$(PYTEST) docs/lessons/$(LESSON).md $(LESSON_TESTS) -k "$(LESSON)" $(ARGS)

check: $(INSTALLED) $(NODE)
	$(PYTEST) -m "not browser" $(ARGS)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check .

# Reinstalls only when the dependencies change; constraints.txt pins them all.
$(INSTALLED): pyproject.toml constraints.txt
	test -d $(VENV) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check \
		-c constraints.txt -e '.[dev]'
	touch $@

# The browser tests drive Debian's Chromium (Playwright cannot download one).
# apt-get needs root: sudo only where we are not root (CI runners).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver

$(NODE):
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs

$(NPM):
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm

$(AXE): package.json package-lock.json | $(NPM)
	$(NPM) ci --ignore-scripts --no-audit --no-fund
	touch $@
