"""fer_serve's page in headless Chromium, its camera a fake one that plays a clip: `python tools/live_browser.py URL CLIP [SECONDS]`.

Chromium's fake camera plays a Y4M file in a loop (`--use-file-for-fake-video-capture`); `write_y4m` turns any video
OpenCV reads into one. `watch_live` opens the page, starts the camera, lets it run and returns what the page saw
(`window.ferLive`: frames sent and answered, the delay of each, the expression of each face id) and its face list."""
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from check_site import CHROMIUM_ARGS, chromium  # noqa: E402


def write_y4m(video, path) -> Path:
    "Copy `video` (a file OpenCV reads) into `path` as Y4M (4:2:0), the format of Chromium's fake camera."
    cap = cv2.VideoCapture(str(video))
    fps, path = cap.get(cv2.CAP_PROP_FPS) or 15, Path(path)
    with open(path, 'wb') as out:
        ok, frame = cap.read()
        h, w = frame.shape[:2]
        out.write(f"YUV4MPEG2 W{w} H{h} F{int(round(fps))}:1 Ip A1:1 C420jpeg\n".encode())
        while ok:
            out.write(b'FRAME\n' + cv2.cvtColor(frame, cv2.COLOR_BGR2YUV_I420).tobytes())
            ok, frame = cap.read()
    cap.release()
    return path


def watch_live(url: str, clip, seconds: float = 8., screenshot=None, token: str | None = None) -> dict:
    "Open fer_serve's page at `url` with `clip` (Y4M) as the camera for `seconds`; return `window.ferLive` and the faces listed."
    from playwright.sync_api import sync_playwright
    args = CHROMIUM_ARGS + ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
                            f'--use-file-for-fake-video-capture={clip}', '--autoplay-policy=no-user-gesture-required']
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=args)
        try:
            page = browser.new_page(viewport={'width': 1000, 'height': 1100})
            errors = []
            page.on('console', lambda m: errors.append(m.text) if m.type == 'error' else None)
            page.on('pageerror', lambda e: errors.append(str(e)))
            if token: page.add_init_script(f"sessionStorage.setItem('fer_nb_token', {token!r})")
            page.goto(url, wait_until='load')
            page.click('#start')
            page.wait_for_function('window.ferLive.answered > 0 || window.ferLive.error', timeout=60_000)
            page.wait_for_timeout(seconds * 1000)
            seen = page.evaluate('window.ferLive')
            seen['listed'] = page.eval_on_selector_all('#faces li', 'ls => ls.map(l => [+l.dataset.id, l.dataset.emotion, l.textContent])')
            seen['status'], seen['console_errors'] = page.inner_text('#status'), errors
            if screenshot: page.screenshot(path=str(screenshot), full_page=True)
            page.click('#stop')
        finally: browser.close()
    return seen


def analyse_on_page(url: str, path, timeout: float = 120.) -> dict:
    "Choose the picture or video `path` on fer_serve's page at `url`; return the status line, the table and the canvas shown."
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            errors = []
            page.on('pageerror', lambda e: errors.append(str(e)))
            page.goto(url, wait_until='load')
            page.set_input_files('#file', str(path))
            page.wait_for_function(f"document.getElementById('status').textContent.startsWith({Path(path).name + ': '!r})"
                                   " || window.ferLive.error", timeout=timeout * 1000)
            return dict(status=page.inner_text('#status'), table=page.inner_text('#table'), error=page.evaluate('window.ferLive.error'),
                        csv=page.get_attribute('#csv', 'download'), picture=page.evaluate("(c => [c.width, c.height])(document.getElementById('picture'))"),
                        page_errors=errors)
        finally: browser.close()


if __name__ == '__main__':
    s = watch_live(sys.argv[1], sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 8.)
    d = np.array(s['delays'])
    print(f"{s['answered']} frames answered of {s['sent']} sent; delay median {np.median(d):.0f} ms; ids {s['ids']}")
