# Set-up and main jobs. `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.deps-stamp
DEMO_STORE ?= $(CURDIR)/.spinekg-demo-store

.PHONY: demo test install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet ".[test]"
	touch $(STAMP)

# Non-editable install: the ontology, kb, rules and queries travel inside the package.
install: $(STAMP)
	$(PIP) install --quiet --no-deps --force-reinstall .

demo: install
	rm -rf $(DEMO_STORE)
	$(VENV)/bin/spinekg demo --store $(DEMO_STORE)

test: install
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) build dist .pytest_cache $(DEMO_STORE)
