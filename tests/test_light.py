"A light install, without TensorFlow, Keras or the web server: prediction works; training, exporting, `.keras` files and `fer_serve` name the extra they need."
import json, subprocess, sys
from conftest import ROOT

SCRIPT = '''
import importlib.abc, importlib.util, io, json, sys
from contextlib import redirect_stdout, redirect_stderr
ABSENT = ('tensorflow', 'keras', 'fastapi', 'starlette', 'uvicorn', 'multipart', 'websockets')  # as a light install has them: not at all
class Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition('.')[0] in ABSENT: raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, Absent())
find_spec = importlib.util.find_spec
importlib.util.find_spec = lambda name, *a: None if name.partition('.')[0] in ABSENT else find_spec(name, *a)
from fer_nb.cli import main, fer_train, fer_evaluate
from fer_nb.export import fer_export
from fer_nb.predict import fer_predict
from fer_nb.serve import fer_serve
def run(func, *args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err): rc = main(func, list(args), prog=func.__name__)
    return dict(rc=rc, out=out.getvalue(), err=err.getvalue())
res = dict(train=run(fer_train, '--epochs', '1', '--out', sys.argv[1] + '/run'), export=run(fer_export, sys.argv[1] + '/m.onnx'),
           keras=run(fer_predict, 'examples/photos', '--model', sys.argv[1] + '/m.keras'), predict=run(fer_predict, 'examples/photos', '--json'),
           evaluate=run(fer_evaluate, '--json'), serve=run(fer_serve), loaded=sorted(m for m in sys.modules if m.partition('.')[0] in ABSENT))
print(json.dumps(res))
'''

def test_light_install(tmp_path):
    (tmp_path/'m.keras').write_bytes(b'a model file')
    r = subprocess.run([sys.executable, '-c', SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(r.stdout.strip().splitlines()[-1])
    extra = 'which a light install leaves out: pip install "fer_nb[train]"'
    for cmd, prog, what in [('train', 'fer_train', 'fer_train'), ('export', 'fer_export', 'fer_export'),
                            ('keras', 'fer_predict', f"{tmp_path/'m.keras'}: running a .keras model")]:
        assert (res[cmd]['rc'], res[cmd]['err']) == (2, f"{prog}: error: {what} needs tensorflow and keras, {extra}\n")
    faces = [f for l in res['predict']['out'].splitlines() for f in json.loads(l)['faces']]
    assert res['predict']['rc'] == 0 and [f['emotion'] for f in faces] == ['happiness']
    assert res['evaluate']['rc'] == 0 and json.loads(res['evaluate']['out'].splitlines()[-1])['n'] == 1080
    assert (res['serve']['rc'], res['serve']['err']) == (2, 'fer_serve: error: fer_serve needs fastapi, uvicorn, multipart and websockets, '
                                                           'which a light install leaves out: pip install "fer_nb[serve]"\n')
    assert not (tmp_path/'run').exists() and res['loaded'] == []  # nothing started, and TensorFlow never imported
