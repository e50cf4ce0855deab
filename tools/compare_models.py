"""Score trained models on labelled faces alone, with flip averaging, and averaged together: the figures behind 04_evaluation's "tried" paragraph.

    python tools/compare_models.py runs/ship-s2d64/model.keras runs/s2d64-sgd/model.keras \
        --data ../shared/data/fer2013.csv.gz --usage PublicTest [--classes seed5]

Every model must know the `--classes`. Probabilities are averaged over the model's own classes and the top class is then
taken among `--classes`, as in a file exported with `fer_export --flip --classes ...` (flip averaging first, then the
restriction, whose renormalisation leaves the top class unchanged)."""
import argparse, itertools
import numpy as np


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('models', nargs='+'); p.add_argument('--data', required=True); p.add_argument('--usage')
    p.add_argument('--classes', default='seed5')
    a = p.parse_args()
    from sklearn.metrics import f1_score, recall_score
    from fer_nb.cli import _partition
    from fer_nb.data import class_names, load_faces
    from fer_nb.evaluation import align_classes, predict_proba
    from fer_nb.model import load_model, model_classes, restrict_classes
    faces = load_faces(a.data, classes=None, verbose=False)
    if a.usage: faces = _partition(faces, a.usage)
    names = class_names(a.classes)
    plain, flipped = {}, {}
    for path in a.models:
        m = load_model(path)
        f, _, _ = align_classes(restrict_classes(m, names), faces)  # the faces of `names`, labelled in that order
        cols = [model_classes(m).index(c) for c in names]
        plain[path], flipped[path] = predict_proba(m, f)[:, cols], predict_proba(m, f.x[:, :, ::-1])[:, cols]
    y = f.y
    def row(label, prob):
        pred = prob.argmax(1)
        d = f" disgust recall {recall_score(y, pred, labels=[names.index('disgust')], average=None)[0]:.3f}" if 'disgust' in names else ''
        print(f"{label}: accuracy {np.mean(pred == y):.4f}, macro F1 {f1_score(y, pred, average='macro'):.4f}{d}")
    print(f"{len(y):,} faces, classes {', '.join(names)}")
    for k in range(1, len(a.models) + 1):
        for group in itertools.combinations(a.models, k):
            label = ' + '.join(group)
            row(label, sum(plain[g] for g in group))
            row(label + ', flip-averaged', sum(plain[g] + flipped[g] for g in group))


if __name__ == '__main__': main()
