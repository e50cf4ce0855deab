"""Video analysis speed on this machine: frames per second and the real-time factor, decoding included.

    python benchmarks/video.py [--seconds 20] [--every 1]

Writes a 640x360 clip at 15 fps with two sample faces drifting across it (`drifting_faces_clip`), then times
`Predictor.video` on it end to end (decode, detect, align, track, classify in batches across frames), best of three
rounds. Real-time factor: seconds of video analysed per second of wall time (2.0: twice as fast as playing it). The
baseline, timed in the same rounds, searches each frame at its own size instead of `VIDEO_SEARCH_PIXELS`."""
import argparse, os, tempfile, time
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
from pathlib import Path


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=20.); p.add_argument('--every', type=int, default=1)
    a = p.parse_args()
    from fer_nb.data import load_faces
    from fer_nb.inference import Predictor
    import fer_nb.video as video
    clip = Path(tempfile.mkdtemp())/'clip.mp4'
    frames = len(video.drifting_faces_clip(clip, load_faces(verbose=False).x, seconds=a.seconds, fps=15, size=(640, 360)))
    pred, default = Predictor(), video.VIDEO_SEARCH_PIXELS
    pred.video(clip, every=a.every)  # warm-up: compiles the network for the batch sizes of a clip
    times = {'default': [], 'baseline': []}
    for _ in range(3):  # interleaved rounds: both settings see the same machine load
        for k, pixels in (('default', default), ('baseline', 640 * 360)):
            video.VIDEO_SEARCH_PIXELS = pixels
            times[k].append(_timed(lambda: pred.video(clip, every=a.every)))
    video.VIDEO_SEARCH_PIXELS = default
    print(f"CPU: {next((l.split(':')[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), '?')}, {os.cpu_count()} cores")
    print(f"clip: {frames} frames of 640x360 at 15 fps ({a.seconds:.0f} s), 2 faces; every {a.every}")
    for k, ts in times.items():
        print(f"{k}_frames_per_s {frames / min(ts):.1f}")
        print(f"{k}_real_time_factor {a.seconds / min(ts):.2f}")


def _timed(fn):
    t = time.perf_counter(); fn(); return time.perf_counter() - t


if __name__ == '__main__': main()
