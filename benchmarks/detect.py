"""Face detection on this machine: recall, false detections and milliseconds per picture of YuNet and the Haar cascade.

    python benchmarks/detect.py [--pictures 120]

The sample's FER2013 faces are composed three to a 640x480 picture (on a smooth random background) at 48, 96 and 192
px. Each detector runs on every picture in interleaved rounds, so both see the same machine load. Recall: the share of
faces that a detection is centred on; false: detections centred on no face, per picture. `yunet` is `detect_faces`'
default search; `yunet min_size` asks for faces of the composed size (it searches a larger copy for small faces)."""
import argparse, os, statistics, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np
from pictures import compose, matches
from common import machine


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--pictures', type=int, default=120, help='pictures per face size')
    a = p.parse_args()
    import cv2
    from fer_nb.data import load_faces
    from fer_nb.inference import detect_faces
    faces, rng = load_faces(verbose=False).x, np.random.default_rng(0)
    print(f"{machine()}; OpenCV {cv2.__version__}")
    print(f"{'size':>5} {'detector':<16} {'recall':>7} {'false/picture':>14} {'ms/picture':>11}")
    for side in (48, 96, 192):
        pics = [compose(faces[rng.choice(len(faces), 3, replace=False)], side, rng) for _ in range(a.pictures)]
        ways = {'yunet': lambda g: detect_faces(g), 'yunet min_size': lambda g: detect_faces(g, min_size=side),
                'haar': lambda g: detect_faces(g, 'haar', min_size=min(side, 32))}
        stats = {k: [0, 0, []] for k in ways}
        for g, boxes in pics:  # interleaved: every detector on each picture in turn
            for k, fn in ways.items():
                t = time.perf_counter(); found = [f['box'] for f in fn(g)]; stats[k][2].append(time.perf_counter() - t)
                hit, false = matches(found, boxes); stats[k][0] += hit; stats[k][1] += false
        for k, (hit, false, ts) in stats.items():
            print(f"{side:>5} {k:<16} {hit / (3 * len(pics)):>7.1%} {false / len(pics):>14.2f} {1000 * statistics.median(ts):>11.1f}")


if __name__ == '__main__': main()
