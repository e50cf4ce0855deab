"""Training throughput of fer_nb's pipeline under TensorFlow settings, each in a fresh process, in one run.

    python benchmarks/train_settings.py --data emotion.csv.gz [--steps 25] [--rounds 3] [--arch reference]

Settings that TensorFlow reads at start-up (oneDNN, thread pools) need a new process, so every row runs
`--child SETTING` in its own. Each child trains `--steps` batches after a warm-up, with the augmentation inside the
model as `fer_train` does, and prints its images per second and per CPU-second of the process. `--rounds` rounds run
every setting in turn, so that a slow spell of a shared machine (half its cores, for a while) hits them alike, and each
row is its setting's median round. The table gives both rates and their ratios to the default's: a single run of a
setting moves by a tenth or more per CPU-second and by a third or more in images/s between runs here, so a ratio
within that is a tie."""
import argparse, json, os, statistics, subprocess, sys, time

SETTINGS = {  # name: (environment, options of the child)
    'default (oneDNN on, TF picks threads, batch 128, float32)': ({}, {}),
    'oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)': ({'TF_ENABLE_ONEDNN_OPTS': '0'}, {}),
    'intra-op 2, inter-op 1 threads': ({}, {'intra': 2, 'inter': 1}),
    'intra-op 1, inter-op 2 threads': ({}, {'intra': 1, 'inter': 2}),
    'batch 64': ({}, {'batch': 64}),
    'batch 256': ({}, {'batch': 256}),
    'XLA (jit_compile=True)': ({}, {'jit': True}),
    'mixed_bfloat16 (AMX), a quarter of the steps': ({}, {'policy': 'mixed_bfloat16', 'share': .25}),  # slow without AMX
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
    steps = max(5, int(a.steps * opts.get('share', 1)) * 128 // bs)
    m.fit(ds, steps_per_epoch=5, epochs=1, verbose=0)
    t, c = time.perf_counter(), time.process_time()
    m.fit(ds, steps_per_epoch=steps, epochs=1, verbose=0)
    print(json.dumps(dict(img_per_s=steps * bs / (time.perf_counter() - t), img_per_cpu_s=steps * bs / (time.process_time() - c))))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True)
    p.add_argument('--steps', type=int, default=25)
    p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--arch', default='reference')
    p.add_argument('--child', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a, json.loads(a.child))
    rates = {name: [] for name in SETTINGS}
    for r in range(a.rounds):
        for name, (env, opts) in SETTINGS.items():
            cmd = [sys.executable, __file__, '--data', a.data, '--steps', str(a.steps), '--arch', a.arch, '--child', json.dumps(opts)]
            run = subprocess.run(cmd, env={**os.environ, 'TF_CPP_MIN_LOG_LEVEL': '2', **env}, capture_output=True, text=True)
            rate = json.loads(run.stdout.strip().splitlines()[-1]) if run.returncode == 0 else dict(img_per_s=float('nan'), img_per_cpu_s=float('nan'))
            if run.returncode and r == 0: print(f"{name}: failed\n{run.stderr[-1500:]}", file=sys.stderr)
            rates[name].append(rate)
            print(f"round {r + 1}, {name}: {rate['img_per_s']:.0f} img/s, {rate['img_per_cpu_s']:.0f} per CPU-second", flush=True)
    med = {n: {k: statistics.median(x[k] for x in v) for k in ('img_per_s', 'img_per_cpu_s')} for n, v in rates.items()}
    base = med[next(iter(SETTINGS))]
    print(f"\n| setting ({a.arch}, {os.cpu_count()} CPUs, median of {a.rounds}) | images/s | vs default | per CPU-second | vs default |"
          "\n|---|---:|---:|---:|---:|")
    for n, r in med.items():
        print(f"| {n} | {r['img_per_s']:.0f} | {r['img_per_s']/base['img_per_s']:.2f} | {r['img_per_cpu_s']:.0f} | "
              f"{r['img_per_cpu_s']/base['img_per_cpu_s']:.2f} |")


if __name__ == '__main__': main()
