"""Every notebook runs as `nbdev_test` runs it (cells flagged as `tst_flags` says are skipped), one test each, so that
pytest-xdist shares them and the other tests out over the cores; and one notebook runs in a real Jupyter kernel."""
import os, subprocess, sys
import pytest
from conftest import NOTEBOOKS, ROOT


@pytest.mark.parametrize('nb', NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook(nb):
    from nbdev.config import get_config
    from nbdev.test import test_nb
    cfg = get_config()
    passed, _ = test_nb(nb, skip_flags=cfg.tst_flags.split(), basepath=cfg.config_path)
    assert passed, f"{nb.name} failed: its traceback is in the captured stderr above"


def test_data_notebook_in_jupyter_kernel(tmp_path):
    env = dict(os.environ, IN_TEST='1')
    r = subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute',
                        str(ROOT/'nbs'/'00_data.ipynb'), '--output-dir', str(tmp_path), '--ExecutePreprocessor.timeout=300'],
                       capture_output=True, text=True, cwd=ROOT/'nbs', env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'00_data.ipynb').exists()
