# London Hot Spots: two commands do everything (see README).
#   make run    create/update the environment, check the data (fetching what is missing when
#               the publishers can be reached), execute every notebook in place, write figures/
#               and build the offline book (site/index.html)
#   make test   create/update the environment, run the unit tests and every notebook under nbval
# Point HOTSPOTS_DATA at the data folder (default data/raw, filled by `make download`).
# JOBS=1 runs one notebook (make run) and one pytest worker (make test) at a time;
# NOTEBOOKS="notebooks/03_….ipynb …" runs only those notebooks.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
JOBS   ?= 2
NOTEBOOKS ?=
ALL_NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NBVAL  := --nbval --nbval-current-env --nbval-sanitize-with nbval_sanitize.cfg -p no:cacheprovider

export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
# One BLAS thread: faster on 2 cores for the many small fits, and bit-for-bit repeatable.
export OPENBLAS_NUM_THREADS := 1
# Compiled numba kernels belong to the environment: `make setup` fills this cache, runs reuse it
# and `make clean-cache` leaves it (hotspots.config.numba_cache_dir has the same default).
export HOTSPOTS_NUMBA_CACHE ?= $(abspath $(VENV))/numba-cache

.PHONY: setup run site test quick unit lint download benchmark benchmark-quick clean-cache

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,site]'
	# compile the permutation kernels once into the numba cache ($$HOTSPOTS_NUMBA_CACHE)
	$(BIN)/python -m hotspots.stats.spatial.kernels --warm
	touch $@

# Preflight (data files present, or fetched), then the notebooks, JOBS at a time.
run: setup
	$(BIN)/python -m hotspots.publish.run_notebooks --jobs $(JOBS) $(NOTEBOOKS)
	@$(MAKE) --no-print-directory site/index.html

# The book is rebuilt when anything it is made from is newer than it. Reruns on unchanged data
# rewrite no notebook, figure or table (each is written only when its bytes change), so a warm
# `make run` skips it. (data/derived/claims/ is rewritten by every run of notebook 06, which
# saves its evidence twice; the book reads the exported registry instead.)
BOOK_INPUTS := $(shell git ls-files -co --exclude-standard notebooks figures book \
	data/derived/explorer data/derived/claims_registry.* data/derived/claims_evidence.* \
	lib/hotspots README.md pyproject.toml 2>/dev/null)
site/index.html: $(BOOK_INPUTS) | setup
	$(BIN)/python -m hotspots.publish.book

# The offline book (site/index.html) from the committed notebooks, never re-executed (seconds).
site: setup
	$(BIN)/python -m hotspots.publish.book

# Unit tests and notebooks in one pytest run; pytest-xdist keeps each notebook (and each test
# module) on one worker (--dist loadscope), as nbval needs.
test: setup
	$(BIN)/python -m pytest tests $(ALL_NOTEBOOKS) $(NBVAL) -n $(JOBS) --dist loadscope \
		--durations=20

# The inner loop: no data folder, no notebooks, no slow tests (seconds).
quick: setup
	$(BIN)/python -m pytest tests -m "not mirror and not slow" -q

# Every test (mirror and slow ones too), but not the notebooks.
unit: setup
	$(BIN)/python -m pytest tests

lint: setup
	$(BIN)/ruff check lib tests benchmarks notebooks

download: setup
	$(BIN)/hotspots download --all

benchmark: setup
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_spatial.py
	$(BIN)/python benchmarks/bench_hot_spots.py
	$(BIN)/python benchmarks/bench_run.py

benchmark-quick: setup
	$(BIN)/python benchmarks/bench_spatial.py --quick
	$(BIN)/python benchmarks/bench_run.py --quick

# Parsed sources and cached results (not the numba cache, which belongs to the environment).
clean-cache:
	rm -rf "$${HOTSPOTS_CACHE:-data/cache}"
