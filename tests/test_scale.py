"`fer_predict --parquet` on a real Ray cluster of two nodes on 127.0.0.1 (a job that loses a worker: `test_buckets.py`)."
import os, secrets, subprocess, sys
from pathlib import Path
import pandas as pd
import pytest
from conftest import free_port, same_parquet_rows

ray = pytest.importorskip('ray', reason='Ray is not installed (pip install "fer_nb[ray]")')
RAY = str(Path(sys.executable).parent/'ray')


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


def test_two_node_cluster_gives_plain_results(cluster, parquet_inputs, parquet_plain, tmp_path):
    (address, env), job = cluster, tmp_path/'job'
    cmd = ['fer_predict', str(parquet_inputs), '--parquet', str(job), '--ray', address, '--segment', '1']
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 1, r.stderr[-3000:]
    assert r.stdout.startswith('4 inputs, 7 tasks (0 written before): '), r.stdout  # a task of pictures and six segments
    same_parquet_rows(pd.read_parquet(job), parquet_plain)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert '4 inputs, 6 tasks (6 written before)' in again.stdout, again.stdout  # a rerun skips what is written
    assert 'tried again: 1 input that failed in an earlier run' in again.stderr, again.stderr  # and tries the corrupt video again
    same_parquet_rows(pd.read_parquet(job), parquet_plain)
