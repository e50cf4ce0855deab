import json
import numpy as np
import pytest
from conftest import run_main

RUN_FILES = {'model.keras', 'history.csv', 'metrics.json', 'curves.png', 'confusion_matrix.png', 'predictions.png', 'config.json'}


def test_fer_train_console_script_writes_run_folder(trained_run):
    "The console script writes the run folder, and its figures are those of the confusion matrix (06_cli runs the rest)."
    out, r = trained_run
    assert RUN_FILES <= {p.name for p in out.iterdir()}
    js = json.loads((out/'metrics.json').read_text())
    assert (js['n_train'], js['n_val'], js['n_test'], js['epochs_run'], js['arch']) == (180, 10, 10, 1, 'vgg')
    assert js['test_accuracy'] == pytest.approx(np.trace(js['confusion']) / 10)
    assert js['macro_f1'] == pytest.approx(np.mean(list(js['f1'].values())))
    assert 'test accuracy' in r.stdout


def test_fer_evaluate_json(trained_run):
    out, _ = trained_run
    r = run_main('fer_evaluate', '--model', str(out/'model.keras'), '--json')
    assert r.returncode == 0, r.stderr[-2000:]
    js = json.loads(r.stdout.strip().splitlines()[-1])
    assert {'accuracy', 'macro_f1', 'recall', 'n'} <= set(js)
    from fer_nb.data import load_faces
    from fer_nb.evaluation import evaluate
    from fer_nb.inference import Predictor
    m = evaluate(Predictor(out/'model.keras'), load_faces(verbose=False))  # what the command printed is what the library computes
    assert js['n'] == m['n'] == 1080
    assert (js['accuracy'], js['macro_f1']) == pytest.approx((m['accuracy'], m['macro_f1']))
    assert js['recall'] == pytest.approx(m['recall'])


def test_fer_evaluate_shipped_models_by_name():
    "`--model fast` scores the shipped fast file, as its path does; without --model, the default (an ensemble) is scored."
    from fer_nb.inference import shipped_onnx_path
    r = run_main('fer_evaluate', '--model', 'fast')
    assert r.returncode == 0 and 'model shipped (fer_nb_fast.onnx)' in r.stdout, r.stderr[-2000:]
    fast, path, default = (json.loads(run_main('fer_evaluate', *a, '--json').stdout.strip().splitlines()[-1])
                           for a in (['--model', 'fast'], ['--model', str(shipped_onnx_path('fast'))], []))
    assert fast == path and fast['n'] == default['n'] == 1080
    assert fast['confusion'] != default['confusion']  # two models: they differ on some of the sample's faces


def test_fer_evaluate_seven_class_input(trained_run, tmp_path, sample):
    "A Kaggle-format seven-class file is scored on the five classes it shares with the model."
    out, _ = trained_run
    fer7 = {0: 0, 1: 1, 2: 4, 3: 3, 4: 5}  # reference label -> FER2013 label
    rows = [f"{fer7[y]},{' '.join(map(str, x.ravel()))},PrivateTest" for x, y in zip(sample.x[:40], sample.y[:40])]
    rows += [f"{k},{' '.join(['5']*2304)},PrivateTest" for k in (2, 6, 6)]  # fear, neutral: not in the model
    p = tmp_path/'fer2013.csv'
    p.write_text('emotion,pixels,Usage\n' + '\n'.join(rows) + '\n')
    r = run_main('fer_evaluate', '--data', str(p), '--model', str(out/'model.keras'), '--json')
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1])['n'] == 40


def test_fer_evaluate_one_partition(trained_run, tmp_path, sample):
    "--usage scores only the faces of one partition, and says which partitions exist when asked for a missing one."
    out, _ = trained_run
    rows = [f"{[0, 1, 4, 3, 5][y]},{' '.join(map(str, x.ravel()))},{'PublicTest' if i < 30 else 'Training'}"
            for i, (x, y) in enumerate(zip(sample.x[:50], sample.y[:50]))]
    p = tmp_path/'fer2013.csv'
    p.write_text('emotion,pixels,Usage\n' + '\n'.join(rows) + '\n')
    r = run_main('fer_evaluate', '--data', str(p), '--model', str(out/'model.keras'), '--usage', 'publictest', '--json',
                '--out', str(tmp_path/'scored'))
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout.strip().splitlines()[-1])['n'] == 30
    assert json.loads((tmp_path/'scored'/'metrics.json').read_text())['n'] == 30
    assert (tmp_path/'scored'/'confusion_matrix.png').stat().st_size > 1000
    r = run_main('fer_evaluate', '--data', str(p), '--model', str(out/'model.keras'), '--usage', 'PrivateTest')
    assert r.returncode == 2 and "no faces in partition 'PrivateTest'; it has PublicTest, Training" in r.stderr
    r = run_main('fer_evaluate', '--model', str(out/'model.keras'), '--usage', 'PublicTest')
    assert r.returncode == 2 and 'has no Usage column' in r.stderr
