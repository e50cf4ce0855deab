import importlib, pkgutil
import numpy as np
import keras
import fer_nb
from fer_nb.model import build_model, model_classes
from fer_nb.preprocessing import split_indices, split_faces, make_dataset


def test_every_module_imports():
    names = [m.name for m in pkgutil.iter_modules(fer_nb.__path__) if not m.name.startswith('_')]
    assert set(names) >= {'data', 'preprocessing', 'model', 'training', 'evaluation', 'cli'}
    for n in names: importlib.import_module(f'fer_nb.{n}')


def test_reference_parameter_count():
    m = build_model('reference')
    assert m.count_params() == 1_174_021
    assert sum(int(np.prod(w.shape)) for w in m.trainable_weights) == 1_165_445
    assert build_model('reference', mean=120., std=60.).count_params() == 1_174_021


def test_reference_split_sizes():
    tr, va, te = split_indices(24568)
    assert (len(tr), len(va), len(te)) == (22111, 1228, 1229)
    assert len(set(tr) | set(va) | set(te)) == 24568


def test_epoch_covers_every_face_once(sample):
    parts = split_faces(sample)
    n = sum(int(x.shape[0]) for x, _ in make_dataset(parts['train'], 128, training=True, seed=1))
    assert n == len(parts['train']) == 972


def test_keras_round_trip(tmp_path, sample):
    m = build_model('reference', mean=128., std=64.)
    m.save(tmp_path/'m.keras')
    m2 = keras.models.load_model(tmp_path/'m.keras', safe_mode=True)
    x = sample.x[:16].astype('float32')
    np.testing.assert_allclose(m.predict(x, verbose=0), m2.predict(x, verbose=0), atol=1e-6)
    assert model_classes(m2) == ('anger', 'disgust', 'sad', 'happiness', 'surprise')
