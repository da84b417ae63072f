# Set-up and main jobs. `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
STAMP  := $(VENV)/.deps-stamp
DEMO_STORE ?= $(CURDIR)/.spinekg-demo-store

# Servers the tests start on 127.0.0.1 (Virtuoso, headless Chromium) come from Debian's packages.
# Installed when missing and apt-get is usable as root; otherwise those tests skip with a reason.
SYSTEM_PACKAGES := chromium virtuoso-opensource

.PHONY: demo test install clean system-deps bench shell js-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet ".[test]"
	touch $(STAMP)

# Non-editable install: the ontology, kb, rules and queries travel inside the package. Reinstalled only
# when one of them, a source file or pyproject.toml is newer than the last install (folders count too,
# so that a file added or deleted is seen; the stamp takes the time the install started, so an edit
# made while it ran is seen too).
INSTALL_STAMP := $(VENV)/.install-stamp
PACKAGE_FILES := $(shell find src ontology kb rules queries -name __pycache__ -prune -o \
                   \( -type d -o \( -type f ! -name '*.pyc' \) \) -print 2>/dev/null)

$(INSTALL_STAMP): $(STAMP) pyproject.toml $(PACKAGE_FILES)
	touch $(INSTALL_STAMP).new
	$(PIP) install --quiet --no-deps --force-reinstall .
	mv $(INSTALL_STAMP).new $(INSTALL_STAMP)

install: $(INSTALL_STAMP)

demo: install
	rm -rf $(DEMO_STORE)
	$(VENV)/bin/spinekg demo --store $(DEMO_STORE)

# A shell with spinekg on the PATH and the demo store as the default store (after `make demo`).
shell: install
	@echo "spinekg from $(CURDIR)/$(VENV)/bin, store $(DEMO_STORE) (exit to leave)"
	@PATH="$(CURDIR)/$(VENV)/bin:$$PATH" SPINEKG_STORE="$(DEMO_STORE)" VIRTUAL_ENV="$(CURDIR)/$(VENV)" $${SHELL:-/bin/sh}

# axe-core for the case pages' accessibility test, from npm into tests/node_modules (when npm is there).
js-deps:
	@if [ -f tests/node_modules/axe-core/axe.min.js ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --prefix tests --no-audit --no-fund --silent \
	  || echo "warning: could not install axe-core; the accessibility tests will be skipped"; \
	else echo "note: no npm: axe-core not installed; the accessibility tests will be skipped"; fi

system-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v virtuoso-t >/dev/null 2>&1; then \
	  echo "system packages present: $(SYSTEM_PACKAGES)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null) \
	    || echo "warning: could not install $(SYSTEM_PACKAGES); their tests will be skipped"; \
	else \
	  echo "note: not root or no apt-get: $(SYSTEM_PACKAGES) not installed; their tests will be skipped"; \
	fi

test: install system-deps js-deps
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) build dist .pytest_cache $(DEMO_STORE)

# Benchmarks (bench/README.md): 1,000, 10,000 and 100,000 cases, every engine side by side, then the
# memory, wall time and recovery of `spinekg load` at the same sizes (bench/load_memory.py; about
# 75 + 60 min on 2 cores). Sizes and the per-engine time limit can be changed, e.g.
#   make bench BENCH_SIZES=100,1000 BENCH_TIMEOUT=120
BENCH_SIZES ?= 1000,10000,100000
BENCH_TIMEOUT ?= 300
BENCH_STAMP := $(VENV)/.bench-stamp

$(BENCH_STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet ".[bench]"
	touch $(BENCH_STAMP)

bench: install $(BENCH_STAMP)
	$(PY) bench/run.py --sizes $(BENCH_SIZES) --timeout $(BENCH_TIMEOUT) --readme
	$(PY) bench/load_memory.py --sizes $(BENCH_SIZES)
