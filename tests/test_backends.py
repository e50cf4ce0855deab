"`fer_train` on the JAX backend with TensorFlow out of reach, as a GPU machine with JAX alone runs it, and its model file on TensorFlow."
import json, os, subprocess, sys, textwrap

import numpy as np
import pandas as pd

from fer_nb.model import load_model
from fer_nb.data import load_faces
from fer_nb.evaluation import predict_proba


def test_jax_run_scores_the_same_on_tensorflow(tmp_path):
    hidden = tmp_path/'hide'/'tensorflow'
    hidden.mkdir(parents=True)
    (hidden/'__init__.py').write_text("raise ImportError('TensorFlow is hidden: a JAX run must not need it')")
    run, probs = tmp_path/'run', tmp_path/'jax_probs.npy'
    script = textwrap.dedent(f"""
        import sys, keras
        from fer_nb.cli import main, fer_train
        from fer_nb.model import load_model
        from fer_nb.data import load_faces
        from fer_nb.evaluation import predict_proba
        assert keras.backend.backend() == 'jax'
        assert main(fer_train, ['--epochs', '1', '--distribute', 'mirrored', '--out', {str(tmp_path/'mirrored')!r}]) == 2
        rc = main(fer_train, ['--arch', 's2d', '--epochs', '2', '--erase', '0.5', '--out', {str(run)!r}])
        import numpy as np
        np.save({str(probs)!r}, predict_proba(load_model({str(run/'model.keras')!r}), load_faces().x[:64]))
        assert 'tensorflow' not in sys.modules
        sys.exit(rc)""")
    env = dict(os.environ, KERAS_BACKEND='jax', PYTHONPATH=os.pathsep.join(filter(None, [str(tmp_path/'hide'), os.environ.get('PYTHONPATH')])))
    res = subprocess.run([sys.executable, '-c', script], env=env, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-3000:]
    assert 'test accuracy' in res.stdout
    assert 'deterministic and distribute need the TensorFlow backend; Keras runs on jax' in res.stderr
    cfg = json.loads((run/'config.json').read_text())
    assert cfg['versions']['backend'] == 'jax' and 'jax' in cfg['versions'] and cfg['erase'] == 0.5
    assert len(pd.read_csv(run/'history.csv')) == 2
    # the file written on JAX loads in safe mode on TensorFlow and gives the same probabilities
    p = predict_proba(load_model(run/'model.keras'), load_faces().x[:64])
    assert p.shape == (64, 5)
    np.testing.assert_allclose(p, np.load(probs), atol=1e-5)
