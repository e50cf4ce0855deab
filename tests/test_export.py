import numpy as np
from conftest import run_main
from fer_nb.data import PROBA_TOL


def test_export_savedmodel_matches_keras(trained_run, tmp_path, sample):
    "The console script's SavedModel answers as the Keras model does (06a_export checks TFLite and ONNX the same way)."
    import tensorflow as tf
    from fer_nb.model import load_model
    out, _ = trained_run
    m = load_model(out/'model.keras')
    x = sample.x[:64].astype('float32')
    ref = np.asarray(m(x, training=False))
    r = run_main('fer_export', str(tmp_path/'sm'), '--format', 'savedmodel', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    sm = tf.saved_model.load(str(tmp_path/'sm'))
    np.testing.assert_allclose(np.asarray(sm.serve(tf.constant(x))), ref, atol=PROBA_TOL)


def test_export_onnx_matches_keras(trained_run, tmp_path, sample):
    from fer_nb.model import load_model, model_classes
    from fer_nb.inference import OnnxModel
    out, _ = trained_run
    x = sample.x[:64].astype('float32')
    keras_model = load_model(out/'model.keras')
    ref = np.asarray(keras_model(x, training=False))
    r = run_main('fer_export', str(tmp_path/'m.onnx'), '--format', 'onnx', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    m = OnnxModel(tmp_path/'m.onnx')
    assert m.classes == model_classes(keras_model) and m.input == 'faces'
    np.testing.assert_allclose(m(x), ref, atol=PROBA_TOL)


def test_export_keras_restricted_to_fewer_classes(trained_run, tmp_path, sample):
    from fer_nb.model import load_model, model_classes
    out, _ = trained_run
    x = sample.x[:64].astype('float32')
    full = load_model(out/'model.keras')
    r = run_main('fer_export', str(tmp_path/'two.keras'), '--format', 'keras', '--classes', 'happiness,anger', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    two = load_model(tmp_path/'two.keras')
    assert model_classes(two) == ('happiness', 'anger')
    p = np.asarray(full(x, training=False))[:, [3, 0]]
    np.testing.assert_allclose(np.asarray(two(x, training=False)), p / p.sum(1, keepdims=True), atol=PROBA_TOL)
    r = run_main('fer_export', str(tmp_path/'flip.keras'), '--format', 'keras', '--classes', 'happiness,anger', '--flip', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    p = (np.asarray(full(x, training=False)) + np.asarray(full(x[:, :, ::-1], training=False)))[:, [3, 0]]
    np.testing.assert_allclose(np.asarray(load_model(tmp_path/'flip.keras')(x, training=False)), p / p.sum(1, keepdims=True), atol=PROBA_TOL)
    r = run_main('fer_export', str(tmp_path/'x.keras'), '--format', 'keras', '--classes', 'fer7', '--model', str(out/'model.keras'))
    assert r.returncode == 2 and 'cannot predict fear, neutral' in r.stderr


def test_export_unknown_format(trained_run, tmp_path):
    out, _ = trained_run
    r = run_main('fer_export', str(tmp_path/'m.h5'), '--format', 'h5', '--model', str(out/'model.keras'))
    assert r.returncode == 2 and "expected 'tflite', 'onnx', 'onnx-int8', 'savedmodel' or 'keras'" in r.stderr


def test_export_bad_class_factors(trained_run, tmp_path):
    "`--scale` names the class or the text it could not use."
    out, _ = trained_run
    for scale, says in (('disgusted=2', 'it has no class disgusted'), ('disgust', 'expected class=factor'),
                        ('disgust=-1', 'must be positive: disgust=-1.0')):
        r = run_main('fer_export', str(tmp_path/'m.keras'), '--format', 'keras', '--scale', scale, '--model', str(out/'model.keras'))
        assert r.returncode == 2 and says in r.stderr, (scale, r.stderr[-500:])
    assert not (tmp_path/'m.keras').exists()


def test_export_ensemble_of_two_models(trained_run, tmp_path, sample):
    from fer_nb.model import load_model, model_classes
    out, _ = trained_run
    x = sample.x[:64].astype('float32')
    r = run_main('fer_export', str(tmp_path/'five.keras'), '--format', 'keras', '--classes', 'reference')  # the shipped model knows seven
    assert r.returncode == 0, r.stderr[-1500:]
    a, b = load_model(out/'model.keras'), load_model(tmp_path/'five.keras')
    assert model_classes(a) == model_classes(b)
    r = run_main('fer_export', str(tmp_path/'two.keras'), '--format', 'keras', '--model', f"{out/'model.keras'},{tmp_path/'five.keras'}")
    assert r.returncode == 0, r.stderr[-1500:]
    e = load_model(tmp_path/'two.keras')
    assert model_classes(e) == model_classes(a) and e.count_params() < a.count_params() + b.count_params()  # batch norms folded
    ref = (np.asarray(a(x, training=False)) + np.asarray(b(x, training=False))) / 2
    np.testing.assert_allclose(np.asarray(e(x, training=False)), ref, atol=PROBA_TOL)
    import onnx
    from fer_nb.export import first_convs
    r = run_main('fer_export', str(tmp_path/'two.onnx'), '--format', 'onnx', '--model', str(tmp_path/'two.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    assert len(first_convs(onnx.load(tmp_path/'two.onnx').graph)) == 2  # 8-bit keeps each member's first one float
    r = run_main('fer_export', str(tmp_path/'x.keras'), '--format', 'keras', '--model', f"{out/'model.keras'},{tmp_path/'missing.keras'}")
    assert r.returncode == 2 and 'missing.keras: no such model file' in r.stderr
