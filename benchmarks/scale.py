"""`fer_predict --parquet` on Ray against plain `fer_predict`, on the same clip: frames per second with one and two
worker processes, and the overhead of the Ray job.

    pip install "fer_nb[ray]" "moto[server]"
    python benchmarks/scale.py [--seconds 120] [--segment 60] [--rounds 3]

The clip: --seconds of 640x360 video at 15 fps with two faces drifting across it (`drifting_faces_clip`). Each job
is timed wall to wall: plain `fer_predict CLIP --csv` in a process held to one core (the baseline: a worker runs one
thread) and on all cores, start-up included, then, in this process, the Parquet job with one and with two workers on a
Ray started once beforehand (as a cluster is, for a job that joins it), and the two-worker job once more with the clip
and the results in buckets of a local S3 server (moto's, on 127.0.0.1), as on a cluster without a shared disk. A job's
time includes starting its workers (each loads the model), planning, the segments' warm-up frames (`PARQUET_WARM`
full-search cycles each) and stitching. Overhead: the one-worker job against plain `fer_predict` on one core.

Shared machines drift by more than the overhead sought, so the jobs run in --rounds rounds, one of each per round,
and the figures are medians: of each job's times, and of the ratios between jobs of the same round."""
import argparse, contextlib, io, logging, os, statistics, subprocess, tempfile, uuid
from pathlib import Path
from common import machine, seconds


def run(fn) -> float:
    "Wall seconds of the job `fn`, its output kept off the figures; a job that fails stops the benchmark."
    status = []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()): t = seconds(lambda: status.append(fn()))
    if status[0] not in (0, None) and not isinstance(status[0], dict): raise RuntimeError(f"job failed ({status[0]})")
    return t


def s3_clip(clip) -> str:
    "A local S3 server (moto's) on 127.0.0.1 with `clip` in the bucket `corpus` and an empty bucket `results`; the environment points at it. The clip's URI."
    from moto.server import ThreadedMotoServer
    from pyarrow import fs as pafs
    logging.getLogger('werkzeug').setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False); server.start()
    os.environ.update(AWS_ENDPOINT_URL=f"http://127.0.0.1:{server._server.port}", AWS_ACCESS_KEY_ID='bench', AWS_SECRET_ACCESS_KEY='bench',
                      AWS_REGION='us-east-1')
    admin = pafs.S3FileSystem(endpoint_override=os.environ['AWS_ENDPOINT_URL'], scheme='http', allow_bucket_creation=True)
    for b in ('corpus', 'results'): admin.create_dir(b)
    with admin.open_output_stream('corpus/clip.mp4') as o: o.write(Path(clip).read_bytes())
    return 's3://corpus/clip.mp4'


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seconds', type=float, default=120., help='length of the clip')
    p.add_argument('--segment', type=float, default=60., help='seconds of video per task')
    p.add_argument('--rounds', type=int, default=3, help='times each job runs, interleaved')
    a = p.parse_args()
    print(machine())
    import ray
    from fer_nb.data import load_faces
    from fer_nb.parquet import predict_parquet, video_segments
    from fer_nb._fixtures import drifting_faces_clip
    tmp = Path(tempfile.mkdtemp())
    clip = tmp/'clip.mp4'
    frames = len(drifting_faces_clip(clip, load_faces(verbose=False).x, seconds=a.seconds))
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    cores = os.sched_getaffinity(0)
    def plain(cpus):  # a process of its own, held to `cpus`: every thread it starts stays there
        return lambda: subprocess.run(['fer_predict', str(clip), '--csv', str(tmp/'plain.csv')], capture_output=True,
                                      preexec_fn=lambda: os.sched_setaffinity(0, cpus)).returncode
    def parquet(n):  # a new output folder each time: nothing to skip
        return lambda: predict_parquet([clip], Path(tempfile.mkdtemp(dir=tmp)), workers=n, segment=a.segment, progress=False)
    bucket = s3_clip(clip)
    def parquet_s3(n):  # the clip in a bucket, the results into a new place in another
        return lambda: predict_parquet([bucket], f"s3://results/{uuid.uuid4().hex}", workers=n, segment=a.segment, progress=False)
    base, one, two = 'plain fer_predict, one core', '--parquet, 1 worker', '--parquet, 2 workers'
    jobs = {base: plain({min(cores)}), f'plain fer_predict, {len(cores)} cores': plain(cores), one: parquet(1), two: parquet(2),
            '--parquet, 2 workers, S3': parquet_s3(2)}
    rounds = [{k: run(job) for k, job in jobs.items()} for _ in range(a.rounds)]
    med = lambda f: statistics.median(f(r) for r in rounds)
    print(f"clip: {frames} frames of 640x360 at 15 fps ({a.seconds:.0f} s), 2 faces; segments of {a.segment:.0f} s; "
          f"medians of {a.rounds} rounds")
    for k in jobs:
        t = med(lambda r: r[k])
        print(f"{k:<30} {t:6.1f} s  {frames / t:6.1f} frames/s  {a.seconds / t:5.2f}x real time  "
              f"{med(lambda r: r[base] / r[k]):5.2f}x plain on one core")
    each = ', '.join(f"{r[one] / r[base] - 1:+.0%}" for r in rounds)
    print(f"overhead of the one-worker job against plain fer_predict on one core: {med(lambda r: r[one] / r[base]) - 1:+.1%} (rounds: {each})")
    print(f"two workers against one: {med(lambda r: r[one] / r[two]):.2f}x")
    segs = video_segments(str(clip), segment=a.segment)
    warm = sum(s['start'] - s['warm'] for s in segs)
    print(f"warm-up frames the segments analyse beyond the clip's own: {warm} ({warm / frames:.1%})")


if __name__ == '__main__':
    main()
