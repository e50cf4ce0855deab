import os, socket, subprocess
from pathlib import Path
import numpy as np
import pytest

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '2')
from fer_nb.data import load_faces

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT/'nbs').glob('*.ipynb'))
FIRST = ('test_notebook[03_training]',)  # the longest test: started first, while the other worker shares out the rest


def pytest_collection_modifyitems(items):
    "The notebooks before the other tests, the longest first: pytest-xdist (`make test`) hands tests out in this order."
    items.sort(key=lambda item: (item.name not in FIRST, not item.name.startswith('test_notebook[')))


SHARED = {f'tests/test_{m}.py': 'trained_run' for m in ('cli', 'export', 'predict')}  # the files that share `trained_run`


def pytest_xdist_make_scheduler(config, log):
    "pytest-xdist's `loadscope`, each notebook a unit and each other file one, so that a file's fixtures are made once."
    from xdist.scheduler import LoadScopeScheduling
    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            file = nodeid.split('::')[0]
            return nodeid if 'test_notebook[' in nodeid else SHARED.get(file, file)
    return Units(config, log)


@pytest.fixture(scope='session')
def sample():
    return load_faces(verbose=False)

@pytest.fixture(scope='session')
def tiny_csv(tmp_path_factory, sample):
    "200 of the sample's faces, 40 a class, as a reference-format CSV: a training epoch on them takes about a second."
    idx = np.concatenate([np.flatnonzero(sample.y == c)[:40] for c in range(len(sample.classes))])
    p = tmp_path_factory.mktemp('tiny')/'tiny.csv'
    p.write_text('emotion,pixels\n' + ''.join(f"{sample.y[i]},{' '.join(map(str, sample.x[i].ravel()))}\n" for i in idx))
    return p

@pytest.fixture(scope='session')
def trained_run(tmp_path_factory, tiny_csv):
    "A one-epoch fer_train run of the small `vgg` network on `tiny_csv`, through the console script."
    out = tmp_path_factory.mktemp('run')/'run'
    r = run_cli('fer_train', '--data', str(tiny_csv), '--arch', 'vgg', '--out', str(out), '--epochs', '1')
    assert r.returncode == 0, r.stderr[-2000:]
    return out, r

def free_port() -> int:
    "A TCP port on 127.0.0.1 that nothing listens on now, for a server a test starts."
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def run_cli(cmd, *args, timeout=600):
    "Run one of fer_nb's console scripts; return the completed process."
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='2')
    return subprocess.run([cmd, *args], capture_output=True, text=True, timeout=timeout, env=env)

COMMANDS = {'fer_train': 'fer_nb.cli', 'fer_evaluate': 'fer_nb.cli', 'fer_export': 'fer_nb.export', 'fer_predict': 'fer_nb.predict'}

def run_main(cmd, *args):
    "Run one of fer_nb's commands in this process, as its console script would (TensorFlow's start-up is paid once a session); return what `run_cli` does."
    import importlib, io
    from contextlib import redirect_stderr, redirect_stdout
    from fer_nb.cli import main
    func = getattr(importlib.import_module(COMMANDS[cmd]), cmd)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err): rc = main(func, list(args), prog=cmd)
    return subprocess.CompletedProcess([cmd, *args], rc, out.getvalue(), err.getvalue())

def face_row(label, value=7, n=2304):
    return f"{label},{' '.join([str(value)]*n)}"


@pytest.fixture(scope='session')
def parquet_inputs(tmp_path_factory, sample):
    "A folder for the Parquet job: two pictures, a clip long enough for six one-second segments, and a corrupt video."
    import cv2
    from fer_nb._fixtures import compose_group, drifting_faces_clip
    d = tmp_path_factory.mktemp('inputs')
    cv2.imwrite(str(d/'group.png'), compose_group(sample.x[[3, 40, 500]]))
    cv2.imwrite(str(d/'face.jpg'), cv2.resize(sample.x[7].squeeze(), (240, 240)))
    drifting_faces_clip(d/'clip.mp4', sample.x, seconds=6)
    (d/'corrupt.mp4').write_bytes((d/'clip.mp4').read_bytes()[:3000])
    return d


@pytest.fixture(scope='session')
def parquet_plain(parquet_inputs, tmp_path_factory):
    "The rows of plain `fer_predict --csv` on `parquet_inputs`."
    import pandas as pd
    out = tmp_path_factory.mktemp('plain')/'faces.csv'
    r = subprocess.run(['fer_predict', str(parquet_inputs), '--csv', str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and 'corrupt.mp4' in r.stderr, r.stderr[-2000:]
    return pd.read_csv(out)


def same_parquet_rows(table, plain):
    "A Parquet job's rows equal plain `fer_predict`'s, files matched by name: photos exactly, videos up to id numbering; the corrupt file is one error row."
    import pandas as pd
    keys = ['frame', 'x', 'y', 'w', 'h', 'emotion']
    t, plain = table.assign(path=table.path.map(lambda p: Path(p).name)), plain.assign(path=plain.path.map(lambda p: Path(p).name))
    assert t[t.error.notna()].path.tolist() == ['corrupt.mp4']
    faces = t[t.emotion.notna()]
    for kind in ('photo', 'video'):
        ours, theirs = faces[faces.kind == kind], plain[plain.frame.isna() == (kind == 'photo')]
        cols = ['path', *keys] + (['id'] if kind == 'photo' else [])
        a = ours[cols].sort_values(cols).reset_index(drop=True)
        b = theirs[cols].sort_values(cols).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    v = faces[faces.kind == 'video'].merge(plain[plain.frame.notna()], on=['path', 'frame', 'x', 'y', 'w', 'h'], suffixes=('', '_plain'))
    assert len(v) == len(faces[faces.kind == 'video'])
    assert v.groupby('id').id_plain.nunique().eq(1).all() and v.groupby('id_plain').id.nunique().eq(1).all()  # one id for one id: a renumbering
