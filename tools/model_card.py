"""Write a model card for a fer_train run folder from its own files: `python tools/model_card.py RUN_DIR [--command FILE] [--shipped JSON] [--shipped7 JSON]`,
or for a shipped ensemble: `python tools/model_card.py MODEL_DIR --ensemble NAME...` (as `tools/ship_ensemble.sh` writes it);
`python tools/model_card.py --all` writes every card under models/ again (tests/test_records.py checks none has changed).

Every number in the card comes from the run's `config.json`, `history.csv` and `metrics.json` and from what
`fer_evaluate --out` wrote for the shipped file: on the five-class faces with `--classes reference` (`--shipped`) and on
all seven classes (`--shipped7`), so the card can be regenerated and checked against them."""
import argparse, json, re, sys, textwrap
from pathlib import Path
import pandas as pd

MEMBERS, FAST = Path('models/members'), Path('models/fer_nb-fast')  # from the repository's root, where the tools run


def _md(df: pd.DataFrame) -> str:
    "A Markdown table of `df`, index included."
    rows = [[str(i), *(str(df[c].iloc[k]) for c in df.columns)] for k, i in enumerate(df.index)]
    head = ['', *map(str, df.columns)]
    return '\n'.join('| ' + ' | '.join(r) + ' |' for r in [head, ['---']*len(head), *rows])


def _results(m: dict, title: str, confusion) -> str:
    "A section of per-class figures and the confusion matrix of one `fer_evaluate` metrics file."
    classes = m['classes']
    cm = pd.DataFrame(m['confusion'], index=[f'true {c}' for c in classes], columns=classes)
    per_class = pd.DataFrame({'precision': m['precision'], 'recall': m['recall'], 'f1': m['f1'], 'faces': m['support']}).round(3)
    return f"""### {title}
- Accuracy **{m['accuracy']:.1%}**, macro F1 **{m['macro_f1']:.3f}**, disgust recall **{m['recall'].get('disgust', float('nan')):.3f}**.

{_md(per_class)}

Confusion matrix (rows: true class, columns: predicted):

{_md(cm)}

![confusion matrix]({confusion})
"""


def _minutes(run: Path, m: dict) -> float:
    """Minutes of training: `train_s` in `metrics.json`, every epoch's seconds across resumes; for a run from before
    fer_train kept it, the epochs' times in its `train.log` summed (its `wall_s` times only its last process)."""
    if m.get('train_s'): return m['train_s'] / 60
    log = run/'train.log'
    seconds = re.findall(r'^\d+/\d+ - (\d+)s - ', log.read_text(), re.M) if log.exists() else []
    return sum(map(int, seconds)) / 60 if seconds else m['wall_s'] / 60


def _training(command, recipe, restart, m, v, devices, backend, key, hist, minutes) -> str:
    "The card's Training section: commands, recipe, epochs, machine and final epoch."
    weighted = '' if recipe.get('class_weight', 'none') == 'none' else ', class-weighted'
    return f"""## Training
- Commands:

```sh
{command}
```

- Recipe: {', '.join(f'{k}={v}' for k, v in recipe.items())}.{restart}
- Epochs run: {m['epochs_run']} (best validation loss at epoch {m['best_epoch']}); training time {minutes:.0f} min.
- Hardware and software: {v.get('cpus', '?')} CPU cores{devices}, {v.get('platform', '?')}; {backend} {v.get(key, '?')}, Keras {v.get('keras', '?')}, Python {v.get('python', '?')}.
- Final epoch: training accuracy {hist.accuracy.iloc[-1]:.3f} (augmented{weighted} batches), validation accuracy {hist.val_accuracy.iloc[-1]:.3f}.
"""


def card(run: Path, command: str, shipped: Path | None = None, shipped7: Path | None = None) -> str:
    cfg, m = json.loads((run/'config.json').read_text()), json.loads((run/'metrics.json').read_text())
    trained = m
    confusion = 'confusion_matrix.png'
    if shipped:
        m = {**m, **json.loads(Path(shipped).read_text())}
        confusion = Path(shipped).parent.relative_to(run) / 'confusion_matrix.png' if Path(shipped).parent != run else confusion
    hist = pd.read_csv(run/'history.csv')
    v = cfg.get('versions', {})
    key = v.get('backend', 'tensorflow')  # runs from before the backend was recorded trained on TensorFlow
    backend = {'tensorflow': 'TensorFlow', 'jax': 'JAX', 'torch': 'PyTorch'}[key]
    accelerators = [d for d in v.get('devices', []) if not d.startswith('cpu')]
    devices = f" and {', '.join(accelerators)}" if accelerators else ""
    classes = m['classes']
    scored = 'validation faces' if m.get('test_is_val') else 'test faces'
    cm = pd.DataFrame(m['confusion'], index=[f'true {c}' for c in classes], columns=classes)
    per_class = pd.DataFrame({'precision': m['precision'], 'recall': m['recall'], 'f1': m['f1'], 'faces': m['support']}).round(3)
    weakest = sorted(classes, key=lambda c: m['recall'][c])[:2]
    recipe = {k: cfg[k] for k in ('arch', 'classes', 'epochs', 'batch_size', 'lr', 'optimizer', 'weight_decay', 'schedule',
                                  'warmup', 'label_smoothing', 'class_weight', 'patience', 'augment', 'erase', 'mixup', 'seed', 'split', 'stratify',
                                  *(('init',) if cfg.get('init') else ()), *(('teacher', 'distill') if cfg.get('teacher') else ()))
              if k in cfg}  # runs from before `erase` or `mixup` existed have no such key
    restart = ''
    if cfg.get('init'):  # a warm restart: the earlier run's record is in init/ (tools/ship_model.sh copies it)
        icfg, im = (json.loads((run/'init'/f).read_text()) for f in ('config.json', 'metrics.json'))
        kept = run/'init'/'checkpoint.json'  # a member's record says which epoch it kept (`tools/members.py record`)
        kept = json.loads(kept.read_text()) if kept.exists() else dict(checkpoint='best', epoch=im['best_epoch'])
        which = 'the best checkpoint' if kept['checkpoint'] == 'best' else 'the last epoch'
        restart = f"""
- Warm restart: the run started from the weights of `{cfg['init']}`, {which} (epoch {kept['epoch']}) of an
  earlier {icfg['epochs']}-epoch run of the same network ({_minutes(run/'init', im):.0f} min; command, log, history and metrics in `init/`), with a new
  schedule and optimizer; {kept['epoch'] + m['best_epoch']} epochs of training in all up to the shipped checkpoint."""
    if cfg.get('teacher'):  # distilled: the teachers ran on the warped faces the network saw (`fer_nb.training.distiller`)
        restart += f"""
- Distillation: the network learnt {cfg['distill']:g} x the probabilities of `{cfg['teacher']}` (its teachers, run on the
  same warped faces at every step) + {1 - cfg['distill']:g} x the labels. The teachers' accuracy on the validation faces, as the
  history records it: {hist.val_teacher_accuracy.iloc[-1]:.1%}."""
    flip = '--flip' in command
    training = _training(command, recipe, restart, trained, v, devices, backend, key, hist, _minutes(run, trained))
    if shipped7: return _card7(run, cfg, trained, json.loads(Path(shipped7).read_text()), m, training, flip,
                               Path(shipped7).parent.relative_to(run), confusion)
    restricted = "" if classes == trained['classes'] else f"""
It was trained on {len(trained['classes'])} classes ({', '.join(trained['classes'])}) and then restricted to these
{len(classes)} by `fer_export --format keras --classes ...`: the model's probabilities for the {len(classes)} classes,
renormalised to sum to one. On all {len(trained['classes'])} classes of the same {trained['n']:,} faces the trained network scores
accuracy {trained['accuracy']:.1%}, macro F1 {trained['macro_f1']:.3f}{' (without flip averaging)' if flip else ''}.
"""
    if flip: restricted += """
The shipped file averages the network's probabilities for each face and for its mirror image (`fer_export --flip`,
`fer_nb.model.flip_average`): one model call on twice the faces, so it costs twice the arithmetic of the bare network.
"""
    if 'fer_export' in command: restricted += """
Like every `fer_export` output, its batch norms are folded into the convolutions before them (`fer_nb.model.fold_batchnorm`):
the same probabilities to within 1e-6, with less arithmetic per face.
"""
    return f"""# Model card: {run.name}

A network of architecture `{cfg['arch']}` ({m['params']:,} parameters) that classifies 48x48 grey faces into {len(classes)} expressions:
{', '.join(classes)}. It takes raw 0-255 pixels (standardisation is its first layer) and outputs one probability per
class; its class names are stored in the model (`fer_nb.model.model_classes`).
{restricted}
## Data
- Source: `{Path(cfg['data']).name}` (FER2013 `Training` and `PublicTest` partitions, real faces), class set `{cfg['classes']}`.
- Split `{cfg['split']}`: {m['n_train']:,} training faces, {m['n_val']:,} validation faces; the figures below are on the {m['n']:,}
  {len(classes)}-class {scored}{' (the data hold no test faces)' if m.get('test_is_val') else ''}.

{training}
## Results on the {scored}
- Accuracy **{m['accuracy']:.1%}**, macro F1 **{m['macro_f1']:.3f}**, disgust recall **{m['recall'].get('disgust', float('nan')):.3f}**.

{_md(per_class)}

Confusion matrix (rows: true class, columns: predicted):

{_md(cm)}

![confusion matrix]({confusion}) ![learning curves](curves.png)
{_study(cfg, m)}
## Known weaknesses
- The weakest classes by recall are {weakest[0]} ({m['recall'][weakest[0]]:.2f}) and {weakest[1]} ({m['recall'][weakest[1]]:.2f}).
- The validation faces chose the best epoch, so these figures are slightly optimistic for new faces.
- FER2013 faces are low-resolution web crops, mostly frontal, with noisy labels; faces from other sources (other crops,
  poses, lighting, ages or ethnic distributions) may score lower. It recognises posed expressions, not emotions.
"""


def _study(cfg: dict, m: dict) -> str:
    "For a run of the reference study's experiment (its network, classes and split): the study's figures beside the run's."
    if (cfg['arch'], cfg['classes'], cfg['split']) != ('reference', 'reference', 'random'): return ''
    se, total = (m['accuracy'] * (1 - m['accuracy']) / m['n']) ** .5, m['n_train'] + m['n_val'] + m['n']
    return f"""
## Against the study
The reference study trained this network with this recipe on its `emotion.csv`, all 24,568 FER2013 faces of these five
classes, split 90/5/5 with `random_state=2020`, and reported accuracy 73.6%, macro F1 0.68 and disgust recall 0.33 on
its 1,229 test faces. This run's `{Path(cfg['data']).name}` holds {total:,} of those faces (FER2013's `Training` and
`PublicTest` partitions), so the same split gives {m['n']:,} test faces, not the study's: the two accuracies are two
samples of one experiment, each with a standard error of about {se * 100:.1f} points (this run's: {m['accuracy']:.1%} ± {se:.1%}).
"""


def _card7(run, cfg, trained, m7, m5, training, flip, dir7, confusion5):
    "The card of a model shipped with all seven classes, with its figures on the seven and on the reference study's five."
    classes = m7['classes']
    weakest = sorted(classes, key=lambda c: m7['recall'][c])[:2]
    flip_note = """
The shipped file averages the network's probabilities for each face and for its mirror image (`fer_export --flip`,
`fer_nb.model.flip_average`): one model call on twice the faces, so it costs twice the arithmetic of the bare network.
""" if flip else ''
    return f"""# Model card: {run.name}

A network of architecture `{cfg['arch']}` ({trained['params']:,} parameters) that classifies 48x48 grey faces into {len(classes)} expressions:
{', '.join(classes)}. It takes raw 0-255 pixels (standardisation is its first layer) and outputs one probability per
class; its class names are stored in the model (`fer_nb.model.model_classes`). `Predictor(classes='reference')`,
`fer_predict --classes reference` and `fer_evaluate --classes reference` restrict it to the reference study's five classes
(their probabilities renormalised to sum to one, `fer_nb.model.restrict_classes`).
{flip_note}
Like every `fer_export` output, its batch norms are folded into the convolutions before them (`fer_nb.model.fold_batchnorm`):
the same probabilities to within 1e-6, with less arithmetic per face.

## Data
- Source: `{Path(cfg['data']).name}` (FER2013 `Training` and `PublicTest` partitions, real faces), class set `{cfg['classes']}`.
- Split `{cfg['split']}`: {trained['n_train']:,} training faces, {trained['n_val']:,} validation faces (`PublicTest`); the data hold no
  test faces, so the figures below are on the validation faces: all {m7['n']:,} of them for the seven classes, and the {m5['n']:,}
  of the five classes for the reference study's five.

{training}
## Results on the validation faces

The validation faces chose the best epoch, so these figures are slightly optimistic for new faces.

{_results(m7, f"All seven classes ({m7['n']:,} faces)", dir7/'confusion_matrix.png')}
{_results(m5, f"The reference study's five classes ({m5['n']:,} faces, `--classes reference`)", confusion5)}
![learning curves](curves.png)

## Known weaknesses
- The weakest classes by recall are {weakest[0]} ({m7['recall'][weakest[0]]:.2f}) and {weakest[1]} ({m7['recall'][weakest[1]]:.2f}).
- FER2013 faces are low-resolution web crops, mostly frontal, with noisy labels; faces from other sources (other crops,
  poses, lighting, ages or ethnic distributions) may score lower. It recognises posed expressions, not emotions.
{_onnx(run, m7, m5)}{_recipes(run)}"""


def _onnx(run: Path, m7: dict, m5: dict) -> str:
    "The section on the 8-bit ONNX file that `Predictor('fast')` runs, from what `fer_evaluate --out` wrote into `onnx7/` and `onnx5/`."
    if not (run/'onnx7'/'metrics.json').exists(): return ''
    o7, o5 = (json.loads((run/d/'metrics.json').read_text()) for d in ('onnx7', 'onnx5'))
    row = lambda name, a, b: f"| {name} | {a['accuracy']:.1%} | {a['macro_f1']:.3f} | {b['accuracy']:.1%} | {b['macro_f1']:.3f} | {b['recall']['disgust']:.3f} |"
    if run.resolve() == FAST.resolve(): head = """## The fast model: the ONNX file that `Predictor('fast')` runs

`Predictor('fast')`, `fer_predict --model fast` and `fer_evaluate --model fast` run this network as
`fer_nb/assets/fer_nb_fast.onnx`, exported from the shipped `.keras` file with 8-bit convolutions (`fer_export
--format onnx-int8`, calibrated on the embedded sample; see `06a_export`), in ONNX Runtime, without TensorFlow. The
default model is an ensemble of networks (`models/fer_nb-ensemble`). The file names its classes in its
metadata."""
    else: head = f"""## The ONNX file that `Predictor('fast')` ran

Until the network of `{FAST}` replaced it, `Predictor('fast')`, `fer_predict --model fast` and
`fer_evaluate --model fast` ran this network as `fer_nb/assets/fer_nb_fast.onnx`, exported from the shipped `.keras`
file with 8-bit convolutions (`fer_export --format onnx-int8`, calibrated on the embedded sample; see `06a_export`), in
ONNX Runtime, without TensorFlow.{_member(run)}"""
    return f"""
{head} On the same faces:

| file | seven classes | macro F1 | five classes | macro F1 | disgust recall (five) |
|---|---:|---:|---:|---:|---:|
{row('`fer_nb.keras` (TensorFlow)', m7, m5)}
{row('`fer_nb_fast.onnx` (8-bit, ONNX Runtime)', o7, o5)}
"""


def _member(run: Path) -> str:
    "Where a network no longer shipped alone lives on: the member record of `models/members/` that holds its run."
    same = [m.name for m in sorted(MEMBERS.iterdir()) if (m/'history.csv').exists()
            and (m/'history.csv').read_text() == (run/'history.csv').read_text()]
    return f"\nIts weights and record are kept, for ensembles, as `{MEMBERS/same[0]}`." if same else ''


def _recipes(run: Path) -> str:
    "The record of the recipes tried against this model: `recipes.md` beside the card, if there is one."
    f = run/'recipes.md'
    return '\n' + f.read_text() if f.exists() else ''


def cards() -> dict:
    "Every model card under models/ and the text this script writes for it from the files beside it."
    out = {}
    for d in sorted(p.parent for p in Path('models').glob('*/MODEL_CARD.md')):
        if (d/'members.txt').exists(): out[d] = ensemble_card(d, (d/'members.txt').read_text().split())
        elif (d/'shipped7').exists():
            out[d] = card(d, (d/'command.txt').read_text().strip(), d/'shipped'/'metrics.json', d/'shipped7'/'metrics.json')
        else: out[d] = card(d, (d/'command.txt').read_text().strip())
    return out


def _kept(member: Path, m: dict) -> str:
    "The epoch whose weights a member keeps: the lowest validation loss's, or the last (`members.py record --last`)."
    kept = json.loads((member/'checkpoint.json').read_text()) if (member/'checkpoint.json').exists() else {}
    return f"{kept['epoch']} (the last)" if kept.get('checkpoint') == 'last' else str(m['best_epoch'])


def _fast(card: Path) -> str:
    "What the ensemble card says of the fast model: how it was made and its figures, from its own card's folder."
    if not (card/'onnx7'/'metrics.json').exists(): return ''
    cfg = json.loads((card/'config.json').read_text())
    o7, o5 = (json.loads((card/d/'metrics.json').read_text()) for d in ('onnx7', 'onnx5'))
    made = f"a network distilled from `{cfg['teacher']}`" if cfg.get('teacher') else 'a network trained alone'
    return (f"\nIt is {made} (commands, log and card: `{card}`);\nas 8-bit ONNX it scores {o7['accuracy']:.1%} on "
            f"seven classes and {o5['accuracy']:.1%} on five on the same faces, disgust recall {o5['recall']['disgust']:.2f} (five).")


def _scaled(out: Path, names: list, grow: dict) -> str:
    "What the ensemble card says of the factor of a class's probability (scale.txt), and the figures without it."
    if not (out/'scale.txt').exists(): return ''
    scale, plain = (out/'scale.txt').read_text().strip(), grow[names[-1]]['ensemble']
    return f"""

Disgust, 1.5% of the training faces, is the class that averaged networks name least readily, so the ensemble multiplies
its probability by a factor and renormalises (`{scale}`, in `scale.txt`; `fer_export --scale`): the factor that
makes it name disgust for as many `PublicTest` faces as disgust has among the `Training` faces, which PublicTest's
pixels choose, not its labels. Without it (the growth table's row {len(names)}) the ensemble scores {plain['seven']:.1%} on seven classes and
{plain['five']:.1%} on five, disgust recall {plain['disgust_five']:.2f} (five); the figures below are with it."""


def _gain_stops(rows: list, k: int) -> str:
    "Where the growth table stops paying: the best ensemble of more than the first `k` members, on each class set."
    if len(rows) <= k: return ''
    best = {c: max(range(k, len(rows)), key=lambda j: rows[j]['ensemble'][c]) for c in ('seven', 'five')}
    more = ' or '.join(f"{rows[j]['ensemble'][c]:.1%} on {c} classes (the first {j + 1}, {(j + 1) / k:.1f} times the "
                        f"arithmetic, {100 * (rows[j]['ensemble'][c] - rows[k - 1]['ensemble'][c]):+.1f} points)"
                        for c, j in best.items())
    shipped = rows[k - 1]['ensemble']
    return '\n\n' + textwrap.fill(f"Where the gain stops: the first {k} score {shipped['seven']:.1%} on seven classes and "
                                   f"{shipped['five']:.1%} on five; no ensemble of more members scores more than {more}.",
                                   120)


def ensemble_card(out: Path, names: list, members=MEMBERS, fast=FAST) -> str:
    "The card of the shipped ensemble: its members, how accuracy grows with them, its figures as .keras and 8-bit ONNX."
    k7, k5, o7, o5 = (json.loads((out/d/'metrics.json').read_text()) for d in ('keras7', 'keras5', 'onnx7', 'onnx5'))
    scores = json.loads((out/'scores.json').read_text())
    grow = {r['member']: r for r in scores}
    rows = []
    for n in names:
        cfg, m = (json.loads((members/n/f).read_text()) for f in ('config.json', 'metrics.json'))
        epochs = f"{m['epochs_run']} (warm restart of `{Path(cfg['init']).stem}`)" if cfg.get('init') else str(m['epochs_run'])
        a, kept = grow[n]['alone'], _kept(members/n, m)
        rows.append(f"| `{n}` | `{cfg['arch']}` | {cfg['seed']} | {epochs} | {kept} | {a['seven']:.1%} | {a['five']:.1%} |")
    params = sum(json.loads((members/n/'metrics.json').read_text())['params'] for n in names)
    weakest = sorted(k7['classes'], key=lambda c: k7['recall'][c])[:2]
    row = lambda name, a, b: (f"| {name} | {a['accuracy']:.1%} | {a['macro_f1']:.3f} | {b['accuracy']:.1%} | {b['macro_f1']:.3f} "
                              f"| {b['recall']['disgust']:.3f} |")
    return f"""# Model card: {out.name}

The model that `Predictor`, `fer_predict`, `fer_evaluate`, `fer_serve` and the Parquet job run by default
(`fer_nb/assets/fer_nb.onnx`): {len(names)} networks, each trained by `fer_train` on FER2013's `Training` faces, whose
probabilities it averages, each face's and its mirror image's ({2 * len(names)} network passes per face, {params:,} parameters in
all). It classifies 48x48 grey faces into {len(k7['classes'])} expressions: {', '.join(k7['classes'])}.
It takes raw 0-255 pixels and names its classes in its metadata; `--classes reference` (`Predictor(classes='reference')`)
restricts it to the reference study's five classes, their probabilities renormalised to sum to one.{_scaled(out, names, grow)}

The fast model (`Predictor(model='fast')`, `fer_predict --model fast`: `fer_nb/assets/fer_nb_fast.onnx`) is one
network, flip-averaged: {len(names)} times less arithmetic per face.{_fast(fast)}

## Members

Each member's commands, log, history, metrics and curves are in `models/members/NAME/` (`tools/members.py record`
copies them from its run folder); figures are on FER2013's `PublicTest` faces, each face averaged with its mirror image.

| member | architecture | seed | epochs | epoch kept | seven classes | five classes |
|---|---|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

## How accuracy grows with the members

Each member alone, and the ensemble of the first k, in the order they join. The shipped model is the ensemble of the
first {len(names)}{'; the rows below it show what more members would add' if len(grow) > len(names) else ''}. Each member costs as
much arithmetic again, so a member joins only while it pays: `benchmarks/README.md` gives the speed of crops, photos
and videos against the `fer` package. The last two columns average the same members without their mirror images: k
network passes per face instead of 2k, so each of their rows costs what the row of half as many members costs with
mirror images.

{(out/'scores.md').read_text().strip()}{_gain_stops(scores, len(names))}

`PublicTest` chose the epoch each member keeps and which members join: these figures are somewhat optimistic for new faces.

## Building it

```sh
{(out/'command.txt').read_text().strip()}
```

## Results on `PublicTest`

{_results(k7, f"All seven classes ({k7['n']:,} faces)", 'keras7/confusion_matrix.png')}
{_results(k5, f"The reference study's five classes ({k5['n']:,} faces, `--classes reference`)", 'keras5/confusion_matrix.png')}
## The ONNX file that `Predictor` runs

The ensemble as a `.keras` file runs in TensorFlow; the package ships its export with 8-bit convolutions
(`fer_export --format onnx-int8`; each member's first convolution, which sees the pixels, stays float), run by ONNX
Runtime without TensorFlow. On the same faces:

| file | seven classes | macro F1 | five classes | macro F1 | disgust recall (five) |
|---|---:|---:|---:|---:|---:|
{row('the ensemble, `.keras` (TensorFlow)', k7, k5)}
{row('`fer_nb.onnx` (8-bit, ONNX Runtime)', o7, o5)}

## Known weaknesses
- The weakest classes by recall are {weakest[0]} ({k7['recall'][weakest[0]]:.2f}) and {weakest[1]} ({k7['recall'][weakest[1]]:.2f}).
- FER2013 faces are low-resolution web crops, mostly frontal, with noisy labels; faces from other sources (other crops,
  poses, lighting, ages or ethnic distributions) may score lower. It recognises posed expressions, not emotions.
"""


if __name__ == '__main__':
    if sys.argv[1:] == ['--all']:  # every card again, from the files beside it
        for d, text in cards().items(): (d/'MODEL_CARD.md').write_text(text); print(f"wrote {d/'MODEL_CARD.md'}")
        sys.exit()
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('run'); p.add_argument('--command', help='file holding the exact training command')
    p.add_argument('--shipped', help='metrics.json that `fer_evaluate --out DIR` wrote for the shipped (restricted) model, inside RUN_DIR')
    p.add_argument('--shipped7', help='metrics.json that `fer_evaluate --out DIR` wrote for the shipped model on all seven classes, inside RUN_DIR')
    p.add_argument('--ensemble', nargs='+', metavar='NAME', help='RUN_DIR is a shipped ensemble of these members (tools/ship_ensemble.sh)')
    a = p.parse_args()
    run = Path(a.run)
    if a.ensemble:
        (run/'MODEL_CARD.md').write_text(ensemble_card(run, a.ensemble))
        sys.exit(print(f"wrote {run/'MODEL_CARD.md'}"))
    cmd = Path(a.command).read_text().strip() if a.command else (run/'command.txt').read_text().strip()
    (run/'MODEL_CARD.md').write_text(card(run, cmd, a.shipped, a.shipped7))
    print(f"wrote {run/'MODEL_CARD.md'}")
