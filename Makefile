# Every command in the README is a target here. The environment lives in .venv and is built from pinned, hashed
# locks, so a fresh machine gets exactly what CI tested: requirements.lock holds what the app needs at run time
# (`make app`), requirements-dev.lock everything (tests, lint, benchmarks, docs, building the wheel).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
DEV_STAMP     := $(VENV)/.dev-$(shell cat requirements-dev.lock pyproject.toml | cksum | cut -d' ' -f1)
# A bundled example by name opens the one answering the latest published version of the standard.
EXAMPLE ?= mature-lab.yaml
PORT    ?= 8501

.PHONY: setup setup-runtime app test test-fast properties lint fmt schema lock bench fuzz docs dist clean check-system

# The whole development environment (everything in requirements-dev.lock).
setup: $(DEV_STAMP)

# Only what the app needs at run time; a development environment already holds all of it.
setup-runtime:
	@test -e $(DEV_STAMP) || $(MAKE) --no-print-directory $(RUNTIME_STAMP)

define install_lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "DCR Assessor needs Python >= 3.11; set PYTHON=python3.11 (or newer)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(1)
	$(BIN)/python -m pip install --quiet --no-deps -e .
endef

$(RUNTIME_STAMP): requirements.lock pyproject.toml
	$(call install_lock,requirements.lock)
	@rm -f $(VENV)/.runtime-* $(VENV)/.installed-*
	@touch $@

$(DEV_STAMP): requirements-dev.lock pyproject.toml
	$(call install_lock,requirements-dev.lock)
	@rm -f $(VENV)/.dev-* $(VENV)/.runtime-* $(VENV)/.installed-*
	@touch $@

check-system: setup-runtime
	@$(BIN)/python -m assessor.system_check

app: setup-runtime check-system
	$(BIN)/dcr app --example $(EXAMPLE) --port $(PORT)

# Every test, spread over every core (workers steal queued tests from each other, so one slow file does not leave
# a core idle), with the package's branch coverage; the run fails below the floor set in pyproject.toml.
test: setup check-system
	$(BIN)/python -m pytest -n auto --dist worksteal --cov --cov-report=term

# The inner loop: everything but the slow, browser and PDF tests, with the property suites at 10 examples each.
test-fast: setup
	DCR_PROPERTY_EXAMPLES=10 $(BIN)/python -m pytest -n auto --dist worksteal -q -m "not slow and not browser and not pdf"

# The property suites at 1,000 generated examples each (`make test` runs them at a modest count); the workers
# steal queued tests from each other, so one slow file does not leave a core idle.
PROPERTY_TESTS := $(sort $(wildcard tests/test_properties*.py)) tests/test_migration_properties.py
properties: setup
	DCR_PROPERTY_PROFILE=thorough DCR_PROPERTY_EXAMPLES=1000 $(BIN)/python -m pytest -q -n auto --dist worksteal \
		--durations=0 --durations-min=5 $(PROPERTY_TESTS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks: prints the table, writes bench/results.json and refreshes bench/README.md.
bench: setup check-system
	$(BIN)/python -m bench.run

# Fuzz every loader for a time box (FUZZ_SECONDS, default 300); prints inputs tried and crashes found.
FUZZ_SECONDS ?= 300
fuzz: setup
	$(BIN)/python -m tests.fuzz $(FUZZ_SECONDS)

# The documentation site from docs/*.md into build/docs (strict: a broken link or a missing page fails).
docs: setup
	$(BIN)/mkdocs build --strict --site-dir build/docs

# The wheel and the sdist in dist/, built by the development environment's `build`.
dist: setup
	$(BIN)/python -m build --outdir dist

# Regenerate the published JSON Schemas from the models (the drift test tells you when).
schema: setup
	$(BIN)/dcr standard schema --out standard/schema

# Re-pin dependencies after editing pyproject.toml (needs network access to PyPI). The dev lock is made first and
# constrains the runtime lock, so the two never pin a package at different versions.
UV_COMPILE = $(PYTHON) -m uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --no-header
lock:
	$(PYTHON) -m pip install --quiet uv
	$(UV_COMPILE) --extra app --extra postgres --extra dev --extra docs -o requirements-dev.lock
	$(UV_COMPILE) --extra app --extra postgres --constraint requirements-dev.lock -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist *.egg-info
