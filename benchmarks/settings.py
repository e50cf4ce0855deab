"""Training speed of one architecture under TensorFlow settings, each in a fresh process, as a Markdown table.

    python benchmarks/settings.py --data ../shared/data/emotion.csv.gz [--arch reference] [--steps 30]

Each row trains `--steps` batches through fer_nb's full input pipeline (augmentation included) after a warm-up and
reports images per second. Settings that must be fixed before TensorFlow starts (oneDNN, threads) are set in the
child's environment or before its first TensorFlow call."""
import argparse, json, os, subprocess, sys, time

SETTINGS = {
    'default (oneDNN on, batch 128, float32)': {},
    'oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)': {'env': {'TF_ENABLE_ONEDNN_OPTS': '0'}},
    'intra-op threads 2, inter-op 1': {'threads': (2, 1)},
    'batch 64': {'batch': 64},
    'batch 256': {'batch': 256},
    'mixed_bfloat16 (AMX)': {'policy': 'mixed_bfloat16'},
    'XLA (jit_compile=True)': {'jit': True},
}


def child(a):
    s = json.loads(a.child)
    import tensorflow as tf, keras
    if 'threads' in s:
        tf.config.threading.set_intra_op_parallelism_threads(s['threads'][0])
        tf.config.threading.set_inter_op_parallelism_threads(s['threads'][1])
    if 'policy' in s: keras.mixed_precision.set_global_policy(s['policy'])
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import face_stats, make_dataset, split_faces
    from fer_nb.model import build_model
    tr = split_faces(load_faces(a.data, verbose=False))['train']
    bs = s.get('batch', 128)
    m = build_model(a.arch, tr.classes, mean=float(tr.x[:2000].mean()), std=float(tr.x[:2000].std()))
    m.compile('adam', 'categorical_crossentropy', metrics=['accuracy'], jit_compile=s.get('jit', False))
    ds = make_dataset(tr, bs, training=True, seed=0, epochs=50)
    m.fit(ds, steps_per_epoch=5, epochs=1, verbose=0)
    t = time.perf_counter(); m.fit(ds, steps_per_epoch=a.steps, epochs=1, verbose=0)
    print(json.dumps(dict(img_per_s=a.steps * bs / (time.perf_counter() - t))))


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True); p.add_argument('--arch', default='reference'); p.add_argument('--steps', type=int, default=30)
    p.add_argument('--child', help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child: return child(a)
    rows = []
    for name, s in SETTINGS.items():
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL='2', **s.get('env', {}))
        r = subprocess.run([sys.executable, __file__, '--data', a.data, '--arch', a.arch, '--steps', str(a.steps), '--child', json.dumps(s)],
                           capture_output=True, text=True, env=env)
        v = json.loads(r.stdout.strip().splitlines()[-1])['img_per_s'] if r.returncode == 0 else float('nan')
        rows.append((name, v)); print(f"{name}: {v:.0f} img/s", file=sys.stderr, flush=True)
    base = rows[0][1]
    print(f"| setting ({a.arch}, {os.cpu_count()} CPUs) | images/s | vs default |\n|---|---|---|")
    for name, v in rows: print(f"| {name} | {v:.0f} | {v/base:.2f}x |")


if __name__ == '__main__': main()
