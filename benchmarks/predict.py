"""fer_nb's prediction engine against the `fer` package's default path, in one run: faces per second, accuracy, start-up.

    pip install --no-deps fer   # beside fer_nb's own requirements (TensorFlow included): enough for fer's default path
    python benchmarks/predict.py [--n 4096] [--data fer2013.csv.gz --usage PublicTest] [--models a.onnx,b.onnx]

Faces per second, on the same 48x48 faces, best of three interleaved rounds:
- `fer` default: the `fer` package's 8-bit TFLite model as `FER().detect_emotions` calls it, one face at a time, with
  its own resizing to 64x64 and scaling;
- fer_nb `Predictor()`: the default shipped model, an ensemble in 8-bit ONNX, in ONNX Runtime, in batches of 128 (each
  face and its mirror image through each member);
- fer_nb `Predictor('fast')`: the shipped fast model, one of those networks alone, likewise;
- fer_nb `Predictor('fer_nb.keras')`, the baseline: the fast network as a `.keras` file, run by TensorFlow;
- with --models, each ONNX file named (an ensemble of k members from `fer_export`, say) through `Predictor`.
Accuracy is the share of faces whose top class, among the classes of the data, is their label: the embedded sample's
five classes by default, or all seven of a FER2013 CSV partition with --data and --usage.

Start-up, wall time and peak memory of a new process, median of three: `fer_predict --help`, `fer_predict PHOTO` (the
shipped portrait, `examples/photos/astronaut.jpg`), and the `fer` package's `FER().detect_emotions` on the same photo.

Photos end to end (`--photos-only` prints just these): one 640x480 JPEG with one, two or three faces of 160 pixels,
read, decoded, searched, aligned and classified by `Predictor()` and by `Predictor('fast')` in turn, 100 rounds after
warm-up (median times; the ratio is the median of each round's); the Haar cascade through the default `Predictor` is the
baseline."""
import argparse, os, statistics, subprocess, sys, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
from pathlib import Path
import numpy as np
from pictures import compose
from common import machine, seconds

ROOT = Path(__file__).resolve().parents[1]
PHOTO = ROOT/'examples'/'photos'/'astronaut.jpg'
FER7 = ('anger', 'disgust', 'fear', 'happiness', 'sad', 'surprise', 'neutral')  # the order of fer's outputs too


def fer_engine():
    "The `fer` package's default classifier as `detect_emotions` runs it: faces resized to its input, scaled, one TFLite call each."
    import cv2
    from fer.fer import FER
    f = FER()
    def proba(faces):
        g = np.stack([cv2.resize(x, (64, 64)) for x in faces[..., 0].astype(np.uint8)]).astype(np.float32)
        return np.asarray(f._classify_emotions((g / 255. - 0.5) * 2))
    return proba


def startup(cmd, repeat=3):
    "Median wall time (s) and peak memory (MB) of a new process running `cmd`."
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, r.returncode)")
    runs = [subprocess.run([sys.executable, '-c', probe, *cmd], capture_output=True, text=True).stdout.split() for _ in range(repeat)]
    if any(r[2] != '0' for r in runs): raise RuntimeError(f"{' '.join(cmd)} failed")
    return statistics.median(float(r[0]) for r in runs), statistics.median(float(r[1]) for r in runs)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--n', type=int, default=4096, help='faces timed (the data repeated as needed)')
    p.add_argument('--data', help='labelled faces for accuracy (a FER2013 CSV); default: the embedded sample')
    p.add_argument('--usage', help='the partition of --data to score, e.g. PublicTest')
    p.add_argument('--photos-only', action='store_true', help='only the photo latencies')
    p.add_argument('--models', default='', help='more ONNX files to time, joined by commas')
    p.add_argument('--engines-only', action='store_true', help='no photo latencies, no start-up times')
    a = p.parse_args()
    print(machine())
    if not a.engines_only: photos()
    if not a.photos_only: engines(a)


def photos():
    "Median latency of one photo end to end: YuNet (the default) with the default and the fast model, and the Haar cascade."
    import cv2, tempfile
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor
    faces, rng, d = load_faces(verbose=False).x, np.random.default_rng(0), Path(tempfile.mkdtemp())
    pred, fast, haar = Predictor(), Predictor('fast'), Predictor(detector='haar')
    for n in (1, 2, 3):
        photo = d/f'{n}.jpg'
        cv2.imwrite(str(photo), compose(faces[[3, 40, 500][:n]], 160, rng)[0])
        haar(photo)  # warm-up
        if len(pred(photo)) != n: print(f"warning: YuNet found {len(pred(photo))} of the {n} faces in {photo}")
        t = np.array([[seconds(lambda: p(photo)) for p in (pred, fast)] for _ in range(100)])  # interleaved: same drift
        ms, haar_ms = 1000 * np.median(t, 0), 1000 * statistics.median(seconds(lambda: haar(photo)) for _ in range(20))
        print(f"photo 640x480, {n} faces: YuNet {ms[0]:.1f} ms (fast model: {ms[1]:.1f} ms, "
              f"{np.median(t[:, 0] / t[:, 1]):.2f}x), Haar {haar_ms:.1f} ms ({haar_ms / ms[0]:.1f}x)")



def engines(a):
    "Faces per second and accuracy of each engine, then start-up of new processes."
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor
    from fer_nb.model import shipped_model_path
    faces = load_faces(a.data, None, verbose=False)
    if a.usage: faces = faces.subset(faces.usage == a.usage)
    x = np.concatenate([faces.x] * (a.n // len(faces) + 1))[:a.n].astype('float32')
    engines = {'fer default (8-bit TFLite, one face a call)': fer_engine(),
               'fer_nb Predictor() (the default: the ensemble, 8-bit ONNX Runtime)': Predictor().proba,
               "fer_nb Predictor('fast') (one network, 8-bit ONNX Runtime)": Predictor('fast').proba,
               "fer_nb Predictor('fer_nb.keras') (TensorFlow, baseline)": Predictor(shipped_model_path()).proba,
               **{f"fer_nb Predictor('{Path(m).name}') (ONNX Runtime)": Predictor(m).proba for m in a.models.split(',') if m}}
    best = {k: float('inf') for k in engines}
    for f in engines.values(): f(x[:256])  # warm-up
    for _ in range(3):  # interleaved rounds: every engine sees the same machine load
        for k, f in engines.items():
            t = time.perf_counter(); f(x); best[k] = min(best[k], time.perf_counter() - t)
    cols = [FER7.index(c) for c in faces.classes]  # each face's top class among the data's classes
    print(f"{len(x)} faces timed; accuracy on {len(faces)} faces of {faces.source} ({len(cols)} classes)")
    fer_rate = len(x) / best[next(iter(engines))]
    for k, f in engines.items():
        acc = (f(faces.x.astype('float32'))[:, cols].argmax(1) == faces.y).mean()
        print(f"{k}: {len(x) / best[k]:.0f} faces/s, {len(x) / best[k] / fer_rate:.2f}x fer, accuracy {acc:.1%}")
    if a.engines_only: return
    for name, cmd in [('fer_predict --help', ['fer_predict', '--help']), ('fer_predict photo', ['fer_predict', str(PHOTO)]),
                      ('fer FER().detect_emotions(photo)', [sys.executable, '-c', f"import cv2; from fer.fer import FER; print(FER().detect_emotions(cv2.imread({str(PHOTO)!r})))"])]:
        wall, mb = startup(cmd)
        print(f"start-up, {name}: {wall:.2f} s wall, {mb:.0f} MB peak")


if __name__ == '__main__': main()
