# Contributor tasks. `make test` is the test command README.md gives and CI runs.
.PHONY: test nbtest pytest export readme nbs

test: nbtest pytest

nbtest:
	nbdev_test --n_workers 2

pytest:
	python -m pytest -q tests

export:
	nbdev_export && nbdev_clean

readme:
	python tools/readme.py nbs/index.ipynb README.md

# re-run notebooks to refresh their committed outputs (skips `#| slow` cells), then clean them
nbs:
	python tools/run_nbs.py nbs/*.ipynb && nbdev_clean
