"""The grid behind `ALIGN_SIDE`: accuracy of photos end to end for each crop side around YuNet's box.

    python benchmarks/align.py [--sides 0.75,0.8,0.85,0.9,0.95,1.0,1.05,1.1] [--side 120] [--photos 270] [--model fast]

The embedded sample's faces (five classes) are composed, four to a 640x480 picture and enlarged to --side pixels,
onto a smooth background (see `pictures.py`). For each crop side (a multiple of YuNet's box height) the `Predictor`
of a shipped model (--model: default or fast) finds, aligns and classifies every face; a face counts when a found face
is centred on it and its top class, among the sample's five, is its label. The same pictures and detections serve
every side, so the rows differ only in the crop. The last line names the best side."""
import argparse
import numpy as np
from common import machine
from pictures import compose, matches


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--sides', default='0.75,0.8,0.85,0.9,0.95,1.0,1.05,1.1', help='crop sides to try, in YuNet box heights')
    p.add_argument('--side', type=int, default=120, help='face side in the composed pictures, pixels')
    p.add_argument('--photos', type=int, default=270, help='pictures of four faces each')
    p.add_argument('--model', default='default', help='the shipped model: default (the ensemble) or fast')
    a = p.parse_args()
    print(machine())
    import fer_nb.inference as inf
    from fer_nb.data import load_faces
    s = load_faces(verbose=False)
    pred, rng = inf.Predictor(a.model, classes=list(s.classes)), np.random.default_rng(0)
    pictures = []
    for i in range(a.photos):
        idx = rng.choice(len(s), 4, replace=False)
        img, boxes = compose(s.x[idx], a.side, rng)
        found = inf.detect_faces(img, 'yunet')
        pictures.append((img, boxes, s.y[idx], found))
    print(f"{a.photos * 4} faces of {a.side} px in {a.photos} pictures; found: {sum(matches([f['box'] for f in fs], b)[0] for _, b, _, fs in pictures)}")
    print(f"{'ALIGN_SIDE':>10} {'accuracy':>9}")
    acc = {}
    for side in map(float, a.sides.split(',')):
        inf.ALIGN_SIDE = side  # read by align_face at each call
        right = total = 0
        for img, boxes, labels, found in pictures:
            gray = inf.to_gray(img)
            for box, label in zip(boxes, labels):
                hit = [f for f in found if matches([f['box']], [box])[0]]
                total += 1
                if hit: right += int(np.argmax(pred.proba(inf.align_face(gray, hit[0])[None]))) == int(label)
        acc[side] = right / total
        print(f"{side:>10.2f} {acc[side]:>9.3f}", flush=True)
    print(f"best {max(acc, key=acc.get):.2f}")


if __name__ == '__main__':
    main()
