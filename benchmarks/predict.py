"""Inference speed of the shipped model (or --model) on this machine, Keras and TFLite, in one run.

    python benchmarks/predict.py [--model PATH] [--n 4096]

Prints faces/s for batches of cropped faces (`model.predict`, as the reference calls it; fer_nb's `Predictor`, a
`tf.function` call; the TFLite export; the float and 8-bit ONNX exports in ONNX Runtime, where tf2onnx and
onnxruntime are installed), the latency of one cropped face, and the latency of one photo end to end (decode, detect,
crop, classify) after warm-up, as medians of repeated runs.

Baselines from the same run: the reference study's ResNet (untrained: speed does not depend on the weights) through
`model.predict` as its notebook calls it (default batch of 32) and through a `tf.function` call in batches of 512.
Issue #6 states its goals on a faster machine against these two (about 1,250 and 4,500 faces/s there), so the
`*_vs_reference_predict` lines put the fastest engines on that scale."""
import argparse, statistics, tempfile, time
from pathlib import Path
import numpy as np


def per_s(fn, n, repeat=5):
    fn()
    best = min(_timed(fn) for _ in range(repeat))
    return n / best


def _timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t


def median_ms(fn, repeat=50):
    fn()
    return 1000 * statistics.median(_timed(fn) for _ in range(repeat))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model'); p.add_argument('--n', type=int, default=4096)
    a = p.parse_args()
    import cv2
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor, compose_group, export_model, tflite_proba
    from fer_nb.model import build_model
    import tensorflow as tf
    faces = load_faces(verbose=False).x
    x = np.concatenate([faces] * (a.n // len(faces) + 1))[:a.n].astype('float32')
    pred = Predictor(a.model)
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
    photo = Path(tempfile.mkdtemp())/'group.jpg'
    cv2.imwrite(str(photo), compose_group(faces[[3, 40, 500, 700]]))
    res['one_photo_end_to_end_ms'] = median_ms(lambda: pred(photo), repeat=30)
    for k in ('fer_nb_faces_per_s', 'onnx_faces_per_s', 'onnx_int8_faces_per_s'):
        if k in res: res[k.replace('_faces_per_s', '_vs_reference_predict')] = res[k] / res['reference_predict_faces_per_s']
    for k, v in res.items(): print(f"{k} {v:.2f}" if k.endswith('_vs_reference_predict') else f"{k} {v:.1f}")


if __name__ == '__main__': main()
