"`fer_predict --parquet` on a real Ray cluster of two nodes on 127.0.0.1, and a job that loses a worker process mid-way."
import os, secrets, signal, subprocess, sys, time
from pathlib import Path
import cv2
import pandas as pd
import pytest
from conftest import free_port

ray = pytest.importorskip('ray', reason='Ray is not installed (pip install "fer_nb[ray]")')
RAY = str(Path(sys.executable).parent/'ray')
KEYS = ['frame', 'x', 'y', 'w', 'h', 'emotion']


@pytest.fixture(scope='module')
def inputs(tmp_path_factory, sample):
    "A folder of two pictures, a clip long enough for two segments, and a corrupt video."
    from fer_nb.inference import compose_group
    from fer_nb.video import drifting_faces_clip
    d = tmp_path_factory.mktemp('inputs')
    cv2.imwrite(str(d/'group.png'), compose_group(sample.x[[3, 40, 500]]))
    cv2.imwrite(str(d/'face.jpg'), cv2.resize(sample.x[7].squeeze(), (240, 240)))
    drifting_faces_clip(d/'clip.mp4', sample.x, seconds=6)
    (d/'corrupt.mp4').write_bytes((d/'clip.mp4').read_bytes()[:3000])
    return d


@pytest.fixture(scope='module')
def plain(inputs, tmp_path_factory):
    "The rows of plain `fer_predict --csv` on the same inputs."
    out = tmp_path_factory.mktemp('plain')/'faces.csv'
    r = subprocess.run(['fer_predict', str(inputs), '--csv', str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and 'corrupt.mp4' in r.stderr, r.stderr[-2000:]
    return pd.read_csv(out)


def _same_rows(job:Path, plain:pd.DataFrame):
    "The Parquet rows equal plain `fer_predict`'s: photos exactly, videos up to id numbering; the corrupt file is one error row."
    t = pd.read_parquet(job)
    errors = t[t.error.notna()]
    assert errors.path.map(lambda p: Path(p).name).tolist() == ['corrupt.mp4']
    faces = t[t.emotion.notna()]
    for kind in ('photo', 'video'):
        ours, theirs = faces[faces.kind == kind], plain[plain.frame.isna() == (kind == 'photo')]
        cols = ['path', *KEYS] + (['id'] if kind == 'photo' else [])
        a = ours[cols].sort_values(cols).reset_index(drop=True)
        b = theirs[cols].sort_values(cols).reset_index(drop=True)
        pd.testing.assert_frame_equal(a, b, check_dtype=False)
    v = faces[faces.kind == 'video'].merge(plain[plain.frame.notna()], on=['path', 'frame', 'x', 'y', 'w', 'h'], suffixes=('', '_plain'))
    assert len(v) == len(faces[faces.kind == 'video'])
    pairs = v.groupby('id').id_plain.nunique()
    assert (pairs == 1).all() and v.groupby('id_plain').id.nunique().eq(1).all()  # one id for one id: a renumbering


@pytest.fixture()
def cluster(tmp_path):
    "A Ray head and a second node, one CPU each, on 127.0.0.1 ports of their own, with a token of their own; stopped afterwards."
    port, env = free_port(), dict(os.environ, RAY_AUTH_MODE='token', RAY_AUTH_TOKEN=secrets.token_hex(16))  # every process of the cluster needs the token
    common = ['--num-cpus', '1', '--node-ip-address', '127.0.0.1', '--object-store-memory', str(200 << 20), '--disable-usage-stats']
    try:
        subprocess.run([RAY, 'start', '--head', '--port', str(port), '--include-dashboard', 'false', *common],
                       check=True, capture_output=True, timeout=120, env=env)
        subprocess.run([RAY, 'start', '--address', f'127.0.0.1:{port}', *common], check=True, capture_output=True, timeout=120, env=env)
        yield f'127.0.0.1:{port}', env
    finally: subprocess.run([RAY, 'stop', '--force'], capture_output=True, timeout=120, env=env)


def test_two_node_cluster_gives_plain_results(cluster, inputs, plain, tmp_path):
    (address, env), job = cluster, tmp_path/'job'
    cmd = ['fer_predict', str(inputs), '--parquet', str(job), '--ray', address, '--segment', '1']
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 1, r.stderr[-3000:]
    assert r.stdout.startswith('4 inputs, 7 tasks (0 written before): '), r.stdout  # a task of pictures and six segments
    _same_rows(job, plain)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert '4 inputs, 6 tasks (6 written before)' in again.stdout, again.stdout  # a rerun skips what is written
    assert 'tried again: 1 input that failed in an earlier run' in again.stderr, again.stderr  # and tries the corrupt video again
    _same_rows(job, plain)


def test_killed_worker_loses_nothing(inputs, plain, tmp_path):
    "A worker process killed in mid-job: Ray restarts it and retries its task; every row is there once."
    job = tmp_path/'job'
    p = subprocess.Popen(['fer_predict', str(inputs), '--parquet', str(job), '--workers', '2', '--segment', '1'],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline, killed = time.time() + 240, None
        while killed is None and time.time() < deadline and p.poll() is None:
            pids = subprocess.run(['pgrep', '-f', 'ray::parquet_task'], capture_output=True, text=True).stdout.split()
            if pids and any(job.glob('kind=video/*.parquet')):  # the workers are at work: one dies
                killed = int(pids[0]); os.kill(killed, signal.SIGKILL)
            time.sleep(0.1)
        out, err = p.communicate(timeout=300)
    finally:
        if p.poll() is None: os.killpg(p.pid, signal.SIGKILL)
    assert killed is not None, 'no worker process was seen'
    assert p.returncode == 1, err[-3000:]
    _same_rows(job, plain)
