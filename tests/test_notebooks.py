"The notebooks run in a real Jupyter kernel, not only under nbdev's executor."
import os, subprocess, sys
from conftest import ROOT


def test_data_notebook_in_jupyter_kernel(tmp_path):
    env = dict(os.environ, IN_TEST='1')
    r = subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute',
                        str(ROOT/'nbs'/'00_data.ipynb'), '--output-dir', str(tmp_path), '--ExecutePreprocessor.timeout=300'],
                       capture_output=True, text=True, cwd=ROOT/'nbs', env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'00_data.ipynb').exists()
