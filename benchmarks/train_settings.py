"""Training throughput of fer_nb's pipeline under TensorFlow settings, each in a fresh process, in one run.

    python benchmarks/train_settings.py --data emotion.csv.gz [--steps 25] [--arch reference]

Settings that TensorFlow reads at start-up (oneDNN, thread pools) need a new process, so every row runs
`--child SETTING` in its own. Each child trains `--steps` batches after a warm-up, with the augmentation inside the
model as `fer_train` does, and prints its images per second and per CPU-second of the process. The table gives both
and the ratio to the default per CPU-second, the figure that this machine's slow spells (half its cores, for a while)
leave alone; wall-clock rates taken in such a spell are halved."""
import argparse, json, os, subprocess, sys, time

SETTINGS = {  # name: (environment, options of the child)
    'default (oneDNN on, TF picks threads, batch 128, float32)': ({}, {}),
    'oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)': ({'TF_ENABLE_ONEDNN_OPTS': '0'}, {}),
    'intra-op 2, inter-op 1 threads': ({}, {'intra': 2, 'inter': 1}),
    'intra-op 1, inter-op 2 threads': ({}, {'intra': 1, 'inter': 2}),
    'batch 64': ({}, {'batch': 64}),
    'batch 256': ({}, {'batch': 256}),
    'XLA (jit_compile=True)': ({}, {'jit': True}),
    'mixed_bfloat16 (AMX)': ({}, {'policy': 'mixed_bfloat16'}),
}


def child(a, opts):
    import numpy as np
    import tensorflow as tf, keras
    if 'intra' in opts:
        tf.config.threading.set_intra_op_parallelism_threads(opts['intra'])
        tf.config.threading.set_inter_op_parallelism_threads(opts['inter'])
    if 'policy' in opts: keras.mixed_precision.set_global_policy(opts['policy'])
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import AUGMENT, face_stats, make_dataset, split_faces
    from fer_nb.model import build_model
    tr = split_faces(load_faces(a.data, verbose=False))['train']
    bs = opts.get('batch', 128)
    m = build_model(a.arch, tr.classes, mean=128., std=64., augment=AUGMENT, seed=0)
    m.compile('adam', 'categorical_crossentropy', metrics=['accuracy'], jit_compile=opts.get('jit', False))
    ds = make_dataset(tr, bs, training=True, seed=0, augment={}).repeat()
    steps = max(5, a.steps * 128 // bs)
    m.fit(ds, steps_per_epoch=5, epochs=1, verbose=0)
    t, c = time.perf_counter(), time.process_time()
    m.fit(ds, steps_per_epoch=steps, epochs=1, verbose=0)
    print(json.dumps(dict(img_per_s=steps * bs / (time.perf_counter() - t), img_per_cpu_s=steps * bs / (time.process_time() - c))))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True)
    p.add_argument('--steps', type=int, default=25)
    p.add_argument('--arch', default='reference')
    p.add_argument('--child', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a, json.loads(a.child))
    rows = []
    for name, (env, opts) in SETTINGS.items():
        r = subprocess.run([sys.executable, __file__, '--data', a.data, '--steps', str(a.steps), '--arch', a.arch, '--child', json.dumps(opts)],
                           env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '2', **env}, capture_output=True, text=True)
        rate = json.loads(r.stdout.strip().splitlines()[-1]) if r.returncode == 0 else dict(img_per_s=float('nan'), img_per_cpu_s=float('nan'))
        if r.returncode: print(f"{name}: failed\n{r.stderr[-1500:]}", file=sys.stderr)
        rows.append((name, rate))
        print(f"{name}: {rate['img_per_s']:.0f} img/s, {rate['img_per_cpu_s']:.0f} per CPU-second", flush=True)
    base = rows[0][1]
    print(f"\n| setting ({a.arch}, {os.cpu_count()} CPUs) | images/s | per CPU-second | vs default, per CPU-second |\n|---|---:|---:|---:|")
    for name, r in rows: print(f"| {name} | {r['img_per_s']:.0f} | {r['img_per_cpu_s']:.0f} | {r['img_per_cpu_s']/base['img_per_cpu_s']:.2f} |")


if __name__ == '__main__': main()
