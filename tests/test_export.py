import numpy as np
from conftest import run_cli


def test_export_tflite_and_savedmodel_match_keras(trained_run, tmp_path, sample):
    import tensorflow as tf, keras
    from fer_nb.cli import load_model
    from fer_nb.inference import tflite_proba
    out, _ = trained_run
    m = load_model(out/'model.keras')
    x = sample.x[:64].astype('float32')
    ref = np.asarray(m(x, training=False))
    r = run_cli('fer_export', str(tmp_path/'m.tflite'), '--format', 'tflite', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    np.testing.assert_allclose(tflite_proba(tmp_path/'m.tflite', x), ref, atol=1e-4)
    r = run_cli('fer_export', str(tmp_path/'sm'), '--format', 'savedmodel', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    sm = tf.saved_model.load(str(tmp_path/'sm'))
    np.testing.assert_allclose(np.asarray(sm.serve(tf.constant(x))), ref, atol=1e-4)


def test_export_unknown_format(trained_run, tmp_path):
    out, _ = trained_run
    r = run_cli('fer_export', str(tmp_path/'m.onnx'), '--format', 'onnx', '--model', str(out/'model.keras'))
    assert r.returncode == 2 and "expected 'tflite' or 'savedmodel'" in r.stderr
