# Contributor tasks. `make test` is the test command README.md gives and CI runs.
.PHONY: test nbtest export readme nbs docs docs-check

# the notebooks (as nbdev_test runs them) and the tests in tests/, shared out over the cores by pytest-xdist
test:
	python -m pytest -n auto --maxprocesses 4 --no-loadscope-reorder -q -rs --durations=15 tests

# the notebooks alone, with nbdev's runner
nbtest:
	nbdev_test --n_workers 2

export:
	nbdev_export && nbdev_clean

readme:
	python tools/readme.py nbs/index.ipynb README.md

# re-run notebooks to refresh their committed outputs (skips `#| slow` cells), then clean them
nbs:
	python tools/run_nbs.py nbs/*.ipynb && nbdev_clean

# the docs site, without Quarto: nbdev's notebook processing, then Sphinx + MyST-NB, into _docs/
docs:
	python tools/build_docs.py

# open every page of _docs/ in headless Chromium: console errors, images, links
docs-check: docs
	python tools/check_site.py _docs
