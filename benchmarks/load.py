"""Parsing speed and memory of fer_nb's data loading, against the reference notebook's parse, in one run.

    python benchmarks/load.py --data emotion.csv.gz [--memory fer2013.csv.gz]

The reference parses each row with `np.array(s.split(), dtype='float64')` inside `DataFrame.apply`. Both parsers get
the same pixel strings, already read by pandas, so only the parse is timed. `--memory` then loads a file in a fresh
process, trains a few steps on it through fer_nb's input pipeline and reports the peak resident memory.
The last three lines are `reference_rows_per_s`, `fer_nb_rows_per_s` and `speedup`."""
import argparse, json, resource, subprocess, sys, time
import numpy as np
import pandas as pd


def reference_parse(pixels: pd.Series) -> np.ndarray:
    "The reference notebook's parse: one Python call and one float64 array per face."
    x = pixels.apply(lambda s: np.array(s.split(), dtype='float64'))
    return np.stack(x.to_numpy()).reshape(-1, 48, 48, 1)


def memory_child(path, steps):
    import tensorflow as tf
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import make_dataset
    from fer_nb.model import build_model
    t = time.time()
    faces = load_faces(path, classes='fer7' if path.endswith(('fer2013.csv', 'fer2013.csv.gz')) else 'reference', verbose=False)
    load_s = time.time() - t
    rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    m = build_model('reference', faces.classes, mean=128., std=64.)
    m.compile('adam', 'categorical_crossentropy')
    m.fit(make_dataset(faces, 128, training=True, seed=0).take(steps), verbose=0)
    print(json.dumps(dict(rows=len(faces), load_s=round(load_s, 2), peak_rss_mb_after_load=round(rss_load),
                          peak_rss_mb_after_training=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True, help='a CSV in either format')
    p.add_argument('--memory', help='also measure peak memory loading and training on this file')
    p.add_argument('--steps', type=int, default=20, help='training steps of the memory measurement')
    p.add_argument('--child', action='store_true', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return memory_child(a.memory, a.steps)
    from fer_nb.data import parse_pixels
    df = pd.read_csv(a.data, dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    pixels = df['pixels']
    n = len(pixels)
    t = time.perf_counter(); ref = reference_parse(pixels); t_ref = time.perf_counter() - t
    strings = pixels.tolist()
    times = []
    for _ in range(3):
        t = time.perf_counter(); ours, _ = parse_pixels(strings); times.append(time.perf_counter() - t)
    t_ours = min(times)
    assert np.array_equal(ref, ours), "the two parsers disagree"
    print(f"rows {n}; reference {t_ref:.2f} s ({ref.nbytes/2**20:.0f} MB float64); "
          f"fer_nb best of 3 {t_ours:.2f} s ({ours.nbytes/2**20:.0f} MB uint8); identical values")
    if a.memory:
        r = subprocess.run([sys.executable, __file__, '--data', a.data, '--memory', a.memory, '--steps', str(a.steps), '--child'],
                           capture_output=True, text=True)
        print(r.stdout.strip().splitlines()[-1] if r.returncode == 0 else r.stderr[-2000:])
    print(f"reference_rows_per_s {n/t_ref:.0f}")
    print(f"fer_nb_rows_per_s {n/t_ours:.0f}")
    print(f"speedup {t_ref/t_ours:.1f}")


if __name__ == '__main__': main()
