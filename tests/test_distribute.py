"""`--distribute mirrored` on the CPU split into two logical devices, and `--distribute multiworker` with two worker
processes on 127.0.0.1: short runs train, and the model written is the one every replica held."""
import json, os, re, subprocess, sys, textwrap
import pandas as pd
from conftest import free_port

SCRIPT = textwrap.dedent('''
    import json, sys, tensorflow as tf
    cpu = tf.config.list_physical_devices('CPU')[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()]*2)
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import split_faces
    from fer_nb.training import TrainConfig, train, strategy
    data, out = sys.argv[1:]
    parts = split_faces(load_faces(data, verbose=False), stratify=True)
    cfg = TrainConfig(arch='vgg', epochs=3, distribute='mirrored', batch_size=32, lr=2e-3, augment=False)
    model, hist = train(cfg, parts, out, verbose=0)
    print(json.dumps(dict(replicas=strategy('mirrored').num_replicas_in_sync, loss=hist.loss.tolist())))
''')


def test_mirrored_on_two_logical_cpus(tmp_path, tiny_csv):
    r = subprocess.run([sys.executable, '-c', SCRIPT, str(tiny_csv), str(tmp_path/'run')], capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res['replicas'] == 2
    assert res['loss'][-1] < res['loss'][0], res['loss']


WORKER = textwrap.dedent('''
    import json, sys, numpy as np
    from fer_nb.cli import fer_train, main
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import split_faces
    from fer_nb.training import TrainConfig, train
    data, out = sys.argv[1:]
    cfg = TrainConfig(arch='vgg', epochs=2, batch_size=179, distribute='multiworker', data=data)  # 180 faces: a last batch of one, for one replica
    model, hist = train(cfg, split_faces(load_faces(data, verbose=False)), out)
    sums = [float(sum(np.abs(w).sum() for w in ws)) for ws in (model.trainable_weights, model.non_trainable_weights)]
    rc = main(fer_train, ['--resume', out], prog='fer_train')  # the finished run: worker 0 scores it, the other says where it is
    print(json.dumps(dict(sums=sums, rc=rc)))
''')

def test_two_workers_train_one_run(tmp_path, tiny_csv):
    cluster = dict(worker=[f'127.0.0.1:{free_port()}' for _ in range(2)])
    out, procs = tmp_path/'run', []
    for i in range(2):
        (tmp_path/f'tmp{i}').mkdir()  # each worker's temporary folder, to see what it leaves
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='2', TMPDIR=str(tmp_path/f'tmp{i}'),
                   TF_CONFIG=json.dumps(dict(cluster=cluster, task=dict(type='worker', index=i))))
        procs.append(subprocess.Popen([sys.executable, '-c', WORKER, str(tiny_csv), str(out)], cwd=tmp_path, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    try: (log0, err0), (log1, err1) = [p.communicate(timeout=300) for p in procs]
    finally:
        for p in procs: p.kill()
    assert procs[0].returncode == 0, err0[-3000:]
    assert procs[1].returncode == 0, err1[-3000:]
    res0, res1 = (json.loads(log.strip().splitlines()[-1]) for log in (log0, log1))
    assert res0['rc'] == res1['rc'] == 0
    # the two replicas ended with the same weights and batch-norm statistics, and logged the same figures
    assert res0['sums'] == res1['sums'], (res0, res1)
    epochs = lambda log: re.findall(r'accuracy: \S+ - loss: \S+ - val_accuracy: \S+ - val_loss: \S+', log)
    assert len(epochs(log0)) == 2 and epochs(log0) == epochs(log1)
    # one run folder, written by worker 0; worker 1 deleted its copy and said where the run is
    assert sorted(p.name for p in tmp_path.iterdir()) == ['run', 'tmp0', 'tmp1']
    assert list((tmp_path/'tmp1').iterdir()) == []
    assert {'config.json', 'history.csv', 'model.keras', 'metrics.json'} <= {p.name for p in out.iterdir()}
    assert f"worker 1 of 2: trained 2 epochs with worker 0, which writes {out}" in log1
    assert 'test accuracy' in log0 and 'test accuracy' not in log1
    assert len(pd.read_csv(out/'history.csv')) == 2
