"`--distribute mirrored` on the CPU split into two logical devices: a short run trains and its loss falls."
import json, subprocess, sys, textwrap

SCRIPT = textwrap.dedent('''
    import json, sys, tensorflow as tf
    cpu = tf.config.list_physical_devices('CPU')[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()]*2)
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import split_faces
    from fer_nb.training import TrainConfig, train, strategy
    parts = split_faces(load_faces(verbose=False), stratify=True)
    model, hist = train(TrainConfig(arch='vgg', epochs=4, distribute='mirrored', batch_size=64, lr=2e-3), parts, sys.argv[1], verbose=0)
    print(json.dumps(dict(replicas=strategy('mirrored').num_replicas_in_sync, loss=hist.loss.tolist())))
''')


def test_mirrored_on_two_logical_cpus(tmp_path):
    r = subprocess.run([sys.executable, '-c', SCRIPT, str(tmp_path/'run')], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res['replicas'] == 2
    assert res['loss'][-1] < res['loss'][0], res['loss']
