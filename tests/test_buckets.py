"""The Parquet job on a real Ray cluster of two nodes and a real S3 server (moto's), all on 127.0.0.1: the corpus in
one bucket, the results in another."""
import contextlib, os, secrets, signal, subprocess, sys, time
from pathlib import Path

import httpx
import pandas as pd
import pytest
from conftest import free_port, run_main, same_parquet_rows

ray = pytest.importorskip('ray', reason='Ray is not installed (pip install "fer_nb[ray]")')
pytest.importorskip('moto', reason='moto is not installed (pip install "moto[server]"; the [dev] extra has it)')
from pyarrow import fs as pafs  # noqa: E402

RAY = str(Path(sys.executable).parent/'ray')


@pytest.fixture(scope='module')
def s3(parquet_inputs):
    "A moto S3 server on 127.0.0.1 with the bucket `corpus` (the inputs under `in/`) and an empty `results`."
    port = free_port()
    proc = subprocess.Popen([sys.executable, '-m', 'moto.server', '-H', '127.0.0.1', '-p', str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, deadline = f'http://127.0.0.1:{port}', time.monotonic() + 60
    while True:
        try: httpx.get(url + '/moto-api/', timeout=2); break
        except httpx.TransportError:
            assert time.monotonic() < deadline and proc.poll() is None, 'the S3 server did not start'
            time.sleep(0.2)
    env = dict(AWS_ENDPOINT_URL=url, AWS_ACCESS_KEY_ID='test', AWS_SECRET_ACCESS_KEY='test', AWS_REGION='us-east-1')
    admin = pafs.S3FileSystem(endpoint_override=f'127.0.0.1:{port}', scheme='http', access_key='test',
                              secret_key='test', region='us-east-1', allow_bucket_creation=True)
    for b in ('corpus', 'results'): admin.create_dir(b)
    for f in sorted(parquet_inputs.iterdir()):
        with admin.open_output_stream(f'corpus/in/{f.name}') as o: o.write(f.read_bytes())
    yield admin, env
    proc.terminate(); proc.wait(30)


def start_node(args, env, log, tries=2):
    "`ray start ARGS --block` in a process group of its own (so that stopping it stops this node alone), once it runs."
    for _ in range(tries):  # on a loaded machine a node may miss one of Ray's fixed start-up deadlines: then it starts again
        with open(log, 'w') as f:
            p = subprocess.Popen([RAY, 'start', *args, '--block'], stdout=f, stderr=subprocess.STDOUT, env=env,
                                 start_new_session=True)
        deadline = time.monotonic() + 120
        while 'Ray runtime started' not in Path(log).read_text():
            if p.poll() is not None or time.monotonic() > deadline: break
            time.sleep(0.2)
        else: return p
        with contextlib.suppress(ProcessLookupError): os.killpg(p.pid, signal.SIGKILL)  # what is left of it
        p.wait()
    raise AssertionError(f'ray start failed {tries} times: {Path(log).read_text()[-2000:]}')


@pytest.fixture(scope='module')
def cluster(tmp_path_factory):
    "A Ray head and a second node, one CPU each, on 127.0.0.1 ports of their own, with a token of their own."
    # every process of the cluster, and the job's driver, needs the token
    port, env = free_port(), dict(os.environ, RAY_AUTH_MODE='token', RAY_AUTH_TOKEN=secrets.token_hex(16))
    common = ['--num-cpus', '1', '--node-ip-address', '127.0.0.1', '--object-store-memory', str(200 << 20),
              '--disable-usage-stats']
    logs, nodes = tmp_path_factory.mktemp('ray'), []
    try:  # not `ray stop`, which stops every Ray of the machine: another test's, or the user's own
        nodes.append(start_node(['--head', '--port', str(port), '--include-dashboard', 'false', *common], env, logs/'head'))
        nodes.append(start_node(['--address', f'127.0.0.1:{port}', *common], env, logs/'node'))
        yield f'127.0.0.1:{port}', env
    finally:
        for p in nodes: os.killpg(p.pid, signal.SIGKILL); p.wait()


def cluster_pids(env, pattern):
    "The processes of this cluster (they hold its token) whose command lines match `pattern`."
    pids = subprocess.run(['pgrep', '-f', pattern], capture_output=True, text=True).stdout.split()
    token = f"RAY_AUTH_TOKEN={env['RAY_AUTH_TOKEN']}".encode()
    def ours(pid):
        try: return token in Path(f'/proc/{pid}/environ').read_bytes().split(b'\0')
        except OSError: return False  # gone, or not ours to read
    return [int(p) for p in pids if ours(p)]


@pytest.fixture(scope='module')
def job(s3, cluster):
    "`fer_predict --parquet` on the cluster, from the corpus bucket into `s3://results/OUT`, as a process."
    (admin, aws), (address, env) = s3, cluster
    def run(out, **popen):
        cmd = ['fer_predict', 's3://corpus/in', '--parquet', f's3://results/{out}', '--ray', address, '--segment', '1']
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(env, **aws),
                                **popen)
    return run


def objects(admin, prefix):
    "Every object under `prefix`, with its time and size: what a rerun must leave as it was."
    return {(i.path, i.mtime, i.size) for i in admin.get_file_info(pafs.FileSelector(prefix, recursive=True, allow_not_found=True))}


def test_two_nodes_bucket_to_bucket_give_plain_rows_and_a_rerun_writes_nothing(s3, job, parquet_plain):
    admin, _ = s3
    out, err = job('faces').communicate(timeout=300)
    assert 'tried again' not in err and 'corrupt.mp4' in err, err[-3000:]
    faces = parquet_plain.emotion.notna().sum()  # every face plain fer_predict finds
    # a task of pictures and six segments
    assert out == f'4 inputs, 7 tasks (0 written before): {faces} faces in s3://results/faces\n', out
    same_parquet_rows(pd.read_parquet('results/faces', filesystem=admin), parquet_plain)
    assert not any(p.startswith(('corpus/in/.', 'results/faces/.')) or 'tmp' in p for p, _, _ in objects(admin, 'results'))
    before = objects(admin, 'results/faces')
    out, err = job('faces').communicate(timeout=300)
    assert out.startswith('4 inputs, 6 tasks (6 written before): '), out  # a rerun skips what is written
    assert 'tried again: 1 input that failed in an earlier run' in err, err  # and tries the corrupt video again
    assert objects(admin, 'results/faces') == before  # nothing finished is written again, not even the stitching


def test_killed_worker_loses_nothing_in_a_bucket(s3, cluster, job, parquet_plain):
    "A worker process killed in mid-job: Ray retries its task elsewhere; the bucket holds every row once."
    (admin, _), (_, env) = s3, cluster
    p = job('killed', start_new_session=True)
    try:
        deadline, killed = time.time() + 240, None
        while killed is None and time.time() < deadline and p.poll() is None:
            pids = cluster_pids(env, 'ray::parquet_task')
            if pids and any('kind=video' in o[0] for o in objects(admin, 'results/killed')):  # the workers are at work: one dies
                killed = pids[0]; os.kill(killed, signal.SIGKILL)
            time.sleep(0.1)
        out, err = p.communicate(timeout=300)
    finally:
        if p.poll() is None: os.killpg(p.pid, signal.SIGKILL)
    assert killed is not None, 'no worker process was seen'
    assert p.returncode == 1, err[-3000:]
    same_parquet_rows(pd.read_parquet('results/killed', filesystem=admin), parquet_plain)


def test_an_input_gone_mid_job_gets_its_error_row(s3, monkeypatch):
    "A worker given a picture that has left the bucket since the job was planned: an error row names it, the others are done."
    admin, env = s3
    for k, v in env.items(): monkeypatch.setenv(k, v)
    from fer_nb.parquet import ParquetWorker
    w = ParquetWorker('s3://results/gone')
    task = dict(kind='photo', key='k', paths=['s3://corpus/in/gone.png', 's3://corpus/in/group.png'])
    ans = w(task)
    assert (ans['faces'], len(ans['errors'])) == (3, 1) and ans['errors'][0].startswith('s3://corpus/in/gone.png: '), ans
    rows = w.store.read(w.store.part(task))
    assert [(r['path'], r['error'] is None) for r in rows] == [('s3://corpus/in/gone.png', False)] + [('s3://corpus/in/group.png', True)] * 3


def test_outputs_it_cannot_use_are_refused_before_any_work(s3, monkeypatch, tmp_path):
    admin, env = s3
    for k, v in env.items(): monkeypatch.setenv(k, v)
    def one_error(*args):
        r = run_main('fer_predict', *args)
        assert (r.returncode, r.stdout, len(r.stderr.splitlines())) == (2, '', 1), r
        return r.stderr.strip()
    assert one_error('s3://corpus/in', '--parquet', 's3://nowhere/faces') == \
        "fer_predict: error: s3://nowhere/faces: there is no bucket 'nowhere' (or these credentials cannot see it)"
    assert one_error('s3://gone/in', '--parquet', 's3://results/x') == \
        "fer_predict: error: s3://gone/in: there is no bucket 'gone' (or these credentials cannot see it)"
    monkeypatch.setenv('AWS_ENDPOINT_URL', f'http://127.0.0.1:{free_port()}')  # nothing listens there
    t = time.monotonic()
    assert one_error(str(tmp_path), '--parquet', 's3://results/x').startswith(
        f"fer_predict: error: s3://results/x: the endpoint {os.environ['AWS_ENDPOINT_URL']} does not answer")
    assert time.monotonic() - t < 60
    for k in ('AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'): monkeypatch.delenv(k)
    monkeypatch.setenv('AWS_SHARED_CREDENTIALS_FILE', str(tmp_path/'none')); monkeypatch.setenv('AWS_CONFIG_FILE', str(tmp_path/'none'))
    monkeypatch.setenv('AWS_EC2_METADATA_DISABLED', 'true')
    assert one_error(str(tmp_path), '--parquet', 's3://results/x').startswith('fer_predict: error: s3://results/x: no AWS credentials found: ')
    assert objects(admin, 'results/x') == set()
