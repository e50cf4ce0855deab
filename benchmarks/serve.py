"""fer_serve's API and live page against `Predictor` called in-process: `python benchmarks/serve.py [--seconds 10]`.

Pictures per second and latency (median, 95th percentile) of `POST /predict` with 1, 4 and 8 clients posting at once,
against `Predictor` called on the same pictures in this process by as many threads; then the page in headless Chromium
with a fake 640x360 camera: frames answered per second, frames dropped, and the delay from sending a frame to drawing
its answer. The server is a `fer_serve` process on 127.0.0.1, as users run it."""
import argparse, shutil, signal, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import httpx
import numpy as np

from common import machine
from pictures import compose

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT/'tools'))
from live_browser import chromium, watch_live, write_y4m  # noqa: E402
from fer_nb.data import decode_image, load_faces  # noqa: E402
from fer_nb.inference import Predictor  # noqa: E402
from fer_nb._fixtures import drifting_faces_clip  # noqa: E402


def pictures(n=16):
    "`n` 640x480 JPEG photos of 1 to 4 sample faces, as a phone app would send them."
    rng, x = np.random.default_rng(0), load_faces(verbose=False).x
    return [cv2.imencode('.jpg', compose(x[rng.choice(len(x), k)], 150, rng)[0], [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
            for k in rng.integers(1, 5, n)]


def run_clients(call, pics, clients, seconds):
    "`clients` threads each calling `call(picture)` in turn for `seconds`; pictures per second and the latencies (s)."
    def client(k):
        lat, stop, i = [], time.perf_counter() + seconds, k
        while time.perf_counter() < stop:
            t = time.perf_counter(); call(pics[i % len(pics)]); lat.append(time.perf_counter() - t); i += 1
        return lat
    t = time.perf_counter()
    with ThreadPoolExecutor(clients) as ex: lats = [l for ls in ex.map(client, range(clients)) for l in ls]
    return len(lats) / (time.perf_counter() - t), np.array(lats)


def start_server(port):
    proc = subprocess.Popen([shutil.which('fer_serve'), '--port', str(port)], stdout=subprocess.DEVNULL)
    for _ in range(300):
        try: httpx.get(f"http://127.0.0.1:{port}/health", timeout=1); return proc
        except httpx.TransportError: time.sleep(0.2)
    raise RuntimeError('fer_serve did not start')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seconds', type=float, default=10., help='seconds each measurement runs')
    ap.add_argument('--port', type=int, default=8765)
    args = ap.parse_args()
    print(machine())
    pics = pictures()
    pred = Predictor()
    local = lambda p: pred(decode_image(p))  # in-process: the same JPEG bytes, decoded as the server decodes them
    proc = start_server(args.port)
    try:
        url = f"http://127.0.0.1:{args.port}"
        print(f"{'clients':>7}  {'in-process pictures/s':>21}  {'API pictures/s':>14}  {'ratio':>5}  {'API latency median / p95 (ms)':>30}")
        for clients in (1, 4, 8):
            ref, _ = run_clients(local, pics, clients, args.seconds)
            with httpx.Client(base_url=url, timeout=60, limits=httpx.Limits(max_connections=clients)) as http:
                api, lat = run_clients(lambda p: http.post('/predict', content=p).raise_for_status(), pics, clients, args.seconds)
            print(f"{clients:>7}  {ref:>21.1f}  {api:>14.1f}  {api / ref:>5.2f}  "
                  f"{np.median(lat) * 1e3:>15.0f} / {np.percentile(lat, 95) * 1e3:<.0f}")
        if chromium() is None: print('live page: Chromium is not installed; skipped'); return
        with tempfile.TemporaryDirectory() as d:
            drifting_faces_clip(f"{d}/clip.avi", load_faces(verbose=False).x, seconds=4, size=(640, 360))
            seen = watch_live(url + '/', write_y4m(f"{d}/clip.avi", f"{d}/clip.y4m"), seconds=args.seconds)
        delays = np.array(seen['delays'][5:])  # after the first few frames (the page and the socket warming up)
        print(f"live page, 640x360 camera sending 15 frames/s: {seen['answered'] / args.seconds:.1f} frames answered/s, "
              f"{seen['dropped']} of {seen['sent']} dropped, delay median {np.median(delays):.0f} ms, p95 {np.percentile(delays, 95):.0f} ms")
    finally:
        proc.send_signal(signal.SIGTERM); proc.wait(30)


if __name__ == '__main__':
    main()
