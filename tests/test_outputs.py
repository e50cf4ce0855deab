"`fer_predict`'s outputs: checked before any work, never claimed when not written, and a closed pipe ends it quietly."
import json, subprocess, time
from conftest import ROOT, run_main

PHOTO = str(ROOT/'examples'/'photos'/'astronaut.jpg')


def _one_error(r, expected):
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    assert r.stderr.splitlines() == [f"fer_predict: error: {expected}"]
    assert r.stdout == ''  # no work started


def test_outputs_that_cannot_be_written_stop_it_before_any_work(tmp_path):
    (tmp_path/'file').write_text('a file, not a folder')
    _one_error(run_main('fer_predict', PHOTO, '--csv', str(tmp_path/'file'/'faces.csv')), f"{tmp_path/'file'}: is a file, where a folder to write into was expected")
    _one_error(run_main('fer_predict', PHOTO, '--annotate', str(tmp_path/'file'/'ann')), f"{tmp_path/'file'/'ann'}: cannot write here (Not a directory)")
    (tmp_path/'taken.csv').mkdir()
    _one_error(run_main('fer_predict', PHOTO, '--csv', str(tmp_path/'taken.csv')), f"{tmp_path/'taken.csv'}: cannot write this file (Is a directory)")
    _one_error(run_main('fer_predict', PHOTO, '--csv', 's3://bucket/faces.csv'),
               "s3://bucket: fer_predict writes its CSV file and annotated copies on this machine; give a local path")


def test_a_folder_without_write_permission_is_refused(tmp_path, monkeypatch):
    "As root every folder is writable, so the refusal a user without permission meets is made here by the file system call itself."
    import fer_nb.predict
    def refused(*a, **k): raise PermissionError(13, 'Permission denied')
    monkeypatch.setattr(fer_nb.predict.tempfile, 'TemporaryFile', refused)
    _one_error(run_main('fer_predict', PHOTO, '--annotate', str(tmp_path/'ann')), f"{tmp_path/'ann'}: cannot write here (Permission denied)")


def test_a_csv_into_a_missing_folder_is_written(tmp_path):
    r = run_main('fer_predict', PHOTO, '--csv', str(tmp_path/'new'/'deeper'/'faces.csv'))
    assert r.returncode == 0, r.stderr
    assert (tmp_path/'new'/'deeper'/'faces.csv').read_text().count('\n') == 2  # the header and the one face


def test_an_annotated_video_that_cannot_be_written_is_an_error(tmp_path, sample):
    from fer_nb._fixtures import drifting_faces_clip
    drifting_faces_clip(tmp_path/'clip.mp4', sample.x, seconds=1)
    (tmp_path/'ann'/'clip.mp4').mkdir(parents=True)  # a folder where the copy would go: OpenCV cannot open it for writing
    r = run_main('fer_predict', str(tmp_path/'clip.mp4'), '--annotate', str(tmp_path/'ann'))
    assert r.returncode == 1
    assert f"fer_predict: error: {tmp_path/'ann'/'clip.mp4'}: could not be written" in r.stderr
    assert 'annotated copy' not in r.stdout


def test_uris_are_read_or_named_as_given(tmp_path, monkeypatch):
    r = run_main('fer_predict', f"file://{PHOTO}", '--json')  # a URI pyarrow reads
    assert r.returncode == 0 and json.loads(r.stdout)['path'] == f"file://{PHOTO}" and len(json.loads(r.stdout)['faces']) == 1
    monkeypatch.setenv('AWS_REGION', 'us-east-1')
    r = run_main('fer_predict', 's3://no-such-bucket.invalid/x.jpg')  # a store that cannot be reached: one line, naming the URI
    assert r.returncode == 2 and r.stderr.startswith('fer_predict: error: s3://no-such-bucket.invalid/x.jpg: ') and len(r.stderr.splitlines()) == 1
    import fer_nb.predict
    monkeypatch.setattr(fer_nb.predict, 'REMOTE_TIMEOUT', 2.)
    t = time.time()
    r = run_main('fer_predict', 'gs://no-such-bucket/x.jpg')  # GCS without credentials: an error in bounded time, not a wait
    assert r.returncode == 2 and r.stderr.startswith('fer_predict: error: gs://no-such-bucket/x.jpg: ') and time.time() - t < 30


def test_a_closed_pipe_ends_it_quietly(tmp_path):
    p = subprocess.Popen(['fer_predict', *[PHOTO] * 40, '--json'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = p.stdout.readline()
    p.stdout.close()  # as `| head -1` does
    err = p.stderr.read()
    assert p.wait(timeout=120) == 141  # 128 + SIGPIPE, as a Unix tool killed by a closed pipe
    assert '"emotion": "happiness"' in first and err == ''
