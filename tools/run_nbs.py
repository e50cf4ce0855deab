"""Execute notebooks in place so that their committed outputs are fresh: `python tools/run_nbs.py nbs/00_data.ipynb ...`.

Cells marked `#| slow` or `#| eval: false` are skipped, as `nbdev_test` skips them; run `nbdev_clean` afterwards.
The temporary folders the notebooks work in are named `tmp` in the saved outputs: a reader's own run makes others."""
import json, re, sys, tempfile, time
from pathlib import Path
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory

_TMP = re.compile(re.escape(tempfile.gettempdir()) + r'/tmp[\w]+')

def scrub(path:Path):
    "Name the temporary folders in the outputs of the notebook at `path` `tmp`."
    nb = json.loads(path.read_text())
    for c in nb['cells']:
        for o in c.get('outputs', []):
            for k, v in [('text', o.get('text')), *(o.get('data') or {}).items()]:
                if isinstance(v, list) and k != 'image/png':
                    new = [_TMP.sub('tmp', line) for line in v]
                    if k == 'text': o['text'] = new
                    else: o['data'][k] = new
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')

_SKIP = re.compile(r'^#\|\s*(slow\b|eval:\s*false\b)', re.M)

def _skip(cell): return cell.cell_type != 'code' or bool(_SKIP.search(cell.source))

def run_nb(path:Path):
    "Execute the notebook at `path`, saving its outputs; stop at the first error."
    path = Path(path).resolve()
    t = time.time()
    with working_directory(path.parent):
        CaptureShell(path).execute(path, path, exc_stop=True, preproc=_skip)
    scrub(path)
    print(f"{path.name}: ran in {time.time()-t:.0f}s", flush=True)

if __name__ == '__main__':
    for p in sys.argv[1:]: run_nb(p)
