"Every kind of broken input gives a one-line error naming the file (and line or image) and exit status 2."
import gzip
import numpy as np
import pytest
from conftest import run_cli, run_main, face_row

GOOD = face_row(0)


def _train(path, *extra):
    "fer_train of the small `vgg` network in this process (the console script's own start-up is tested elsewhere)."
    return run_main('fer_train', '--data', str(path), '--arch', 'vgg', '--epochs', '1', '--out', str(path.parent/'run'),
                    *extra)


def _check(r, *expected):
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    err = r.stderr.strip().splitlines()[-1]
    for e in expected: assert e in err, err
    assert 'Traceback' not in r.stderr


@pytest.mark.parametrize('name, text, expected', [
    ('empty.csv', '', ['empty.csv', 'the file is empty']),
    ('header.csv', 'label,image\n0,1 2 3\n', ['header.csv', "expected 'emotion' and 'pixels'"]),
    ('count.csv', f'emotion, pixels\n{GOOD}\n{face_row(1, n=2300)}\n', ['count.csv line 3', '2300 pixel values, expected 2304']),
    ('nonnum.csv', f'emotion, pixels\n{GOOD}\n1,{" ".join(["7"]*2303)} abc\n', ['nonnum.csv line 3', "non-numeric pixel value 'abc'"]),
    ('range.csv', f'emotion, pixels\n{GOOD}\n{GOOD}\n{face_row(2, value=300)}\n', ['range.csv line 4', 'pixel value 300 outside 0-255']),
    ('label.csv', f'emotion, pixels\n{GOOD}\n{face_row(7)}\n', ['label.csv line 3', "emotion '7' is not a class label"]),
    ('ragged.csv', f'emotion, pixels\n{GOOD}\n{GOOD},extra\n', ['ragged.csv', 'not a well-formed CSV']),
])
def test_bad_csv(tmp_path, name, text, expected):
    p = tmp_path/name
    p.write_text(text)
    _check(_train(p), *expected)


@pytest.mark.parametrize('args, expected', [
    (['--erase', '1.5'], 'erase is a probability, got 1.5'),
    (['--erase', '0.5', '--no-augment'], 'erase needs augment'),
    (['--schedule', 'plateau'], "schedule must be one of constant, cosine, got 'plateau'"),
])
def test_bad_training_settings(tmp_path, args, expected):
    _check(run_main('fer_train', '--out', str(tmp_path/'run'), *args), expected)


def test_missing_file(tmp_path):
    _check(_train(tmp_path/'nowhere.csv'), 'nowhere.csv: no such file')
    _check(run_main('fer_evaluate', '--model', str(tmp_path/'none.keras')), 'none.keras: no such model file')


def test_corrupt_model(tmp_path):
    (tmp_path/'bad.keras').write_bytes(b'not a zip')
    _check(run_main('fer_evaluate', '--model', str(tmp_path/'bad.keras')), 'bad.keras: not a loadable Keras model')


def test_not_gzip(tmp_path):
    p = tmp_path/'fake.csv.gz'
    p.write_text('emotion, pixels\n')
    _check(_train(p), 'fake.csv.gz')


def test_skip_bad_reports_dropped_rows(tmp_path, sample):
    rows = [f"{y},{' '.join(map(str, x.ravel()))}" for x, y in zip(sample.x[:60], sample.y[:60])]
    rows[4] = face_row(1, n=10)
    rows[9] = face_row(1, value=999)
    p = tmp_path/'some_bad.csv'
    p.write_text('emotion, pixels\n' + '\n'.join(rows) + '\n')
    _check(_train(p), 'some_bad.csv line 6', '1 more broken rows')
    r = run_main('fer_evaluate', '--data', str(p), '--skip-bad')  # fer_train and fer_evaluate read data alike
    assert r.returncode == 0, r.stderr[-1500:]
    assert 'skipped 2 broken rows (lines 6, 11)' in r.stdout and '58 faces' in r.stdout


def _tree(root, sample, n=30):
    import cv2
    for i, (x, y) in enumerate(zip(sample.x[:n], sample.y[:n])):
        d = root/'train'/['angry', 'disgust', 'sad', 'happy', 'surprise'][y]
        d.mkdir(parents=True, exist_ok=True)
        cv2.imwrite(str(d/f'{i}.png'), x[..., 0])
    return root


def test_bad_image_in_folder(tmp_path, sample):
    root = _tree(tmp_path/'faces', sample)
    (root/'train'/'sad'/'broken.png').write_bytes(b'\x89PNG garbage')
    _check(_train(root), 'broken.png: not a readable image')


def test_folder_without_images(tmp_path):
    (tmp_path/'faces'/'happy').mkdir(parents=True)
    _check(_train(tmp_path/'faces'), 'no images found')
    (tmp_path/'stuff'/'misc').mkdir(parents=True)
    _check(_train(tmp_path/'stuff'), 'expected class folders')


def test_folder_trains_and_converts(tmp_path, sample):
    import cv2
    root = _tree(tmp_path/'faces', sample, n=80)
    cv2.imwrite(str(root/'train'/'happy'/'big.jpg'), np.dstack([cv2.resize(sample.x[0], (96, 96))]*3))
    r = _train(root, '--split', 'usage')
    assert r.returncode == 0, r.stderr[-1500:]
    assert 'converted 1 images to 48x48 grey' in r.stdout
    assert '81 faces' in r.stdout
    r = run_main('fer_evaluate', '--data', str(root), '--model', str(tmp_path/'run'/'model.keras'), '--json')
    assert r.returncode == 0, r.stderr[-1500:]
    import json
    assert json.loads(r.stdout.strip().splitlines()[-1])['n'] == 81


def test_kaggle_file_gives_five_class_subset(tmp_path, sample):
    fer7 = {0: 0, 1: 1, 2: 4, 3: 3, 4: 5}
    rows = [f"{fer7[y]},{' '.join(map(str, x.ravel()))},Training" for x, y in zip(sample.x[:70], sample.y[:70])]
    rows += [face_row(2) + ',Training', face_row(6) + ',PublicTest', face_row(6) + ',PublicTest']
    p = tmp_path/'fer2013.csv.gz'
    with gzip.open(p, 'wt') as f: f.write('emotion,pixels,Usage\n' + '\n'.join(rows) + '\n')
    r = _train(p)
    assert r.returncode == 0, r.stderr[-1500:]
    assert 'dropped 3 faces outside the 5 classes (neutral 2, fear 1)' in r.stdout
    assert '70 faces' in r.stdout
    r = run_cli('fer_train', '--data', str(p), '--classes', 'fer9', '--out', str(tmp_path/'run9'))
    _check(r, 'Unknown class set')
    assert 'tensorflow' not in r.stderr.lower()  # bad input stops before TensorFlow loads
