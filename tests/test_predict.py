import json
import cv2
import numpy as np
from conftest import run_cli, run_main
from fer_nb._fixtures import compose_group


def test_predict_photos_json_and_errors(trained_run, tmp_path, sample):
    out, _ = trained_run
    d = tmp_path/'imgs'; (d/'sub').mkdir(parents=True)
    cv2.imwrite(str(d/'group.jpg'), cv2.cvtColor(compose_group(sample.x[[3, 40, 500, 700]]), cv2.COLOR_GRAY2BGR))
    cv2.imwrite(str(d/'sub'/'empty.png'), np.full((120, 200), 90, np.uint8))
    (d/'sub'/'corrupt.png').write_bytes(b'\x89PNG\r\n broken')
    r = run_main('fer_predict', str(d), '--json', '--model', str(out/'model.keras'), '--annotate', str(tmp_path/'ann'))
    assert r.returncode == 1, r.stderr[-1500:]  # one file failed
    lines = {json.loads(l)['path'].split('/')[-1]: json.loads(l) for l in r.stdout.strip().splitlines()}
    assert set(lines) == {'group.jpg', 'empty.png', 'corrupt.png'}
    assert 'corrupt.png: not a readable image' in lines['corrupt.png']['error']
    assert lines['empty.png']['faces'] == []
    faces = lines['group.jpg']['faces']
    assert len(faces) == 4
    assert [f['box'][0] for f in faces] == sorted(f['box'][0] for f in faces)
    assert all(abs(sum(f['scores'].values()) - 1) < 1e-3 and f['emotion'] in f['scores'] for f in faces)
    assert (tmp_path/'ann'/'group.jpg').exists()  # a JPEG stays a JPEG


def test_predict_crops_without_detection(trained_run, tmp_path, sample):
    out, _ = trained_run
    cv2.imwrite(str(tmp_path/'face.png'), sample.x[0][..., 0])
    r = run_main('fer_predict', str(tmp_path/'face.png'), '--no-detect', '--model', str(out/'model.keras'))
    assert r.returncode == 0, r.stderr[-1500:]
    assert 'face.png: 1 face\n  face 1 (x 0, y 0, w 48, h 48): ' in r.stdout


def test_predict_bad_model(tmp_path, sample):
    cv2.imwrite(str(tmp_path/'face.png'), sample.x[0][..., 0])
    (tmp_path/'wrong.keras').write_text('nonsense')
    r = run_main('fer_predict', str(tmp_path/'face.png'), '--model', str(tmp_path/'wrong.keras'))
    assert r.returncode == 2
    assert 'wrong.keras: not a loadable Keras model' in r.stderr


def test_predict_real_photo_with_shipped_model(tmp_path):
    "The committed public-domain portrait: one face found where it is, classified by the shipped model, drawn."
    from pathlib import Path
    photo = Path(__file__).parent.parent/'examples'/'photos'/'astronaut.jpg'
    r = run_cli('fer_predict', str(photo), '--json', '--annotate', str(tmp_path/'ann'))
    assert r.returncode == 0, r.stderr[-1500:]
    (face,) = json.loads(r.stdout.strip().splitlines()[-1])['faces']
    x, y, w, h = face['box']
    assert abs(x - 177) < 15 and abs(y - 66) < 15 and 80 < w < 110
    assert face['emotion'] == 'happiness' and set(face['scores']) == {'anger', 'disgust', 'fear', 'happiness', 'sad', 'surprise', 'neutral'}
    assert face['score'] > 0.6 and len(face['landmarks']) == 5
    assert cv2.imread(str(tmp_path/'ann'/'astronaut.jpg')).shape == (512, 512, 3)
    r5 = run_cli('fer_predict', str(photo), '--json', '--classes', 'reference', '--detector', 'haar')
    (face5,) = json.loads(r5.stdout.strip().splitlines()[-1])['faces']
    assert face5['emotion'] == 'happiness' and list(face5['scores']) == ['anger', 'disgust', 'sad', 'happiness', 'surprise']
    assert face5['landmarks'] is None
    rf = run_cli('fer_predict', str(photo), '--json', '--model', 'fast')  # the shipped single network
    (fast,) = json.loads(rf.stdout.strip().splitlines()[-1])['faces']
    assert fast['box'] == face['box'] and fast['emotion'] == 'happiness' and fast['scores'] != face['scores']


def test_predict_video_console_script(tmp_path, sample):
    "A generated clip through the console script: JSON lines per analysed frame, stable ids, the CSV and the annotated mp4."
    import pandas as pd
    from fer_nb._fixtures import drifting_faces_clip
    clip = tmp_path/'clip.mp4'
    drifting_faces_clip(clip, sample.x, seconds=3, fps=10)
    r = run_cli('fer_predict', str(clip), '--json', '--every', '2', '--csv', str(tmp_path/'faces.csv'), '--annotate', str(tmp_path/'ann'))
    assert r.returncode == 0, r.stderr[-1500:]
    lines = [json.loads(l) for l in r.stdout.splitlines()]
    assert [l['frame'] for l in lines] == list(range(0, 30, 2))
    assert abs(lines[-1]['time'] - 2.8) < 1e-3
    ids = [f['id'] for l in lines for f in l['faces']]
    assert len(ids) >= 0.9 * 2 * len(lines) and set(ids) == {1, 2}
    table = pd.read_csv(tmp_path/'faces.csv')
    assert len(table) == len(ids) and set(table.emotion) <= {'anger', 'disgust', 'fear', 'happiness', 'sad', 'surprise', 'neutral'}
    cap = cv2.VideoCapture(str(tmp_path/'ann'/'clip.mp4'))
    assert int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) == 30
    cap.release()


def test_annotated_copies_never_overwrite_each_other(tmp_path, sample):
    "Inputs that share a name get copies of their own, each in its input's format, and a line says where each went."
    group = compose_group(sample.x[[3, 40]])
    for name in ('a/x.jpg', 'b/x.jpg', 'c/x.png'):
        (tmp_path/name).parent.mkdir(exist_ok=True); cv2.imwrite(str(tmp_path/name), group)
    r = run_cli('fer_predict', str(tmp_path/'a'), str(tmp_path/'b'), str(tmp_path/'c'), '--annotate', str(tmp_path/'ann'))
    assert r.returncode == 0, r.stderr[-1500:]
    assert sorted(p.name for p in (tmp_path/'ann').iterdir()) == ['x-2.jpg', 'x.jpg', 'x.png']
    assert r.stdout.count('annotated copy: ') == 3 and r.stdout.count(': 2 faces') == 3


def test_prediction_loads_no_tensorflow():
    "A photo through fer_predict, and every command's --help, in a fresh interpreter: TensorFlow and Keras are never imported."
    import subprocess, sys
    from pathlib import Path
    photo = Path(__file__).parent.parent/'examples'/'photos'/'astronaut.jpg'
    code = f"""import sys, contextlib, io
from fer_nb.predict import fer_predict, main
with contextlib.redirect_stdout(io.StringIO()) as out: status = main(fer_predict, [{str(photo)!r}])
import fer_nb.cli, fer_nb.export
print(status, 'happiness' in out.getvalue(), sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))"""
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=120)
    assert r.stdout.strip() == "0 True []", r.stdout + r.stderr[-1500:]
    for cmd in ('fer_predict', 'fer_train', 'fer_evaluate', 'fer_export'):
        h = run_cli(cmd, '--help')
        assert h.returncode == 0 and 'usage: ' + cmd in h.stdout and h.stderr == '', h.stderr[-500:]
