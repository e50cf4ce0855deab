"""Inference speed of the shipped model (or --model) on this machine, Keras and TFLite, in one run.

    python benchmarks/predict.py [--model PATH] [--n 4096]

Prints faces/s for batches of cropped faces (`model.predict`, as the reference calls it; fer_nb's `Predictor`, a
`tf.function` call; the TFLite export; the float and 8-bit ONNX exports in ONNX Runtime, where tf2onnx and
onnxruntime are installed), the latency of one cropped face, and the latency of one 640x480 JPEG photo with one, two
and three faces end to end (decode, detect, align, classify), as medians after warm-up, with YuNet (the default) and
with the Haar cascade.

Baselines from the same run: the reference study's ResNet (untrained: speed does not depend on the weights) through
`model.predict` as its notebook calls it (default batch of 32) and through a `tf.function` call in batches of 512; the
`*_vs_reference_predict` lines put the fastest engines on the first's scale."""
import argparse, os, statistics, tempfile, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
from pathlib import Path
import numpy as np
from pictures import compose


def per_s(fn, n, repeat=5):
    fn()
    best = min(_timed(fn) for _ in range(repeat))
    return n / best


def _timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t


def median_ms(fn, repeat=50):
    fn()
    return 1000 * statistics.median(_timed(fn) for _ in range(repeat))


def engines(a, pred, x):
    "faces/s and one-face latency of every engine, with the reference baselines"
    import tensorflow as tf
    from fer_nb.inference import export_model, tflite_proba
    from fer_nb.model import build_model
    lite = Path(tempfile.mkdtemp())/'m.tflite'
    export_model(pred.model, lite)
    ref = build_model('reference', mean=128., std=64.)
    ref_call = tf.function(lambda b: ref(b, training=False))
    res = {
        'reference_predict_faces_per_s': per_s(lambda: ref.predict(x, verbose=0), len(x)),
        'reference_tf_function_faces_per_s': per_s(lambda: [ref_call(x[i:i+512]) for i in range(0, len(x), 512)], len(x)),
        'keras_predict_faces_per_s': per_s(lambda: pred.model.predict(x, batch_size=512, verbose=0), len(x)),
        'fer_nb_faces_per_s': per_s(lambda: pred.proba(x), len(x)),
        'tflite_faces_per_s': per_s(lambda: tflite_proba(lite, x), len(x)),
        'one_face_ms': median_ms(lambda: pred.proba(x[:1])),
    }
    try:
        import onnxruntime as ort
        for fmt in ('onnx', 'onnx-int8'):
            onnx = lite.with_name(f'm.{fmt}.onnx')
            export_model(pred.model, onnx, fmt)
            sess = ort.InferenceSession(str(onnx), providers=['CPUExecutionProvider'])
            run = lambda b: sess.run(None, {'face': b})
            key = fmt.replace('-', '_')
            res[f'{key}_faces_per_s'] = per_s(lambda: [run(x[i:i+512]) for i in range(0, len(x), 512)], len(x))
            res[f'{key}_one_face_ms'] = median_ms(lambda: run(x[:1]))
    except ImportError as e: print(f"no ONNX figures: {e}")
    return res


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model'); p.add_argument('--n', type=int, default=4096)
    p.add_argument('--photos-only', action='store_true', help='only the photo latencies')
    a = p.parse_args()
    import cv2
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor
    faces = load_faces(verbose=False).x
    x = np.concatenate([faces] * (a.n // len(faces) + 1))[:a.n].astype('float32')
    pred = Predictor(a.model)
    res = {} if a.photos_only else engines(a, pred, x)
    rng, d = np.random.default_rng(0), Path(tempfile.mkdtemp())
    haar = Predictor(pred.model, detector='haar')
    for n in (1, 2, 3):
        photo = d/f'{n}.jpg'
        cv2.imwrite(str(photo), compose(faces[[3, 40, 500][:n]], 160, rng)[0])
        if len(pred(photo)) != n: print(f"warning: YuNet found {len(pred(photo))} of the {n} faces in {photo}")
        res[f'photo_640x480_{n}_faces_ms'] = median_ms(lambda: pred(photo), repeat=50)
        res[f'photo_640x480_{n}_faces_haar_ms'] = median_ms(lambda: haar(photo), repeat=20)
    for k in ('fer_nb_faces_per_s', 'onnx_faces_per_s', 'onnx_int8_faces_per_s'):
        if k in res: res[k.replace('_faces_per_s', '_vs_reference_predict')] = res[k] / res['reference_predict_faces_per_s']
    print(f"CPU: {next((l.split(':')[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')}, {os.cpu_count()} cores")
    for k, v in res.items(): print(f"{k} {v:.2f}" if k.endswith('_vs_reference_predict') else f"{k} {v:.1f}")


if __name__ == '__main__': main()
