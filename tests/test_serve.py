"fer_serve as a user runs it: a process on 127.0.0.1, its API called over HTTP and WebSocket, its page in headless Chromium."
import json, os, shutil, signal, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor

import cv2
import httpx
import numpy as np
import pytest
from websockets.sync.client import connect

from conftest import ROOT, free_port
from fer_nb.data import PROBA_TOL
from fer_nb._fixtures import compose_group, drifting_faces_clip
from fer_nb.inference import Predictor

sys.path.insert(0, str(ROOT/'tools'))
from live_browser import analyse_on_page, chromium, watch_live, write_y4m  # noqa: E402

ARTIFACTS = ROOT/'tests'/'artifacts'  # the browser test's screenshot is kept here


def start_server(*args, env=None) -> tuple[subprocess.Popen, str]:
    "Start `fer_serve` on a free port of 127.0.0.1; return the process and its URL once `/health` answers."
    port = free_port()
    proc = subprocess.Popen([shutil.which('fer_serve'), '--port', str(port), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, **(env or {})))
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + '/health', timeout=2).status_code in (200, 401): return proc, url
        except httpx.TransportError: time.sleep(0.2)
    proc.kill()
    raise AssertionError(f"fer_serve did not answer: {proc.communicate()[1][-2000:]}")


def stop_server(proc):
    "Stop the server as a service manager would; it shuts down cleanly, then ends by the signal (uvicorn raises it again)."
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGTERM, err[-2000:]
    assert 'Traceback' not in err, err[-2000:]
    return out


@pytest.fixture(scope='module')
def server():
    proc, url = start_server('--max-mb', '2')
    yield url
    assert stop_server(proc).startswith(f"fer_serve: open {url}/ in a browser")


@pytest.fixture(scope='module')
def media(tmp_path_factory, sample):
    d = tmp_path_factory.mktemp('media')
    cv2.imwrite(str(d/'group.png'), compose_group(sample.x[[3, 40, 500, 700]]))
    shutil.copy(ROOT/'examples'/'photos'/'astronaut.jpg', d/'astronaut.jpg')
    drifting_faces_clip(d/'clip.avi', sample.x, seconds=2)
    return d


@pytest.fixture(scope='module')
def pred(): return Predictor()


def same_faces(got, want):
    "The same faces: boxes and emotions equal, probabilities within float32's reordering."
    assert [(f['box'], f['emotion']) for f in got] == [(f['box'], f['emotion']) for f in want]
    for g, w in zip(got, want): assert max(abs(g['scores'][c] - w['scores'][c]) for c in w['scores']) <= PROBA_TOL


def test_api_answers_as_predictor(server, media, pred):
    for name, ctype in [('group.png', 'image/png'), ('astronaut.jpg', 'image/jpeg')]:
        data = (media/name).read_bytes()
        want = pred(media/name)
        same_faces(httpx.post(server + '/predict', content=data, headers={'Content-Type': ctype}, timeout=60).json()['faces'], want)
        same_faces(httpx.post(server + '/predict', files={'file': (name, data, ctype)}, timeout=60).json()['faces'], want)
    table = pred.video(media/'clip.avi')
    rows = httpx.post(server + '/video', content=(media/'clip.avi').read_bytes(), timeout=120).json()['rows']
    assert [(r['frame'], r['id'], r['x'], r['emotion']) for r in rows] == list(table[['frame', 'id', 'x', 'emotion']].itertuples(index=False, name=None))
    csv = httpx.post(server + '/video', files={'file': ('clip.avi', (media/'clip.avi').read_bytes())}, headers={'Accept': 'text/csv'}, timeout=120)
    assert csv.headers['content-type'].startswith('text/csv')
    assert csv.text.splitlines()[0] == ','.join(table.columns) and len(csv.text.splitlines()) == len(table) + 1


def test_bad_inputs_get_json_errors_and_the_server_keeps_serving(server, media):
    clip = (media/'clip.avi').read_bytes()
    cases = {  # what was sent: (path, body, expected status, words of the error)
        'text as a picture': ('/predict', b'just text', 415, 'not a picture'),
        'empty picture': ('/predict', b'', 400, 'empty (0 bytes)'),
        'truncated picture': ('/predict', (media/'astronaut.jpg').read_bytes()[:2000], 400, 'damaged or truncated picture'),
        'text as a video': ('/video', b'just text', 415, 'not a video'),
        'truncated video': ('/video', clip[:len(clip) // 2], 400, 'the video ends early'),
        'over the size limit': ('/predict', b'\0' * (3 * 2**20), 413, 'over the limit of 2 MB'),
    }
    for what, (path, body, status, words) in cases.items():
        r = httpx.post(server + path, content=body, timeout=60)
        assert (r.status_code, r.headers['content-type']) == (status, 'application/json'), what
        assert words in r.json()['error'], (what, r.json())
    chunked = httpx.post(server + '/predict', content=iter([b'\0' * 2**20] * 3), timeout=60)
    assert chunked.status_code == 413, chunked.text
    with connect(server.replace('http', 'ws') + '/live') as ws:
        ws.send(b'\xff\xd8\xff garbled')
        assert 'frame 0: a damaged or truncated picture' in json.loads(ws.recv(timeout=30))['error']
        ws.send((media/'group.png').read_bytes())
        assert len(json.loads(ws.recv(timeout=30))['faces']) == 4  # the socket stayed open
    assert httpx.get(server + '/health', timeout=10).json()['status'] == 'ok'


def test_token_from_the_environment(media):
    proc, url = start_server(env={'FER_NB_TOKEN': 's3cret'})
    try:
        good, wrong = {'Authorization': 'Bearer s3cret'}, {'Authorization': 'Bearer guess'}
        assert [httpx.get(url + '/health', headers=h, timeout=10).status_code for h in ({}, wrong, good)] == [401, 401, 200]
        assert httpx.get(url + '/health', timeout=10).json() == {'error': 'a valid token is needed: send Authorization: Bearer TOKEN'}
        assert httpx.get(url + '/', timeout=10).status_code == 200  # the page itself asks for the token
        with pytest.raises(Exception, match='403'): connect(url.replace('http', 'ws') + '/live')
        with connect(url.replace('http', 'ws') + '/live?token=s3cret') as ws:
            ws.send((media/'group.png').read_bytes())
            assert len(json.loads(ws.recv(timeout=30))['faces']) == 4
    finally: stop_server(proc)


def test_refuses_other_addresses_without_a_token():
    r = subprocess.run([shutil.which('fer_serve'), '--host', '0.0.0.0'], capture_output=True, text=True, timeout=60,
                       env={k: v for k, v in os.environ.items() if k != 'FER_NB_TOKEN'})
    assert (r.returncode, r.stdout, r.stderr.strip()) == (2, '', 'fer_serve: error: --host 0.0.0.0 lets other machines in: '
                                                             'give a token that every request must carry (--token or FER_NB_TOKEN)')


def test_load_several_clients_at_once(server, media, pred):
    "Eight clients post pictures for a few seconds: every answer arrives, and each is the picture's."
    pics = {n: ((media/n).read_bytes(), pred(media/n)) for n in ('group.png', 'astronaut.jpg')}
    def client(k):
        done, stop = [], time.monotonic() + 4
        with httpx.Client(base_url=server, timeout=60) as http:
            while time.monotonic() < stop:
                name = list(pics)[(k + len(done)) % 2]
                r = http.post('/predict', content=pics[name][0])
                assert r.status_code == 200, r.text
                same_faces(r.json()['faces'], pics[name][1])
                done.append(name)
        return done
    with ThreadPoolExecutor(8) as ex: done = list(ex.map(client, range(8)))
    assert min(map(len, done)) >= 1 and sum(map(len, done)) >= 16, [len(d) for d in done]


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (apt-get install chromium; .ci/run does it)")
def test_live_page_in_chromium(server, media, pred):
    "The page with a fake camera playing a clip of two faces: it answers frames and shows both faces, ids and expressions."
    clip = write_y4m(media/'clip.avi', media/'clip.y4m')
    ARTIFACTS.mkdir(exist_ok=True)
    seen = watch_live(server + '/', clip, seconds=6, screenshot=ARTIFACTS/'live_page.png')
    assert (seen['error'], seen['console_errors']) in [(None, []), ('', [])], seen
    assert seen['answered'] >= 10, seen['status']
    assert np.mean(np.array(seen['faceCounts']) == 2) >= 0.9, seen['faceCounts']  # both faces found in (almost) every frame
    assert len(seen['listed']) == 2 and all(e in pred.classes and t.startswith(f"#{i} {e} ") for i, e, t in seen['listed']), seen['listed']
    assert (ARTIFACTS/'live_page.png').stat().st_size > 10_000
    photo = analyse_on_page(server + '/', media/'astronaut.jpg')
    assert (photo['status'], photo['picture'], photo['page_errors']) == ('astronaut.jpg: 1 face', [512, 512], []), photo
    video = analyse_on_page(server + '/', media/'clip.avi')
    assert video['status'].startswith('clip.avi: ') and video['csv'] == 'clip.csv', video
    assert video['table'].count('\n#') == len(pred.video(media/'clip.avi').id.unique()), video['table']
