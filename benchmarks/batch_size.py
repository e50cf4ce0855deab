"""Faces per second of `Predictor.proba` on the shipped model (or --model) for several batch sizes, in one run.

    python benchmarks/batch_size.py [--model PATH] [--n 4096] [--rounds 5] [--sizes 64,128,256,512,1024]

Every batch size and the baseline, all the faces in one call, predict the same faces in interleaved rounds, so a
slow spell of a noisy machine hits all alike; each one's median round is its rate. A batch of the flip-averaged
network's activations must fit in the CPU's caches to run at full speed, which is what picks `Predictor`'s default
`batch_size`."""
import argparse, statistics
import numpy as np
from common import machine, seconds



def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model'); p.add_argument('--n', type=int, default=4096); p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--sizes', default='64,128,256,512,1024')
    a = p.parse_args()
    print(machine())
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor
    faces = load_faces(verbose=False).x
    x = np.concatenate([faces] * (a.n // len(faces) + 1))[:a.n].astype('float32')
    pred = Predictor(a.model)
    runs = {}
    for b in [*map(int, a.sizes.split(',')), a.n]:
        runs['one_call' if b == a.n else f'predictor_{b}'] = lambda b=b: (setattr(pred, 'batch_size', b), pred.proba(x))
    for fn in runs.values(): fn()  # warm up: trace every batch shape once
    secs = {k: [] for k in runs}
    for r in range(a.rounds):
        for k, fn in runs.items(): secs[k].append(seconds(fn))
        print(f"round {r + 1}: " + ", ".join(f"{k} {a.n / s[-1]:.0f}" for k, s in secs.items()), flush=True)
    rate = {k: a.n / statistics.median(s) for k, s in secs.items()}
    for k, v in rate.items(): print(f"{k}_faces_per_s {v:.0f} ({v / rate['one_call']:.2f}x one call)")


if __name__ == '__main__': main()
