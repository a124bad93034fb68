# London Hot Spots: two commands do everything (see README).
#   make run    create/update the environment, execute every notebook in place, write figures/
#               and build the offline book (site/index.html)
#   make test   create/update the environment, run the unit tests and every notebook under nbval
# Point HOTSPOTS_DATA at the data folder (default data/raw, filled by `make download`).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
# One BLAS thread: faster on 2 cores for the many small fits, and bit-for-bit repeatable.
export OPENBLAS_NUM_THREADS := 1

.PHONY: setup run site test quick unit lint download benchmark clean-cache

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,site]'
	# compile the permutation kernels once into the numba cache ($$HOTSPOTS_NUMBA_CACHE)
	$(BIN)/python -m hotspots.stats.spatial.kernels --warm
	touch $@

run: setup
	$(BIN)/python -m hotspots.publish.run_notebooks $(NOTEBOOKS)
	$(BIN)/python -m hotspots.publish.book

# The offline book (site/index.html) from the committed notebooks, never re-executed (seconds).
site: setup
	$(BIN)/python -m hotspots.publish.book

test: setup
	$(BIN)/python -m pytest tests $(NOTEBOOKS) --nbval --nbval-current-env \
		--nbval-sanitize-with nbval_sanitize.cfg -p no:cacheprovider --durations=20

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

clean-cache:
	rm -rf data/cache
