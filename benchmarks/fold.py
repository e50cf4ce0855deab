"""Keras inference speed of a model before and after `fold_batchnorm`, measured in one process run.

    python benchmarks/fold.py [--model PATH] [--n 4096] [--rounds 7]

By default the model is the shipped network's graph: an s2d network trained on seven classes, restricted to five and
flip-averaged, with random weights (speed does not depend on their values). `--model` takes a `.keras` file with its
batch norms still in place (a `fer_train` run's `model.keras`; the shipped file is already folded), restricted and
flip-averaged as `fer_export --classes reference --flip` does. Both models predict the same faces (`model.predict`,
batches of 512) in interleaved rounds, so a slow spell of this noisy machine hits both alike; each one's median round is
its rate, in faces per second of wall-clock time and per CPU-second of the process. The last line is the speed-up."""
import argparse, statistics
import numpy as np
from common import machine, timed



def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model'); p.add_argument('--n', type=int, default=4096); p.add_argument('--rounds', type=int, default=7)
    a = p.parse_args()
    print(machine())
    import keras
    from fer_nb.data import load_faces
    from fer_nb.model import build_model, flip_average, fold_batchnorm, restrict_classes
    net = keras.models.load_model(a.model, safe_mode=True) if a.model else build_model('s2d', 'fer7', mean=128., std=64.)
    before = restrict_classes(flip_average(net), 'reference')
    models = {'batch_norm': before, 'folded': fold_batchnorm(before)}
    faces = load_faces(verbose=False).x
    x = np.concatenate([faces] * (a.n // len(faces) + 1))[:a.n].astype('float32')
    diff = np.abs(models['folded'].predict(x[:512], verbose=0) - before.predict(x[:512], verbose=0)).max()
    print(f"max difference in probabilities {diff:.1e}")
    secs = {k: [] for k in models}
    for r in range(a.rounds):
        for k, m in models.items(): secs[k].append(timed(lambda: m.predict(x, batch_size=512, verbose=0)))
        print(f"round {r + 1}: " + ", ".join(f"{k} {a.n/s[-1][0]:.0f} faces/s ({a.n/s[-1][1]:.0f} per CPU-s)" for k, s in secs.items()), flush=True)
    rate = {k: a.n / statistics.median(w for w, _ in s) for k, s in secs.items()}
    cpu = {k: a.n / statistics.median(c for _, c in s) for k, s in secs.items()}
    for k in models: print(f"{k}_faces_per_s {rate[k]:.0f} ({cpu[k]:.0f} per CPU-s)")
    print(f"speedup {rate['folded'] / rate['batch_norm']:.2f} ({cpu['folded'] / cpu['batch_norm']:.2f} per CPU-s)")


if __name__ == '__main__': main()
