"""Video analysis against the `fer` package in one run: frames per second and real-time factor, start-up included.

    pip install --no-deps fer   # beside fer_nb's own requirements (TensorFlow included): enough for fer's default path
    python benchmarks/video.py [--seconds 60]

Writes a 640x360 clip at 15 fps with two sample faces drifting across it (`drifting_faces_clip`), then times three new
processes on it, wall to wall including start-up, best of three interleaved rounds:
- `fer_predict clip.mp4 --json` (fer_nb's default: full searches once a second and on demand, tracked-scale searches
  between them, see `video_faces`; the default model, an ensemble), and the same with `--model fast`;
- the same command with a full search of every frame (`VIDEO_FULL_EVERY = 1`), the baseline;
- the `fer` package's `Video(clip).analyze(FER())`, its default detector and model, with its outputs (frames, video,
  zip) turned off as fer_predict writes none. Its `analyze` calls `cv2.waitKey`, which headless OpenCV lacks: the
  benchmark replaces it with a no-op.
Face-frames found: the share of the clip's true faces (two per frame) that a detection is centred on, fer_nb's from its
JSON lines, fer's from `FER().detect_emotions` on every frame (what `analyze` calls for each frame)."""
import argparse, json, os, subprocess, sys, tempfile, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
from pathlib import Path
from common import machine


def found_share(truth, frames):
    "The share of true faces a found box is centred on; `frames` maps a frame index to its found boxes `[x, y, w, h]`."
    hit = total = 0
    for i, now in enumerate(truth):
        for _, (x, y, w, h), _ in now:
            total += 1
            hit += any(abs(b[0] + b[2] / 2 - x - w / 2) < w / 3 and abs(b[1] + b[3] / 2 - y - h / 2) < h / 3 for b in frames.get(i, []))
    return hit / total


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=60.)
    a = p.parse_args()
    from fer_nb.data import load_faces
    from fer_nb._fixtures import drifting_faces_clip
    d = Path(tempfile.mkdtemp())
    clip = d/'clip.mp4'
    truth = drifting_faces_clip(clip, load_faces(verbose=False).x, seconds=a.seconds, fps=15, size=(640, 360))
    fer_code = (f"import cv2; cv2.waitKey = lambda *a: -1; from fer.fer import FER; from fer.classes import Video; "
                f"Video({str(clip)!r}, outdir={str(d/'fer')!r}).analyze(FER(), display=False, save_frames=False, save_video=False, "
                f"annotate_frames=False, zip_images=False)")
    runs = {'fer_nb fer_predict --json': ['fer_predict', str(clip), '--json'],
            'fer_nb fer_predict --json --model fast': ['fer_predict', str(clip), '--json', '--model', 'fast'],
            'fer_nb, a full search of every frame (baseline)': [sys.executable, '-c', "import fer_nb.video as v, fer_nb.predict as p; v.VIDEO_FULL_EVERY = 1; p.predict_main()", str(clip), '--json'],
            'fer Video.analyze': [sys.executable, '-c', fer_code]}
    best, out = {k: float('inf') for k in runs}, {}
    for _ in range(3):  # interleaved rounds: each command sees the same machine load
        for k, cmd in runs.items():
            t = time.perf_counter()
            r = subprocess.run(cmd, capture_output=True, text=True, cwd=d)  # fer writes data.csv into its working folder
            best[k] = min(best[k], time.perf_counter() - t)
            if r.returncode: raise RuntimeError(f"{k} failed: {r.stderr[-1000:]}")
            out[k] = r.stdout
    import cv2
    from fer.fer import FER
    fer, cap, fer_frames, i = FER(), cv2.VideoCapture(str(clip)), {}, 0
    while (frame := cap.read()[1]) is not None:
        fer_frames[i] = [f['box'] for f in fer.detect_emotions(frame)]; i += 1
    found = {k: found_share(truth, {l['frame']: [f['box'] for f in l['faces']] for l in map(json.loads, out[k].splitlines())})
             for k in list(runs)[:3]}
    found['fer Video.analyze'] = found_share(truth, fer_frames)
    print(machine())
    print(f"clip: {len(truth)} frames of 640x360 at 15 fps ({a.seconds:.0f} s), 2 faces; wall time includes start-up")
    fer_s = best['fer Video.analyze']
    for k in runs:
        print(f"{k}: {best[k]:.1f} s, {len(truth) / best[k]:.1f} frames/s, {a.seconds / best[k]:.2f}x real time, "
              f"{fer_s / best[k]:.2f}x fer, {found[k]:.1%} of face-frames found")


if __name__ == '__main__': main()
