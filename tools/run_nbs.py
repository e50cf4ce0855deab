"""Execute notebooks in place so that their committed outputs are fresh: `python tools/run_nbs.py nbs/00_data.ipynb ...`.

Cells marked `#| slow` or `#| eval: false` are skipped, as `nbdev_test` skips them; run `nbdev_clean` afterwards."""
import re, sys, time
from pathlib import Path
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory

_SKIP = re.compile(r'^#\|\s*(slow\b|eval:\s*false\b)', re.M)

def _skip(cell): return cell.cell_type != 'code' or bool(_SKIP.search(cell.source))

def run_nb(path:Path):
    "Execute the notebook at `path`, saving its outputs; stop at the first error."
    path = Path(path).resolve()
    t = time.time()
    with working_directory(path.parent):
        CaptureShell(path).execute(path, path, exc_stop=True, preproc=_skip)
    print(f"{path.name}: ran in {time.time()-t:.0f}s", flush=True)

if __name__ == '__main__':
    for p in sys.argv[1:]: run_nb(p)
