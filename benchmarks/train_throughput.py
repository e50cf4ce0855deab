"""Training throughput of the reference ResNet under three input pipelines, measured in one process run.

    python benchmarks/train_throughput.py --data emotion.csv.gz [--steps 30] [--rounds 5] [--arch reference] [--diagnose]

- floor: in-memory float tensors, no augmentation: the model's own speed limit here;
- reference: the reference notebook's `ImageDataGenerator(...).flow(X, y, batch_size=128)` fed to `model.fit`;
- tfdata_augment: `make_dataset(..., training=True)`: uint8 faces, per-batch affine augmentation in `tf.data`;
- fer_nb: what `fer_train` does: the same pipeline without augmentation, and the warp as the model's first layer
  (`RandomAffine`), run inside the training step.

Each gets its own freshly built model of the same architecture, warmed up once; then `--rounds` rounds time
`--steps` batches of 128 of every pipeline in turn, so a slow spell of this noisy machine hits all of them alike, and
each pipeline's median round is its rate (this machine's rates jump both ways, to half speed and above it, so
neither the best nor the worst round is typical). It also gives images per CPU-second of the process, which a slow
spell of the machine barely moves. The last three lines are
`floor_img_per_s`, `reference_img_per_s` and `fer_nb_img_per_s`."""
import argparse, os, statistics, time
from common import machine, timed


def timed_fit(model, data, steps):
    "Wall-clock and CPU seconds (all threads of this process) that `model.fit` takes over `steps` batches of `data`."
    return timed(lambda: model.fit(data, steps_per_epoch=steps, epochs=1, verbose=0))


def median_rates(runs, steps, rounds, batch=128):
    "Images per second and per CPU-second of each `name: (model, data)` in `runs`: medians of `rounds` interleaved timings."
    for m, d in runs.values(): timed_fit(m, d, 5)
    secs = {k: [] for k in runs}
    for r in range(rounds):
        for k, (m, d) in runs.items(): secs[k].append(timed_fit(m, d, steps))
        print(f"round {r + 1}: " + ", ".join(f"{k} {steps*batch/s[-1][0]:.0f} ({steps*batch/s[-1][1]:.0f} per CPU-s)" for k, s in secs.items()), flush=True)
    n = steps * batch
    return ({k: n / statistics.median(w for w, _ in s) for k, s in secs.items()},
            {k: n / statistics.median(c for _, c in s) for k, s in secs.items()})


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', required=True)
    p.add_argument('--steps', type=int, default=30)
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--arch', default='reference')
    p.add_argument('--diagnose', action='store_true', help='also time the pipeline without the warp, and the warp layer on the floor\'s tensors')
    a = p.parse_args()
    print(machine())
    import tensorflow as tf, keras
    from fer_nb.data import load_faces
    from fer_nb.preprocessing import AUGMENT, face_stats, make_dataset, split_faces
    from fer_nb.model import build_model
    tr = split_faces(load_faces(a.data, verbose=False))['train']
    mean, std = face_stats(tr.x)
    def model(augment=False):
        m = build_model(a.arch, tr.classes, mean=mean, std=std, augment=AUGMENT if augment else None, seed=0)
        m.compile('adam', 'categorical_crossentropy', metrics=['accuracy'])
        return m
    n = 128 * (a.steps + 5)
    x, y = tr.x[:n].astype('float32'), keras.utils.to_categorical(tr.y[:n], len(tr.classes))
    floor = tf.data.Dataset.from_tensor_slices((x, y)).batch(128).cache().repeat()
    gen = tf.keras.preprocessing.image.ImageDataGenerator(  # the legacy class, as the reference uses it
        zoom_range=0.1, shear_range=0.1, height_shift_range=0.1, width_shift_range=0.1, rotation_range=15, horizontal_flip=True)
    ref = gen.flow(tr.x.astype('float32'), keras.utils.to_categorical(tr.y, len(tr.classes)), batch_size=128)
    plain = make_dataset(tr, 128, training=True, seed=0, augment={}).repeat()
    runs = dict(floor=(model(), floor), reference=(model(), ref),
                tfdata_augment=(model(), make_dataset(tr, 128, training=True, seed=0).repeat()),
                fer_nb=(model(augment=True), plain))
    if a.diagnose:  # where the time goes: the pipeline without the warp, and the floor's tensors with it
        runs |= dict(no_warp=(model(), plain), floor_warp_layer=(model(augment=True), floor))
    res, cpu = median_rates(runs, a.steps, a.rounds)
    print("images per CPU-second (less sensitive to this machine's slow spells): " + ", ".join(f"{k} {v:.0f}" for k, v in cpu.items()))
    print(f"fer_nb at {cpu['fer_nb']/cpu['floor']:.0%} of the floor per CPU-second")
    if a.diagnose:
        print(f"diagnose: fer_nb pipeline without the warp {res.pop('no_warp'):.0f} img/s, "
              f"floor tensors through the warp layer {res.pop('floor_warp_layer'):.0f} img/s")
    print(f"{a.arch}, batch 128, median of {a.rounds} rounds of {a.steps} steps, {os.cpu_count()} CPUs, TensorFlow {tf.__version__}; fer_nb (augmentation in "
          f"the model) at {res['fer_nb']/res['floor']:.0%} of the floor, augmentation in tf.data at "
          f"{res['tfdata_augment']/res['floor']:.0%}, reference at {res['reference']/res['floor']:.0%}")
    print(f"tfdata_augment_img_per_s {res.pop('tfdata_augment'):.0f}")
    for k, v in res.items(): print(f"{k}_img_per_s {v:.0f}")


if __name__ == '__main__': main()
