"""The networks an ensemble is built from, each kept with its record in models/members/NAME/.

    python tools/members.py record RUN_DIR NAME [--last]  # a finished fer_train run, RUN_DIR.cmd and .log beside it
    python tools/members.py record-shipped NAME    # the network shipped alone so far, from its model card's folder
    python tools/members.py score [NAME ...]       # each member and each ensemble of the first k, on PublicTest
    python tools/members.py portable DIR           # a record names its files as the repository does, not by full path
    python tools/members.py share MODEL CLASS      # the factor of CLASS that names it as often as among Training faces

A member's folder holds `model.keras` (the best checkpoint, that of the lowest validation loss, or with --last the last
epoch's, as its `checkpoint.json` says; batch norms folded, no mirror averaging: the ensemble adds that once for all),
the command that trained it (`command.txt`), its log, history, metrics and curves. `score` scores every member with its
mirror image averaged, then the ensembles of the first 1, 2, ... members in the order given, with their mirror images
(2k network passes a face) and without (k passes), on FER2013's PublicTest faces (DATA: your copy of fer2013.csv.gz),
and writes the table to models/members/scores.md (and its figures to scores.json).
PublicTest chooses the members: its figures are the ones the choice was made on. `share` prints the factor of a class's
probability (`fer_export --scale CLASS=FACTOR`) that makes MODEL name the class for as many of PublicTest's faces as the
class has among the Training faces; it reads PublicTest's pixels, not its labels.
"""
import json, math, os, shutil, subprocess, sys, tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = ROOT/'models'/'members'
RECORD = ('config.json', 'history.csv', 'metrics.json', 'curves.png', 'report.txt')


def record(run: Path, name: str, last: bool = False):
    "Copy a finished run's record and its best (or `last`) checkpoint, batch norms folded, into models/members/NAME."
    run = run.resolve()
    net = run/('last.keras' if last else 'model.keras')
    for f in (net, run/'metrics.json', Path(f'{run}.cmd'), Path(f'{run}.log')):
        if not f.exists(): sys.exit(f"{f}: missing (a finished fer_train run, its command and its log are needed)")
    out = MEMBERS/name
    out.mkdir(parents=True, exist_ok=True)
    for f in RECORD: shutil.copy(run/f, out/f)
    shutil.copy(f'{run}.cmd', out/'command.txt')
    shutil.copy(f'{run}.log', out/'train.log')
    portable(out)
    m = json.loads((run/'metrics.json').read_text())
    kept = dict(checkpoint='last', epoch=m['epochs_run']) if last else dict(checkpoint='best', epoch=m['best_epoch'])
    (out/'checkpoint.json').write_text(json.dumps(kept) + '\n')
    with tempfile.TemporaryDirectory() as d:
        net = _network(net, Path(d))
        subprocess.run(['fer_export', str(out/'model.keras'), '--format', 'keras', '--model', str(net)], check=True)


def _network(path: Path, tmp: Path) -> Path:
    "A file of the network a checkpoint trains: a distilled run's `last.keras` holds its distiller, the student inside."
    from fer_nb.model import load_model
    from fer_nb.training import student_of
    model = load_model(path)
    if student_of(model) is model: return path
    student_of(model).save(tmp/'student.keras')
    return tmp/'student.keras'


def portable(out: Path):
    "The record names its data, the network it started from and its teachers as this repository does, not by where they lay."
    cfg = json.loads((out/'config.json').read_text())
    given = [p for k in ('data', 'init', 'teacher') for p in (cfg.get(k) or '').split(',') if Path(p).is_absolute()]
    paths = {p: _in_repo(Path(p)) for p in given}
    for f in ('config.json', 'train.log', 'command.txt'):
        if not (out/f).exists(): continue
        text = (out/f).read_text()
        for path, name in paths.items(): text = text.replace(path, name)
        (out/f).write_text(text)


def _in_repo(path: Path) -> str:
    "`path` from the repository's root when it lies in it (a member as a teacher), else its file name (your data)."
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def record_shipped(name: str, card=ROOT/'models'/'fer_nb-s2d'):
    "The network inside the shipped file, without its mirror averaging, and the record of the run that trained it."
    import keras
    from fer_nb.model import ClassNames, FlipPair, load_model, model_classes
    shipped = load_model()
    if not any(isinstance(l, FlipPair) for l in shipped.layers): sys.exit("the shipped file does not average mirror images")
    core = next(l for l in shipped.layers if isinstance(l, keras.Model))  # flip_average's `{name}_core`
    net = keras.Model(core.input, ClassNames(model_classes(shipped), name='classes')(core.output), name=shipped.name)
    out = MEMBERS/name
    out.mkdir(parents=True, exist_ok=True)
    net.save(out/'model.keras')
    for f in RECORD: shutil.copy(card/f, out/f)
    shutil.copy(card/'command.txt', out/'command.txt')
    shutil.copy(card/'train.log', out/'train.log')


def scores(p: np.ndarray, y: np.ndarray, classes: tuple) -> dict:
    "Accuracy on all faces, and on the five reference classes' faces restricted to those classes; disgust recall there."
    from fer_nb.data import class_names
    five = [classes.index(c) for c in class_names('reference')]
    keep = np.isin(y, five)
    pred, t = p[keep][:, five].argmax(1), np.array([five.index(v) for v in y[keep]])
    disgust = class_names('reference').index('disgust')
    return dict(seven=float((p.argmax(1) == y).mean()), five=float((pred == t).mean()),
                disgust_five=float((pred[t == disgust] == disgust).mean()))


def probs(path: Path, faces) -> tuple:
    "A member's probabilities of `faces.classes` for each face and for its mirror image (one network pass each)."
    from fer_nb.model import load_model, model_classes
    m, x = load_model(path), faces.x.astype('float32')
    cols = [model_classes(m).index(c) for c in faces.classes]
    return tuple(m.predict(v, batch_size=256, verbose=0)[:, cols] for v in (x, x[:, :, ::-1]))


def score(names: list):
    "Score each member and the ensembles of its first k members on PublicTest; write models/members/scores.md."
    from fer_nb.data import load_faces
    data = os.environ.get('DATA', 'fer2013.csv.gz')
    faces = load_faces(data, 'fer7', verbose=False)
    faces = faces.subset(faces.usage == 'PublicTest')
    names = names or sorted(p.name for p in MEMBERS.iterdir() if (p/'model.keras').exists())
    plain, mirrored, rows = [], [], []
    for n in names:
        p, m = probs(MEMBERS/n/'model.keras', faces)
        plain.append(p); mirrored.append((p + m) / 2)
        alone, together, one_pass = (scores(q, faces.y, faces.classes)
                                     for q in (mirrored[-1], np.mean(mirrored, 0), np.mean(plain, 0)))
        rows.append((n, alone, together, one_pass))
        print(n, json.dumps(dict(alone=alone, ensemble=together, without_mirror=one_pass)), flush=True)
    lines = ['| members | member alone: seven | five | ensemble of the first k: seven | five | disgust recall (five) '
             '| the same without mirror images: seven | five |',
             '|---|---:|---:|---:|---:|---:|---:|---:|']
    lines += [f"| {k}. `{n}` | {a['seven']:.1%} | {a['five']:.1%} | {e['seven']:.1%} | {e['five']:.1%} | {e['disgust_five']:.2f} "
              f"| {o['seven']:.1%} | {o['five']:.1%} |" for k, (n, a, e, o) in enumerate(rows, 1)]
    text = '\n'.join(lines) + '\n'
    (MEMBERS/'scores.md').write_text(text)
    (MEMBERS/'scores.json').write_text(json.dumps([dict(member=n, alone=a, ensemble=e, without_mirror=o)
                                                   for n, a, e, o in rows], indent=1) + '\n')
    print(text)


def share(model: Path, cls: str) -> float:
    "The factor of `cls` (rounded up to 0.01) that makes `model` name it as often on PublicTest as it is among Training."
    from fer_nb.data import load_faces
    from fer_nb.model import load_model, model_classes, share_factor
    faces = load_faces(os.environ.get('DATA', 'fer2013.csv.gz'), 'fer7', verbose=False)
    if cls not in faces.classes: sys.exit(f"{cls}: not a FER2013 class ({', '.join(faces.classes)})")
    y = faces.y[faces.usage == 'Training']
    m, test = load_model(model), faces.subset(faces.usage == 'PublicTest')
    p = m.predict(test.x.astype('float32'), batch_size=256, verbose=0)
    return math.ceil(share_factor(p, model_classes(m).index(cls), (y == faces.classes.index(cls)).mean()) * 100) / 100


if __name__ == '__main__':
    cmd, args = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ('', [])
    last = '--last' in args
    if last: args.remove('--last')
    if cmd == 'record' and len(args) == 2: record(Path(args[0]), args[1], last)
    elif cmd == 'record-shipped' and len(args) == 1: record_shipped(args[0])
    elif cmd == 'score': score(args)
    elif cmd == 'portable' and len(args) == 1: portable(Path(args[0]))
    elif cmd == 'share' and len(args) == 2: print(f"{share(Path(args[0]), args[1]):.2f}")
    else: sys.exit(__doc__)
